#include "exchange/table.h"

#include <libxml/xmlreader.h>
#include <zip.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

namespace ketnoi::exchange {

Status UnreadableFile(const std::string& file, const std::string& reason) {
  return Status::Invalid({"import.unreadable", {{"file", file}, {"reason", reason}}});
}

// RFC 4180 CSV with the delimiter guessed from the header line (',', ';' or tab), quoted fields
// with doubled quotes and line breaks, CRLF or LF.
Result<Table> ParseCsv(const std::string& text, const std::string& file) {
  char delim = ',';
  {
    size_t eol = text.find('\n');
    std::string_view first(text.data(), eol == std::string::npos ? text.size() : eol);
    size_t commas = std::count(first.begin(), first.end(), ',');
    size_t semis = std::count(first.begin(), first.end(), ';');
    size_t tabs = std::count(first.begin(), first.end(), '\t');
    if (semis > commas && semis >= tabs)
      delim = ';';
    else if (tabs > commas && tabs > semis)
      delim = '\t';
  }
  Table t;
  std::vector<std::string> record;
  std::string field;
  bool in_quotes = false, field_started = false;
  int64_t line = 1, record_line = 1;
  auto end_record = [&] {
    record.push_back(std::move(field));
    field.clear();
    bool blank = std::all_of(record.begin(), record.end(), [](const std::string& c) {
      return c.find_first_not_of(" \t\r") == std::string::npos;
    });
    if (!blank) {
      if (t.header.empty())
        t.header = std::move(record);
      else
        t.rows.push_back({record_line, std::move(record)});
    }
    record.clear();
    field_started = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && !field_started) {
      in_quotes = true;
      field_started = true;
    } else if (c == delim) {
      record.push_back(std::move(field));
      field.clear();
      field_started = false;
    } else if (c == '\n') {
      if (!field.empty() && field.back() == '\r') field.pop_back();
      end_record();
      record_line = ++line;
    } else {
      field += c;
      field_started = true;
    }
  }
  if (in_quotes)
    return Status::Invalid(
        {"import.unclosed_quote", {{"file", file}, {"row", std::to_string(record_line)}}});
  if (!field.empty() || !record.empty()) {
    if (!field.empty() && field.back() == '\r') field.pop_back();
    end_record();
  }
  return t;
}

// --- XLSX: the first worksheet, shared strings and inline strings, numbers as written. -------

namespace {

// A workbook part, at most kMaxPartBytes once uncompressed (a zip can claim any size, and a
// small file can inflate to gigabytes).
constexpr zip_uint64_t kMaxPartBytes = 256ull * 1024 * 1024;

Result<std::string> ZipEntry(zip_t* z, const std::string& name) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(z, name.c_str(), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
    return Status::NotFound({"import.xlsx_part", {{"part", name}}});
  if (st.size > kMaxPartBytes)
    return Status::Invalid({"import.xlsx_too_large", {{"part", name}, {"limit", "256"}}});
  zip_file_t* f = zip_fopen(z, name.c_str(), 0);
  if (!f) return Status::NotFound({"import.xlsx_part", {{"part", name}}});
  std::string out;
  out.resize(st.size);
  zip_int64_t n = zip_fread(f, out.data(), st.size);
  zip_fclose(f);
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size)
    return Status::Invalid({"import.xlsx_part", {{"part", name}}});
  return out;
}

// Visits the elements of an XML document with libxml2's streaming reader.
template <typename F>
bool WalkXml(const std::string& xml, F&& visit) {
  xmlTextReaderPtr r =
      xmlReaderForMemory(xml.data(), static_cast<int>(xml.size()), nullptr, "UTF-8",
                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!r) return false;
  int ret;
  while ((ret = xmlTextReaderRead(r)) == 1) visit(r);
  xmlFreeTextReader(r);
  return ret == 0;
}

std::string XmlName(xmlTextReaderPtr r) {
  const xmlChar* n = xmlTextReaderConstLocalName(r);
  return n ? reinterpret_cast<const char*>(n) : "";
}
std::string XmlAttr(xmlTextReaderPtr r, const char* name) {
  xmlChar* v = xmlTextReaderGetAttribute(r, reinterpret_cast<const xmlChar*>(name));
  if (!v) return "";
  std::string out = reinterpret_cast<const char*>(v);
  xmlFree(v);
  return out;
}
std::string XmlValue(xmlTextReaderPtr r) {
  const xmlChar* v = xmlTextReaderConstValue(r);
  return v ? reinterpret_cast<const char*>(v) : "";
}

