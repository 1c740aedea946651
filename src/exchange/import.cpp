#include "exchange/import.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <unordered_map>

#include "core/crypto.h"
#include "exchange/table.h"
#include "registry/authority.h"
#include "registry/model.h"
#include "text/text.h"

namespace ketnoi::exchange {

namespace {

// ---------------------------------------------------------------------------------------------
// Columns → task fields.

// Folded header: lower case, no marks, letters and digits only, single spaces.
std::string HeaderKey(const std::string& h) {
  std::string f = text::Fold(text::Nfc(h));
  std::string out;
  for (char c : f) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum)
      out += c;
    else if (!out.empty() && out.back() != ' ')
      out += ' ';
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

const std::vector<std::pair<std::string, std::vector<std::string>>>& FieldAliases() {
  // field → headers that mean it (Vietnamese and English, compared folded).
  static const std::vector<std::pair<std::string, std::vector<std::string>>> kAliases = {
      // When two columns mean one field, the earlier alias wins: a Ketnoi export's JSON Lines
      // carry both "id" (this registry's number) and "Record id" (the key at the source).
      {"external_id",
       {"external_id", "external id", "record id", "ma ban ghi", "ma dinh danh", "id"}},
      {"code", {"code", "ma nhiem vu", "ma so", "ma so nhiem vu", "ma de tai"}},
      {"title", {"title", "ten nhiem vu", "ten de tai", "ten du an", "ten"}},
      {"kind", {"kind", "loai", "loai nhiem vu", "loai hinh"}},
      {"level", {"level", "cap", "cap quan ly", "cap nhiem vu"}},
      {"field", {"field", "linh vuc", "ma linh vuc", "linh vuc khcn", "field code"}},
      {"program", {"program", "chuong trinh", "ma chuong trinh"}},
      {"host",
       {"host", "co quan chu tri", "to chuc chu tri", "don vi chu tri", "host organisation",
        "host organization"}},
      {"pi", {"pi", "chu nhiem", "chu nhiem nhiem vu", "principal investigator"}},
      // Identifiers of the host and the PI (registry/authority.h), checked on every row.
      {"host_tax_code",
       {"host_tax_code", "host tax code", "tax code", "ma so thue", "mst",
        "ma so thue co quan chu tri"}},
      {"host_ror", {"host_ror", "host ror", "ror", "ror id", "ma ror"}},
      {"pi_orcid", {"pi_orcid", "pi orcid", "orcid", "orcid chu nhiem"}},
      {"year", {"year", "nam", "nam bat dau"}},
      {"start", {"start", "ngay bat dau", "start date", "thoi gian bat dau"}},
      {"end", {"end", "ngay ket thuc", "end date", "thoi gian ket thuc"}},
      {"budget_million_vnd",
       {"budget million vnd", "budget_million_vnd", "kinh phi trieu dong", "kinh phi trieu",
        "kinh phi"}},
      {"budget_vnd",
       {"budget vnd", "budget_vnd", "kinh phi dong", "kinh phi ngan sach dong", "state budget dong",
        "state budget vnd"}},
      {"budget_state_million_vnd", {"budget state million vnd", "kinh phi ngan sach trieu dong"}},
      {"budget_other_million_vnd", {"budget other million vnd", "kinh phi khac trieu dong"}},
      {"budget_other_vnd",
       {"budget other vnd", "budget_other_vnd", "kinh phi khac dong", "other funding dong",
        "other funding vnd"}},
      {"status", {"status", "tinh trang", "trang thai"}},
      {"confidentiality", {"confidentiality", "muc do cong khai", "bao mat"}},
      {"abstract", {"abstract", "tom tat"}},
      {"objectives", {"objectives", "muc tieu"}},
      {"content", {"content", "noi dung", "noi dung chinh"}},
      {"keywords", {"keywords", "tu khoa"}},
      {"result", {"result", "ket qua"}},
      {"archive_no", {"archive_no", "archive no", "so dang ky", "so dang ky ket qua"}},
      {"applied_at", {"applied_at", "applied at", "noi ung dung"}},
      // Where the records come from (a Ketnoi export names it): the import's source when none
      // is given (ImportTable).
      {"source", {"source", "nguon", "nguon du lieu"}},
  };
  return kAliases;
}

// The field a header means and how specific the header is (0 = a mapping given by the user,
// then the alias's position in its list).
std::pair<std::string, size_t> FieldOfHeader(const std::string& header, const ImportOptions& opt) {
  for (const auto& [from, to] : opt.mapping)
    if (HeaderKey(from) == HeaderKey(header)) return {to, 0};
  std::string key = HeaderKey(header);
  // "external_id" folds to "external id"; compare both spellings.
  for (const auto& [field, aliases] : FieldAliases())
    for (size_t i = 0; i < aliases.size(); ++i)
      if (HeaderKey(aliases[i]) == key) return {field, i + 1};
  return {"", 0};
}

// A term of a vocabulary by code or by label (vi or en, folded).
std::optional<std::string> TermCode(std::span<const registry::Term> terms, const std::string& v) {
  std::string key = HeaderKey(v);
  for (const auto& t : terms)
    if (t.code == v || HeaderKey(std::string(t.code)) == key ||
        HeaderKey(std::string(t.vi)) == key || HeaderKey(std::string(t.en)) == key)
      return std::string(t.code);
  return std::nullopt;
}

// "PGS.TS. Nguyễn Văn An" → title "PGS.", degree "TS.", name "Nguyễn Văn An".
registry::Person ParsePersonName(const std::string& raw) {
  registry::Person p;
  std::string s = text::CollapseSpaces(text::Nfc(raw));
  static const std::vector<std::pair<std::string, bool>> kPrefixes = {
      {"PGS.", true}, {"GS.", true},  {"TS.", false}, {"ThS.", false},
      {"CN.", false}, {"KS.", false}, {"BS.", false}};
  bool more = true;
  while (more) {
    more = false;
    for (const auto& [prefix, academic] : kPrefixes) {
      std::string bare = prefix.substr(0, prefix.size() - 1);
      if (s.rfind(prefix, 0) == 0 || (s.rfind(bare + " ", 0) == 0)) {
        (academic ? p.academic_title : p.degree) = prefix;
        s = text::CollapseSpaces(s.substr(s.rfind(prefix, 0) == 0 ? prefix.size() : bare.size()));
        more = true;
        break;
      }
    }
  }
  p.full_name = s;
  return p;
}

struct References {
  std::unordered_map<std::string, int64_t> orgs;  // folded name or short name → id
  // authority::OrganisationNameKey of the name or short name ("ĐH Bách khoa Hà Nội" meets
  // "Trường Đại học Bách khoa Hà Nội"); identifiers → id.
  std::unordered_map<std::string, int64_t> org_keys, org_tax_codes, org_rors, orcids;
  std::unordered_map<std::string, int64_t> people;    // folded full name + "|" + host id → id
  std::unordered_map<std::string, int64_t> programs;  // folded code or name → id
  bool create_programs = false;                       // ImportOptions::create_programs
};

Result<References> LoadReferences(store::Db& db, registry::Registry& reg) {
  References refs;
  KETNOI_ASSIGN_OR_RETURN(
      store::Rows orgs,
      // A merged organisation or person answers with the record it was merged into.
      db.Query("SELECT COALESCE(merged_into, id), name, short_name, tax_code, ror_id FROM "
               "organisations ORDER BY id"));
  for (size_t i = 0; i < orgs.size(); ++i) {
    refs.orgs.emplace(HeaderKey(orgs.Text(i, 1)), orgs.Int(i, 0));
    refs.org_keys.emplace(authority::OrganisationNameKey(orgs.Text(i, 1)), orgs.Int(i, 0));
    if (!orgs.IsNull(i, 2) && !orgs.Text(i, 2).empty()) {
      refs.orgs.emplace(HeaderKey(orgs.Text(i, 2)), orgs.Int(i, 0));
      refs.org_keys.emplace(authority::OrganisationNameKey(orgs.Text(i, 2)), orgs.Int(i, 0));
    }
    if (!orgs.IsNull(i, 3) && !orgs.Text(i, 3).empty())
      refs.org_tax_codes.emplace(orgs.Text(i, 3), orgs.Int(i, 0));
    if (!orgs.IsNull(i, 4) && !orgs.Text(i, 4).empty())
      refs.org_rors.emplace(orgs.Text(i, 4), orgs.Int(i, 0));
  }
  KETNOI_ASSIGN_OR_RETURN(store::Rows orcids,
                          db.Query("SELECT COALESCE(merged_into, id), orcid FROM people WHERE "
                                   "orcid IS NOT NULL AND orcid <> '' ORDER BY id"));
  for (size_t i = 0; i < orcids.size(); ++i)
    refs.orcids.emplace(orcids.Text(i, 1), orcids.Int(i, 0));
  KETNOI_ASSIGN_OR_RETURN(store::Rows people,
                          db.Query("SELECT COALESCE(p.merged_into, p.id), p.full_name, "
                                   "COALESCE(o.merged_into, p.affiliation_id) FROM people p LEFT "
                                   "JOIN organisations o ON o.id = p.affiliation_id"));
  for (size_t i = 0; i < people.size(); ++i)
    refs.people.emplace(HeaderKey(people.Text(i, 1)) + "|" + std::to_string(people.Int(i, 2)),
                        people.Int(i, 0));
  KETNOI_ASSIGN_OR_RETURN(auto programs, reg.ListPrograms());
  for (const auto& p : programs) {
    refs.programs.emplace(HeaderKey(p.code), p.id);
    refs.programs.emplace(HeaderKey(p.name), p.id);
  }
  return refs;
}

// What a row becomes: the task, and the host and PI names to find or create.
struct Parsed {
  registry::Task task;
  std::string host_name, pi_name;
  // Normalised identifiers ("" when not given): the tax code and ROR URL as the registry keeps
  // them, the bare ORCID iD.
  std::string host_tax_code, host_ror, pi_orcid;
  std::string new_program;  // a program code to create (ImportOptions::create_programs)
};

// A spreadsheet's date cell read as its number: days since 1899-12-30 (Excel's and
// LibreOffice's 1900 system; a Ketnoi XLSX export writes dates so). Only 1950–2100 ("18264"
// is 1950-01-01), so an ordinary number is not mistaken for a date.
std::optional<Date> ExcelSerialDate(const std::string& v) {
  std::string digits = v.ends_with(".0") ? v.substr(0, v.size() - 2) : v;
  if (digits.size() != 5 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  int64_t serial = std::stoll(digits);
  if (serial < 18264 || serial > 73051) return std::nullopt;
  return Date::FromDaysSinceEpoch(serial - 25569);  // 25569 = 1970-01-01
}

// A task already in the registry keeps what the file does not say: only the fields of the
// file's columns replace the stored ones, so a partner's list with a few columns (or a Ketnoi
// export) never wipes objectives, members or products kept here. A column present with an
// empty cell does clear its field.
registry::Task Overlay(registry::Task stored, const registry::Task& in,
                       const std::set<std::string>& present) {
  auto has = [&](std::initializer_list<const char*> fields) {
    for (const char* f : fields)
      if (present.count(f)) return true;
    return false;
  };
  if (has({"code"})) stored.code = in.code;
  stored.title = in.title;
  if (has({"kind"})) stored.kind = in.kind;
  if (has({"level"})) stored.level = in.level;
  if (has({"status"})) stored.status = in.status;
  if (has({"confidentiality"})) stored.confidentiality = in.confidentiality;
  if (has({"field"})) stored.field_code = in.field_code;
  if (has({"program"})) stored.program_id = in.program_id;
  if (has({"host", "host_tax_code", "host_ror"})) stored.host_id = in.host_id;
  if (has({"pi", "pi_orcid"})) stored.pi_id = in.pi_id;
  if (has({"start"})) {
    stored.start = in.start;
  } else if (has({"year"})) {
    // A year alone keeps a stored start date of that year.
    if (!in.start || !stored.start || stored.start->year != in.start->year) stored.start = in.start;
  }
  if (has({"end"})) stored.end = in.end;
  if (has({"budget_million_vnd", "budget_vnd", "budget_state_million_vnd"}))
    stored.budget_state = in.budget_state;
  if (has({"budget_other_million_vnd", "budget_other_vnd"})) stored.budget_other = in.budget_other;
  if (has({"abstract"})) stored.abstract = in.abstract;
  if (has({"objectives"})) stored.objectives = in.objectives;
  if (has({"content"})) stored.content = in.content;
  if (has({"result"})) stored.result_summary = in.result_summary;
  if (has({"archive_no"})) stored.archive_no = in.archive_no;
  if (has({"applied_at"})) stored.applied_at = in.applied_at;
  if (has({"keywords"})) stored.keywords = in.keywords;
  return stored;
}

RowError Error(int64_t row, const std::string& column, const std::string& value, Message m) {
  return RowError{row, column, value, std::move(m)};
}

std::optional<RowError> ParseRow(const Table& t, const Row& row,
                                 const std::vector<std::string>& fields, const References& refs,
                                 const std::string& source, Parsed& out) {
  registry::Task& task = out.task;
  task = registry::Task{};
  task.source = source;

  auto cell = [&](const std::string& field, std::string* header = nullptr) -> std::string {
    for (size_t c = 0; c < fields.size() && c < row.cells.size(); ++c)
      if (fields[c] == field) {
        if (header) *header = t.header[c];
        return text::CollapseSpaces(text::Nfc(row.cells[c]));
      }
    if (header) *header = field;
    return "";
  };

  std::string h;
  for (size_t c = 0; c < row.cells.size(); ++c)
    if (!text::IsValidUtf8(row.cells[c]))
      return Error(row.number, c < t.header.size() ? t.header[c] : "", "",
                   {"text.bad_utf8", {{"offset", "0"}}});
  task.external_id = cell("external_id");
  task.code = cell("code");
  if (task.external_id.empty()) task.external_id = task.code;
  if (task.external_id.empty())
    return Error(row.number, "external_id", "", {"import.no_external_id", {}});
  task.title = cell("title");
  if (std::string v = cell("kind", &h); !v.empty()) {
    auto code = TermCode(registry::TaskKinds(), v);
    if (!code)
      return Error(row.number, h, v,
                   {"import.bad_term",
                    {{"allowed", "de_tai, du_an_sxtn, de_an, du_an_khcn, chuong_trinh"}}});
    task.kind = *code;
  }
  if (std::string v = cell("level", &h); !v.empty()) {
    auto code = TermCode(registry::TaskLevels(), v);
    if (!code)
      return Error(row.number, h, v,
                   {"import.bad_term", {{"allowed", "quoc_gia, bo, tinh, co_so"}}});
    task.level = *code;
  }
  if (std::string v = cell("status", &h); !v.empty()) {
    auto code = TermCode(registry::TaskStatuses(), v);
    if (!code)
      return Error(row.number, h, v,
                   {"import.bad_term", {{"allowed", "in_progress, completed, …"}}});
    task.status = *code;
  }
  if (std::string v = cell("confidentiality", &h); !v.empty()) {
    auto code = TermCode(registry::Confidentialities(), v);
    if (!code)
      return Error(row.number, h, v,
                   {"import.bad_term", {{"allowed", "public, restricted, secret"}}});
    task.confidentiality = *code;
  }
  if (std::string v = cell("field", &h); !v.empty()) {
    std::string code;
    size_t digits = v.find_first_not_of("0123456789");
    if (digits == std::string::npos || digits > 0) code = v.substr(0, digits);  // "302 – Y học"
    if (code.empty()) {
      // By name: exact (folded), else the shortest field name that ends with the words given
      // ("Nông nghiệp" → "Khoa học nông nghiệp", "Môi trường" → "Kỹ thuật môi trường").
      std::string key = HeaderKey(v);
      size_t best_len = std::string::npos;
      for (const auto& f : registry::FieldClassification()) {
        for (const std::string& name :
             {HeaderKey(std::string(f.name_vi)), HeaderKey(std::string(f.name_en))}) {
          bool exact = name == key;
          bool suffix = name.size() > key.size() &&
                        name.compare(name.size() - key.size(), key.size(), key) == 0 &&
                        name[name.size() - key.size() - 1] == ' ';
          if (exact) {
            code = std::string(f.code);
            best_len = 0;
          } else if (suffix && name.size() < best_len) {
            code = std::string(f.code);
            best_len = name.size();
          }
        }
        if (best_len == 0) break;
      }
    }
    if (code.empty() || !registry::AcceptableFieldCode(code))
      return Error(row.number, h, v, {"import.bad_field", {}});
    task.field_code = code;
  }
  if (std::string v = cell("program", &h); !v.empty()) {
    auto it = refs.programs.find(HeaderKey(v));
    if (it != refs.programs.end())
      task.program_id = it->second;
    else if (refs.create_programs)
      out.new_program = v;
    else
      return Error(row.number, h, v, {"import.unknown_program", {}});
  }
  if (std::string v = cell("year", &h); !v.empty()) {
    int year = 0;
    bool ok = v.size() == 4 &&
              std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (ok) year = std::stoi(v);
    if (!ok || year < 1950 || year > 2100) return Error(row.number, h, v, {"import.bad_year", {}});
    // A year alone is recorded as its first day (the registry keeps dates).
    task.start = Date{year, 1, 1};
  }
  for (const char* f : {"start", "end"}) {
    if (std::string v = cell(f, &h); !v.empty()) {
      auto d = ParseDate(v);
      if (!d) d = ExcelSerialDate(v);
      if (!d) return Error(row.number, h, v, {"import.bad_date", {}});
      (std::string(f) == "start" ? task.start : task.end) = *d;
    }
  }
  auto money = [&](const char* field, bool million, Money& target) -> std::optional<RowError> {
    std::string v = cell(field, &h);
    if (v.empty()) return std::nullopt;
    auto m = million ? ParseMillionVnd(v) : ParseVnd(v);
    if (!m)
      return Error(row.number, h, v, {million ? "import.bad_million" : "import.bad_money", {}});
    target = *m;
    return std::nullopt;
  };
  if (auto e = money("budget_million_vnd", true, task.budget_state)) return e;
  if (auto e = money("budget_vnd", false, task.budget_state)) return e;
  if (auto e = money("budget_state_million_vnd", true, task.budget_state)) return e;
  if (auto e = money("budget_other_million_vnd", true, task.budget_other)) return e;
  if (auto e = money("budget_other_vnd", false, task.budget_other)) return e;
  task.abstract = cell("abstract");
  task.objectives = cell("objectives");
  task.content = cell("content");
  task.result_summary = cell("result");
  task.archive_no = cell("archive_no");
  task.applied_at = cell("applied_at");
  if (std::string v = cell("keywords"); !v.empty()) {
    size_t pos = 0;
    while (pos <= v.size()) {
      size_t end = v.find_first_of(";,", pos);
      if (end == std::string::npos) end = v.size();
      std::string k = text::CollapseSpaces(v.substr(pos, end - pos));
      if (!k.empty()) task.keywords.push_back(k);
      pos = end + 1;
    }
  }
  out.host_name = cell("host");
  out.pi_name = cell("pi");
  // Identifiers: checked here, so a bad one names its row and column before anything is written.
  auto identifier = [&](const char* field, auto normalise,
                        std::string& target) -> std::optional<RowError> {
    std::string v = cell(field, &h);
    if (v.empty()) return std::nullopt;
    Result<std::string> r = normalise(v, field);
    if (!r.ok()) return Error(row.number, h, v, r.status().message());
    target = *r;
    return std::nullopt;
  };
  if (auto e = identifier("host_tax_code", authority::NormalizeTaxCode, out.host_tax_code))
    return e;
  if (auto e = identifier("host_ror", authority::NormalizeRor, out.host_ror)) return e;
  if (auto e = identifier("pi_orcid", authority::NormalizeOrcid, out.pi_orcid)) return e;
  if (!out.host_ror.empty()) out.host_ror = authority::RorUrl(out.host_ror);
  // The record's own rules (required title, lengths, period, …), naming the column.
  registry::Task check = task;
  Status s = registry::NormaliseAndValidate(check);
  if (!s.ok()) {
    std::string field = s.message().Param("field");
    std::string column = field;
    for (size_t c = 0; c < fields.size(); ++c)
      if (fields[c] == field || (field == "budget_state" && fields[c].rfind("budget", 0) == 0))
        column = t.header[c];
    std::string value;
    for (size_t c = 0; c < fields.size() && c < row.cells.size(); ++c)
      if (t.header[c] == column) value = row.cells[c];
    return Error(row.number, column, value, s.message());
  }
  return std::nullopt;
}

std::string DefaultSource(const std::filesystem::path& file) {
  std::string stem = HeaderKey(file.stem().string());
  std::replace(stem.begin(), stem.end(), ' ', '-');
  return stem.empty() ? "import" : stem;
}

}  // namespace

std::optional<Format> ParseFormat(std::string_view name) {
  std::string n(name);
  for (auto& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (n == "csv" || n == "tsv" || n == "txt") return Format::kCsv;
  if (n == "xlsx") return Format::kXlsx;
  if (n == "json") return Format::kJson;
  if (n == "jsonl" || n == "ndjson") return Format::kJsonl;
  return std::nullopt;
}

std::optional<Format> FormatOfPath(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  if (!ext.empty() && ext[0] == '.') ext.erase(0, 1);
  return ParseFormat(ext);
}

const std::vector<std::string>& TaskImportFields() {
  static const std::vector<std::string> kFields = [] {
    std::vector<std::string> v;
    for (const auto& [f, a] : FieldAliases()) v.push_back(f);
    return v;
  }();
  return kFields;
}

Result<ImportReport> ImportTasks(store::Db& db, registry::Registry& reg, const Clock& clock,
                                 const std::filesystem::path& path, const ImportOptions& opt,
                                 const ImportProgress& progress) {
  ImportReport report;
  report.file = path.string();
  std::ifstream in(path, std::ios::binary);
  if (!in) return UnreadableFile(report.file, "cannot open the file");
  std::stringstream buf;
  buf << in.rdbuf();
  std::string bytes = buf.str();
  report.sha256 = crypto::Sha256Hex(bytes);
  std::optional<Format> format = opt.format ? opt.format : FormatOfPath(path);
  if (!format) return Status::Invalid({"import.unknown_format", {{"file", report.file}}});
  report.source = opt.source.empty() ? DefaultSource(path) : opt.source;
  Table table;
  if (*format == Format::kXlsx) {
    report.format = "xlsx";
    report.encoding = "utf-8";
    KETNOI_ASSIGN_OR_RETURN(table, ParseXlsx(bytes, report.file));
  } else {
    text::Encoding enc = opt.encoding ? *opt.encoding : text::DetectEncoding(bytes);
    report.encoding = std::string(text::EncodingName(enc));
    auto decoded = text::ToUtf8(bytes, enc);
    if (!decoded.ok())
      return Status::Invalid({"import.bad_encoding",
                              {{"file", report.file},
                               {"encoding", report.encoding},
                               {"offset", decoded.status().message().Param("offset")}}});
    if (*format == Format::kCsv) {
      report.format = "csv";
      KETNOI_ASSIGN_OR_RETURN(table, ParseCsv(*decoded, report.file));
    } else {
      report.format = *format == Format::kJson ? "json" : "jsonl";
      KETNOI_ASSIGN_OR_RETURN(table, ParseJson(*decoded, report.file, *format == Format::kJsonl));
    }
  }
  return ImportTable(db, reg, clock, table, std::move(report), path.filename().string(), opt,
                     progress);
}

Result<ImportReport> ImportTable(store::Db& db, registry::Registry& reg, const Clock& clock,
                                 const Table& table, ImportReport report,
                                 const std::string& provenance_name, const ImportOptions& opt,
                                 const ImportProgress& progress) {
  // The header decides what each column is.
  // Two columns meaning one field: the more specific header is read, the other is listed as
  // unused.
  std::vector<std::string> fields;
  std::vector<size_t> ranks;
  for (const auto& h : table.header) {
    auto [f, rank] = FieldOfHeader(h, opt);
    fields.push_back(f);
    ranks.push_back(rank);
  }
  for (size_t c = 0; c < fields.size(); ++c)
    for (size_t d = 0; d < fields.size() && !fields[c].empty(); ++d)
      if (d != c && fields[d] == fields[c] &&
          (ranks[d] < ranks[c] || (ranks[d] == ranks[c] && d < c)))
        fields[c].clear();
  for (size_t c = 0; c < fields.size(); ++c)
    if (fields[c].empty() && !table.header[c].empty())
      report.ignored_columns.push_back(table.header[c]);
  // The source: as given, else the file's Source column when it names one (a Ketnoi export's
  // rows come back under the source they left with), else from the file name.
  if (opt.source.empty())
    if (auto col = std::find(fields.begin(), fields.end(), "source"); col != fields.end()) {
      size_t c = static_cast<size_t>(col - fields.begin());
      std::string named;
      int64_t named_row = 0;
      for (const Row& row : table.rows) {
        if (c >= row.cells.size() || !text::IsValidUtf8(row.cells[c])) continue;
        std::string v = text::CollapseSpaces(text::Nfc(row.cells[c]));
        if (v.empty() || v == named) continue;
        if (!named.empty())
          return Status::Invalid({"import.mixed_sources",
                                  {{"file", report.file},
                                   {"first", named},
                                   {"first_row", std::to_string(named_row)},
                                   {"second", v},
                                   {"second_row", std::to_string(row.number)}}});
        named = v;
        named_row = row.number;
      }
      if (!named.empty()) report.source = named;
    }
  bool has_title = std::find(fields.begin(), fields.end(), "title") != fields.end();
  bool has_id = std::find(fields.begin(), fields.end(), "external_id") != fields.end() ||
                std::find(fields.begin(), fields.end(), "code") != fields.end();
  if (!has_title || !has_id)
    return Status::Invalid(
        {"import.no_header",
         {{"file", report.file}, {"missing", !has_title ? "title" : "external_id / code"}}});
  report.rows = static_cast<int64_t>(table.rows.size());
  KETNOI_ASSIGN_OR_RETURN(References refs, LoadReferences(db, reg));
  refs.create_programs = opt.create_programs;

  // Pass 1: every row is checked before anything is written.
  std::vector<bool> bad(table.rows.size(), false);
  std::unordered_map<std::string, int64_t> seen;  // external id → first row
  for (size_t i = 0; i < table.rows.size(); ++i) {
    Parsed p;
    std::optional<RowError> e = ParseRow(table, table.rows[i], fields, refs, report.source, p);
    if (!p.task.external_id.empty()) {  // set first by ParseRow, even when a later cell fails
      auto [it, fresh] = seen.emplace(p.task.external_id, table.rows[i].number);
      if (!fresh && !e)
        e = Error(table.rows[i].number, "external_id", p.task.external_id,
                  {"import.duplicate_id", {{"first", std::to_string(it->second)}}});
    }
    if (e) {
      bad[i] = true;
      ++report.rejected;
      if (report.errors.size() < opt.max_errors) report.errors.push_back(*e);
    }
    if (progress && (i % 1000 == 0)) progress(static_cast<int64_t>(i), report.rows * 2);
  }
  if ((report.rejected > 0 && !opt.skip_invalid) || opt.dry_run) {
    // A dry run still tells what would happen: count against the store without writing.
    if (opt.dry_run) {
      for (size_t i = 0; i < table.rows.size(); ++i) {
        if (bad[i]) continue;
        Parsed p;
        (void)ParseRow(table, table.rows[i], fields, refs, report.source, p);
        KETNOI_ASSIGN_OR_RETURN(
            store::Rows r, db.Query("SELECT id FROM tasks WHERE source = ? AND external_id = ?",
                                    {report.source, p.task.external_id}));
        if (r.empty())
          ++report.added;
        else
          ++report.changed;  // (changed or unchanged: told apart only by writing)
      }
    }
    return report;
  }

  std::set<std::string> present(fields.begin(), fields.end());
  // Pass 2: one transaction for the whole file (or the caller's, when one is open).
  std::optional<store::Transaction> tx;
  if (!db.InTransaction()) {
    tx.emplace(db);
    KETNOI_RETURN_IF_ERROR(tx->Begin());
  }
  std::string now = clock.NowText();
  for (size_t i = 0; i < table.rows.size(); ++i) {
    if (bad[i]) continue;
    const Row& row = table.rows[i];
    Parsed p;
    (void)ParseRow(table, row, fields, refs, report.source, p);
    if (!p.host_name.empty()) {
      // The host: by tax code, by ROR id, by name as written, by its name key; else created.
      std::string key = HeaderKey(p.host_name);
      std::string name_key = authority::OrganisationNameKey(p.host_name);
      std::optional<int64_t> host;
      auto find = [&](const std::unordered_map<std::string, int64_t>& m, const std::string& k) {
        if (host || k.empty()) return;
        if (auto it = m.find(k); it != m.end()) host = it->second;
      };
      find(refs.org_tax_codes, p.host_tax_code);
      find(refs.org_rors, p.host_ror);
      find(refs.orgs, key);
      find(refs.org_keys, name_key);
      if (!host) {
        registry::Organisation o;
        o.name = p.host_name;
        o.tax_code = p.host_tax_code;
        o.ror_id = p.host_ror;
        o.source = report.source;
        o.external_id = "org:" + key;
        KETNOI_ASSIGN_OR_RETURN(auto saved, reg.Upsert(o));
        if (saved.outcome == registry::Outcome::kAdded) ++report.organisations_added;
        host = saved.id;
        refs.orgs.emplace(key, saved.id);
        refs.org_keys.emplace(name_key, saved.id);
        if (!o.tax_code.empty()) refs.org_tax_codes.emplace(o.tax_code, saved.id);
        if (!o.ror_id.empty()) refs.org_rors.emplace(o.ror_id, saved.id);
      }
      p.task.host_id = host;
    }
    if (!p.new_program.empty()) {
      // A program this registry does not have, created on request with the code as written
      // (staff complete its name and period on its page); later rows find it.
      std::string key = HeaderKey(p.new_program);
      auto known = refs.programs.find(key);
      if (known == refs.programs.end()) {
        registry::Program program;
        program.code = p.new_program;
        program.name = p.new_program;
        KETNOI_ASSIGN_OR_RETURN(auto saved, reg.Upsert(program));
        known = refs.programs.emplace(key, saved.id).first;
        report.programs_added.push_back(p.new_program);
      }
      p.task.program_id = known->second;
    }
    if (!p.pi_name.empty()) {
      // The PI: by ORCID iD, else by name (titles dropped) at the same host; else created.
      registry::Person person = ParsePersonName(p.pi_name);
      std::string key =
          HeaderKey(person.full_name) + "|" + std::to_string(p.task.host_id ? *p.task.host_id : 0);
      std::optional<int64_t> pi;
      if (auto it = refs.orcids.find(p.pi_orcid); !p.pi_orcid.empty() && it != refs.orcids.end())
        pi = it->second;
      if (auto it = refs.people.find(key); !pi && it != refs.people.end()) pi = it->second;
      if (!pi) {
        person.affiliation_id = p.task.host_id;
        person.orcid = p.pi_orcid;
        person.source = report.source;
        person.external_id = "person:" + key;
        KETNOI_ASSIGN_OR_RETURN(auto saved, reg.Upsert(person));
        if (saved.outcome == registry::Outcome::kAdded) ++report.people_added;
        pi = saved.id;
        refs.people.emplace(key, saved.id);
        if (!person.orcid.empty()) refs.orcids.emplace(person.orcid, saved.id);
      }
      p.task.pi_id = pi;
    }
    KETNOI_ASSIGN_OR_RETURN(std::optional<int64_t> stored,
                            reg.FindId("tasks", p.task.source, p.task.external_id));
    if (stored) {
      KETNOI_ASSIGN_OR_RETURN(registry::Task old, reg.GetTask(*stored));
      p.task = Overlay(std::move(old), p.task, present);
    }
    auto saved = reg.Upsert(p.task);
    if (!saved.ok()) {
      // A rule only the store knows (a constraint): the file is refused as a whole.
      report.errors.push_back(Error(row.number, "", "", saved.status().message()));
      report.rejected++;
      return report;  // the transaction rolls back
    }
    switch (saved->outcome) {
      case registry::Outcome::kAdded:
        ++report.added;
        break;
      case registry::Outcome::kChanged:
        ++report.changed;
        break;
      case registry::Outcome::kUnchanged:
        ++report.unchanged;
        break;
    }
    if (saved->outcome != registry::Outcome::kUnchanged) {
      KETNOI_RETURN_IF_ERROR(db.Exec(
          "INSERT INTO provenance (entity, entity_id, source, file_name, file_sha256, row_no, "
          "imported_at, actor) VALUES ('task', ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (entity, "
          "entity_id) DO UPDATE SET source = excluded.source, file_name = excluded.file_name, "
          "file_sha256 = excluded.file_sha256, row_no = excluded.row_no, imported_at = "
          "excluded.imported_at, actor = excluded.actor",
          {saved->id, report.source, provenance_name, report.sha256, row.number, now, opt.actor}));
    }
    if (progress && (i % 1000 == 0))
      progress(report.rows + static_cast<int64_t>(i), report.rows * 2);
  }
  if (tx) KETNOI_RETURN_IF_ERROR(tx->Commit());
  report.committed = true;
  if (progress) progress(report.rows * 2, report.rows * 2);
  return report;
}

}  // namespace ketnoi::exchange