// "C12" → column index 2 (0-based).
int ColumnIndex(const std::string& ref) {
  int col = 0;
  for (char c : ref) {
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + (c - 'A' + 1);
  }
  return col - 1;
}

}  // namespace

Result<Table> ParseXlsx(const std::string& bytes, const std::string& file) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) return UnreadableFile(file, "zip");
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &err);
  if (!z) {
    zip_source_free(src);
    return UnreadableFile(file, "not an XLSX (zip) file");
  }
  struct Closer {
    zip_t* z;
    ~Closer() { zip_discard(z); }
  } closer{z};
  std::vector<std::string> shared;
  if (auto ss = ZipEntry(z, "xl/sharedStrings.xml"); ss.ok()) {
    std::string cur;
    bool in_si = false, in_t = false, in_rph = false;
    WalkXml(*ss, [&](xmlTextReaderPtr r) {
      int type = xmlTextReaderNodeType(r);
      std::string name = XmlName(r);
      if (type == XML_READER_TYPE_ELEMENT) {
        if (name == "si") {
          in_si = true;
          cur.clear();
          if (xmlTextReaderIsEmptyElement(r)) {
            shared.push_back("");
            in_si = false;
          }
        } else if (name == "t") {
          in_t = !xmlTextReaderIsEmptyElement(r);
        } else if (name == "rPh") {
          in_rph = true;  // phonetic runs are not part of the text
        }
      } else if (type == XML_READER_TYPE_END_ELEMENT) {
        if (name == "si") {
          shared.push_back(cur);
          in_si = false;
        } else if (name == "t") {
          in_t = false;
        } else if (name == "rPh") {
          in_rph = false;
        }
      } else if ((type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) &&
                 in_si && in_t && !in_rph) {
        cur += XmlValue(r);
      }
    });
  }
  // The first sheet: the workbook's first <sheet> through its relationship.
  std::string sheet_path = "xl/worksheets/sheet1.xml";
  if (auto wb = ZipEntry(z, "xl/workbook.xml"); wb.ok()) {
    std::string rid;
    WalkXml(*wb, [&](xmlTextReaderPtr r) {
      if (rid.empty() && xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT &&
          XmlName(r) == "sheet")
        rid = XmlAttr(r, "r:id");
    });
    if (auto rels = ZipEntry(z, "xl/_rels/workbook.xml.rels"); rels.ok() && !rid.empty()) {
      WalkXml(*rels, [&](xmlTextReaderPtr r) {
        if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT && XmlName(r) == "Relationship" &&
            XmlAttr(r, "Id") == rid) {
          std::string target = XmlAttr(r, "Target");
          if (!target.empty()) sheet_path = target[0] == '/' ? target.substr(1) : "xl/" + target;
        }
      });
    }
  }
  KETNOI_ASSIGN_OR_RETURN(std::string sheet, ZipEntry(z, sheet_path));
  std::vector<Row> rows;
  Row cur;
  int col = -1;
  std::string type, value;
  bool in_v = false, in_is_t = false, in_row = false;
  int64_t next_row = 1;
  bool ok = WalkXml(sheet, [&](xmlTextReaderPtr r) {
    int nt = xmlTextReaderNodeType(r);
    std::string name = XmlName(r);
    if (nt == XML_READER_TYPE_ELEMENT) {
      if (name == "row") {
        cur = Row{};
        std::string rn = XmlAttr(r, "r");
        cur.number = rn.empty() ? next_row : std::atoll(rn.c_str());
        next_row = cur.number + 1;
        in_row = !xmlTextReaderIsEmptyElement(r);
        if (!in_row) rows.push_back(cur);
        col = -1;
      } else if (name == "c") {
        std::string ref = XmlAttr(r, "r");
        col = ref.empty() ? col + 1 : ColumnIndex(ref);
        type = XmlAttr(r, "t");
        value.clear();
        if (xmlTextReaderIsEmptyElement(r) && col >= 0) {
          if (cur.cells.size() <= static_cast<size_t>(col)) cur.cells.resize(col + 1);
        }
      } else if (name == "v") {
        in_v = !xmlTextReaderIsEmptyElement(r);
      } else if (name == "t") {
        in_is_t = !xmlTextReaderIsEmptyElement(r);
      }
    } else if (nt == XML_READER_TYPE_END_ELEMENT) {
      if (name == "v")
        in_v = false;
      else if (name == "t")
        in_is_t = false;
      else if (name == "c" && col >= 0 && col < 16384) {
        std::string cell = value;
        if (type == "s") {
          size_t idx = static_cast<size_t>(std::atoll(value.c_str()));
          cell = idx < shared.size() ? shared[idx] : "";
        } else if (type == "b") {
          cell = value == "1" ? "TRUE" : "FALSE";
        }
        if (cur.cells.size() <= static_cast<size_t>(col)) cur.cells.resize(col + 1);
        cur.cells[col] = cell;
      } else if (name == "row") {
        rows.push_back(std::move(cur));
        cur = Row{};
        in_row = false;
      }
    } else if (nt == XML_READER_TYPE_TEXT || nt == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
      if (in_v || in_is_t) value += XmlValue(r);
    }
  });
  if (!ok) return UnreadableFile(file, "the worksheet XML is damaged");
  Table t;
  for (auto& row : rows) {
    bool blank = std::all_of(row.cells.begin(), row.cells.end(),
                             [](const std::string& c) { return c.empty(); });
    if (blank) continue;
    if (t.header.empty())
      t.header = std::move(row.cells);
    else
      t.rows.push_back(std::move(row));
  }
  return t;
}

// --- JSON and JSON Lines: objects whose keys are headers. -------------------------------------

namespace {

std::string JsonCell(const nlohmann::json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    std::string out;
    for (const auto& e : v) out += (out.empty() ? "" : "; ") + JsonCell(e);
    return out;
  }
  if (v.is_number_float()) {
    // A whole number written as 2021.0 reads as "2021"; anything beyond ±2^53 stays as written.
    double d = v.get<double>();
    if (std::fabs(d) < 9.0e15 && d == static_cast<double>(static_cast<int64_t>(d)))
      return std::to_string(static_cast<int64_t>(d));
  }
  return v.dump();
}

void AddObject(Table& t, std::map<std::string, size_t>& index, const nlohmann::json& obj,
               int64_t number) {
  Row row{number, {}};
  row.cells.resize(t.header.size());
  for (const auto& [k, v] : obj.items()) {
    auto it = index.find(k);
    if (it == index.end()) {
      it = index.emplace(k, t.header.size()).first;
      t.header.push_back(k);
      for (auto& r : t.rows) r.cells.resize(t.header.size());
      row.cells.resize(t.header.size());
    }
    row.cells[it->second] = JsonCell(v);
  }
  t.rows.push_back(std::move(row));
}

}  // namespace

Result<Table> ParseJson(const std::string& text, const std::string& file, bool lines) {
  Table t;
  std::map<std::string, size_t> index;
  if (lines) {
    int64_t number = 0;
    size_t pos = 0;
    while (pos <= text.size()) {
      size_t end = text.find('\n', pos);
      if (end == std::string::npos) end = text.size();
      ++number;
      std::string_view line(text.data() + pos, end - pos);
      pos = end + 1;
      if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
        if (end == text.size()) break;
        continue;
      }
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.is_object())
        return Status::Invalid(
            {"import.bad_json_line", {{"file", file}, {"row", std::to_string(number)}}});
      AddObject(t, index, j, number);
      if (end == text.size()) break;
    }
    return t;
  }
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) return UnreadableFile(file, "not valid JSON");
  const nlohmann::json* items = &j;
  if (j.is_object() && j.contains("items")) items = &j["items"];
  if (!items->is_array())
    return UnreadableFile(file, "expected an array of objects (or {\"items\": [...]})");
  int64_t number = 0;
  for (const auto& obj : *items) {
    ++number;
    if (!obj.is_object())
      return Status::Invalid(
          {"import.bad_json_line", {{"file", file}, {"row", std::to_string(number)}}});
    AddObject(t, index, obj, number);
  }
  return t;
}

}  // namespace ketnoi::exchange
