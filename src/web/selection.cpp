// Selection pages (selection/workflow.h): the hub, rule sets in plain Vietnamese, ordering
// rounds and proposals (with the stored duplicate check), calls, dossiers, councils (members,
// conflicts, votes, scores, the conclusion) and the printable A4 documents — score sheet per
// member, vote count, minutes, approved list, decision, contract. Every action is a form post;
// the workflow checks who may act on what, so a page never shows a form its reader cannot use
// and a forged post is refused there too. A conflicted council member gets 404 for the subject.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "core/messages.h"
#include "core/money.h"
#include "files/files.h"
#include "selection/workflow.h"
#include "text/text.h"
#include "web/common.h"
#include "web/render.h"
#include "web/routes.h"

namespace ketnoi::web {
namespace {

using selection::Workflow;

// The selection pages speak Vietnamese first; English for the few readers who switch.
std::string L(const std::string& lang, std::string_view vi, std::string_view en) {
  return std::string(lang == "en" ? en : vi);
}

struct Cell {
  std::string text = {}, href = {};
  bool num = false;
};
struct Section {
  std::string title = {}, text = {}, empty = {}, html = {};
  std::vector<std::string> head = {};
  std::vector<std::vector<Cell>> rows = {};
};
struct Fact {
  std::string k = {}, v = {}, href = {};
};
struct View {
  std::string heading, intro, notice;
  std::vector<Fact> facts;
  std::vector<Section> sections;
  std::string forms;  // trusted HTML (FormHtml)
};

data SectionsData(const std::vector<Section>& sections) {
  data list{data::type::list};
  for (const Section& s : sections) {
    data sd;
    sd.set("title", s.title);
    if (!s.text.empty()) sd.set("text", s.text);
    sd.set("empty", s.rows.empty() && !s.empty.empty() ? data(s.empty) : data(Bool(false)));
    sd.set("html", s.html);
    sd.set("has_rows", Bool(!s.rows.empty()));
    data head{data::type::list};
    for (const auto& h : s.head) head.push_back(data(h));
    sd.set("head", head);
    data rows{data::type::list};
    for (const auto& r : s.rows) {
      data cells{data::type::list};
      for (const Cell& c : r) {
        data cd;
        cd.set("text", c.text);
        cd.set("href", c.href.empty() ? data(Bool(false)) : data(c.href));
        cd.set("num", Bool(c.num));
        cells.push_back(cd);
      }
      data rd;
      rd.set("cells", cells);
      rows.push_back(rd);
    }
    sd.set("rows", rows);
    list.push_back(sd);
  }
  return list;
}

http::Response Show(const http::Request& req, const std::string& lang, const View& v,
                    int status = 200) {
  data d;
  d.set("heading", v.heading);
  if (!v.intro.empty()) d.set("intro", v.intro);
  if (!v.notice.empty()) d.set("notice", v.notice);
  d.set("has_facts", Bool(!v.facts.empty()));
  data facts{data::type::list};
  for (const Fact& f : v.facts) {
    data fd;
    fd.set("k", f.k);
    fd.set("v", f.v);
    fd.set("href", f.href.empty() ? data(Bool(false)) : data(f.href));
    facts.push_back(fd);
  }
  d.set("facts", facts);
  d.set("sections", SectionsData(v.sections));
  d.set("forms", v.forms);
  return Page(req, lang, v.heading, "selection", d, status);
}

// A printable document with the national header (HTML with a print stylesheet, A4).
struct Document {
  std::string heading, subheading, number, back, date_line;
  std::vector<std::string> paragraphs, closing;
  std::vector<Section> sections;
  std::vector<std::pair<std::string, std::string>> signatures;  // role, name
};

std::string DateLine(const std::string& iso_timestamp) {
  auto d = ParseDate(iso_timestamp.substr(0, 10));
  if (!d) return "";
  return "ngày " + std::to_string(d->day) + " tháng " + std::to_string(d->month) + " năm " +
         std::to_string(d->year);
}

http::Response ShowDocument(const http::Request& req, const std::string& lang,
                            const Document& doc) {
  data d;
  d.set("heading", doc.heading);
  if (!doc.subheading.empty()) d.set("subheading", doc.subheading);
  if (!doc.number.empty()) d.set("number", doc.number);
  d.set("back", doc.back);
  d.set("back_label", L(lang, "← Quay lại", "← Back"));
  d.set("print_hint",
        L(lang, "In trang này (Ctrl+P) để có bản A4.", "Print this page (Ctrl+P) for an A4 copy."));
  d.set("date_line", doc.date_line);
  data paras{data::type::list};
  for (const auto& p : doc.paragraphs) paras.push_back(data(p));
  d.set("paragraphs", paras);
  data closing{data::type::list};
  for (const auto& p : doc.closing) closing.push_back(data(p));
  d.set("closing", closing);
  d.set("sections", SectionsData(doc.sections));
  data sigs{data::type::list};
  for (const auto& [role, name] : doc.signatures) {
    data sd;
    sd.set("role", role);
    sd.set("name", name);
    sigs.push_back(sd);
  }
  d.set("signatures", sigs);
  return Page(req, lang, doc.heading, "document", d);
}

std::string Num(double v, int decimals = 2) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  for (char& c : s)
    if (c == '.') c = ',';  // Vietnamese decimal comma
  return s;
}

std::string Vnd(int64_t dong) { return FormatVnd(Money{dong}); }

std::string VnTime(const std::string& iso) {
  // "2026-03-01T16:59:59Z" → "23:59 01/03/2026" in Vietnam time.
  if (iso.size() < 16) return iso;
  auto d = ParseDate(iso.substr(0, 10));
  if (!d) return iso;
  int h = std::atoi(iso.substr(11, 2).c_str()) + 7, m = std::atoi(iso.substr(14, 2).c_str());
  Date day = *d;
  if (h >= 24) {
    h -= 24;
    day = Date::FromDaysSinceEpoch(d->DaysSinceEpoch() + 1);
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d ", h, m);
  return buf + day.Vn();
}

std::optional<int64_t> ParseInt(const std::string& s_in) {
  std::string s;
  for (char c : text::CollapseSpaces(s_in))
    if (c != '.' && c != ',' && c != ' ') s += c;
  if (s.empty() || s.size() > 15 || s.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::stoll(s);
}

Status BadField(const char* field, const std::string& value) {
  return Status::Invalid({"selection.bad_number", {{"field", field}, {"value", value}}});
}

// Money typed in triệu đồng (how budgets are written), stored in đồng. At most 10^9 triệu
// (10^15 đồng), far above any budget, so the product never overflows.
std::optional<int64_t> Millions(const std::string& text) {
  auto v = ParseInt(text);
  if (!v || *v > 1'000'000'000) return std::nullopt;
  return *v * 1'000'000;
}
Result<int64_t> MillionField(const http::Request& req, const char* field) {
  auto v = Millions(req.Form(field));
  if (!v) return BadField(field, req.Form(field));
  return *v;
}

Result<int64_t> IdField(const http::Request& req, const char* field) {
  auto v = ParseInt(req.Form(field));
  if (!v || *v <= 0) return BadField(field, req.Form(field));
  return *v;
}

std::string StageLabel(const std::string& stage, const std::string& lang) {
  static const std::map<std::string, std::pair<const char*, const char*>> kLabels = {
      {"submitted", {"Đã nộp", "Submitted"}},
      {"forwarded", {"Ban chủ nhiệm đã chuyển hội đồng", "Forwarded by the board"}},
      {"screened_out", {"Ban chủ nhiệm không chuyển", "Screened out by the board"}},
      {"approved", {"Được phê duyệt", "Approved"}},
      {"rejected", {"Không được đề xuất", "Rejected"}},
      {"listed", {"Trong danh mục phê duyệt", "On the approved list"}},
      {"draft", {"Bản nháp", "Draft"}},
      {"valid", {"Hợp lệ", "Valid"}},
      {"invalid", {"Không hợp lệ", "Not valid"}},
      {"selected", {"Trúng tuyển", "Selected"}},
      {"reserve", {"Dự phòng", "Reserve"}},
      {"not_passed", {"Không đạt", "Did not pass"}},
      {"contracted", {"Đã ký hợp đồng", "Contract signed"}},
      {"open", {"Đang mở", "Open"}},
      {"published", {"Đã công bố danh mục", "List published"}},
      {"opened", {"Đã mở hồ sơ", "Dossiers opened"}},
      {"decided", {"Đã có kết quả", "Decided"}},
      {"forming", {"Đang thành lập", "Being formed"}},
      {"sitting", {"Đang họp", "Sitting"}},
      {"concluded", {"Đã kết luận", "Concluded"}},
      {"in_progress", {"Đang thực hiện", "In progress"}},
  };
  auto it = kLabels.find(stage);
  if (it == kLabels.end()) return stage;
  return lang == "en" ? it->second.second : it->second.first;
}

std::string SeatLabel(const std::string& seat, const std::string& lang) {
  if (seat == "chair") return L(lang, "Chủ tịch", "Chair");
  if (seat == "vice_chair") return L(lang, "Phó chủ tịch", "Vice-chair");
  if (seat == "secretary") return L(lang, "Ủy viên thư ký khoa học", "Scientific secretary");
  if (seat == "reviewer") return L(lang, "Ủy viên phản biện", "Reviewer");
  return L(lang, "Ủy viên", "Member");
}

std::string KindLabel(const std::string& kind, const std::string& lang) {
  if (kind == "selection") return L(lang, "Tuyển chọn", "Competitive selection");
  if (kind == "direct") return L(lang, "Giao trực tiếp", "Direct assignment");
  if (kind == "grant") return L(lang, "Tài trợ (Luật 93/2025)", "Grant (Law 93/2025)");
  if (kind == "identification")
    return L(lang, "Hội đồng tư vấn xác định nhiệm vụ", "Identification council");
  return L(lang, "Hội đồng tuyển chọn, giao trực tiếp", "Selection council");
}

std::string ItemLabel(const std::string& item, const std::string& lang) {
  if (item == "application") return L(lang, "Đơn đăng ký", "Application form");
  if (item == "description") return L(lang, "Thuyết minh nhiệm vụ", "Explanatory description");
  if (item == "org_profile")
    return L(lang, "Hồ sơ năng lực tổ chức chủ trì", "Organisation profile");
  if (item == "cv") return L(lang, "Lý lịch khoa học", "CVs");
  if (item == "commitment")
    return L(lang, "Văn bản cam kết của tổ chức phối hợp", "Partner commitments");
  return L(lang, "Giấy tờ pháp lý", "Legal papers");
}

std::string OrgName(http::Worker& w, std::optional<int64_t> id) {
  if (!id) return "";
  auto o = w.registry->GetOrganisation(*id);
  return o.ok() ? o->name : "";
}
std::string PersonName(http::Worker& w, std::optional<int64_t> id) {
  if (!id) return "";
  auto p = w.registry->GetPerson(*id);
  return p.ok() ? p->DisplayName() : "";
}

std::string SubjectHref(const std::string& subject) {
  size_t colon = subject.find(':');
  if (colon == std::string::npos) return "";
  return "/" + subject.substr(0, colon) + "s/" + subject.substr(colon + 1);
}

FormPage MiniForm(std::string heading, std::string action, std::string submit,
                  std::vector<FormField> fields, std::string prefix) {
  FormPage f;
  f.heading = std::move(heading);
  f.action = std::move(action);
  f.submit = std::move(submit);
  f.fields = std::move(fields);
  f.embedded = true;
  f.id_prefix = std::move(prefix);
  return f;
}

http::Response Fail(const http::Request& req, const std::string& lang, const Status& s) {
  return ErrorPage(req, lang, s);
}

std::vector<std::pair<std::string, std::string>> RuleSetOptions(Workflow& wf,
                                                                const std::string& method) {
  std::vector<std::pair<std::string, std::string>> out;
  auto list = wf.ListRuleSets();
  if (!list.ok()) return out;
  for (const auto& r : *list) {
    if (!method.empty() &&
        std::find(r.rules.methods.begin(), r.rules.methods.end(), method) == r.rules.methods.end())
      continue;
    out.emplace_back(std::to_string(r.id), r.rules.Name() + " — " + r.rules.name);
  }
  return out;
}

// ---- hub and rule sets ----------------------------------------------------------------------

http::Response Hub(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  Workflow wf(*w.db, *w.registry, *w.clock);
  if (Status s = wf.SeedRuleSets(); !s.ok()) return Fail(req, lang, s);
  View v;
  v.heading = L(lang, "Đặt hàng và tuyển chọn nhiệm vụ", "Ordering and competitive selection");
  v.intro = L(lang,
              "Đề xuất đặt hàng theo đợt của từng chương trình, hội đồng tư vấn xác định nhiệm vụ, "
              "danh mục phê duyệt, thông báo tuyển chọn và giao trực tiếp, hội đồng tuyển chọn, "
              "thẩm định kinh phí và hợp đồng — theo bộ quy tắc ghi rõ căn cứ pháp lý.",
              "Ordering rounds per program, identification councils, approved lists, calls for "
              "selection and direct assignment, selection councils, budget appraisal and "
              "contracts — under rule sets that name their legal basis.");
  auto rounds = wf.ListRounds();
  if (!rounds.ok()) return Fail(req, lang, rounds.status());
  Section rs{L(lang, "Các đợt đề xuất đặt hàng", "Ordering rounds")};
  rs.head = {L(lang, "Đợt", "Round"), L(lang, "Chương trình", "Program"),
             L(lang, "Hạn nộp", "Closes"), L(lang, "Trạng thái", "State")};
  rs.empty = L(lang, "Chưa có đợt nào.", "No rounds yet.");
  for (const auto& r : *rounds) {
    auto prog = w.registry->GetProgram(r.program_id);
    rs.rows.push_back({{r.title, "/rounds/" + std::to_string(r.id)},
                       {prog.ok() ? prog->name : ""},
                       {VnTime(r.closes_at)},
                       {StageLabel(r.state, lang)}});
  }
  v.sections.push_back(rs);
  auto calls = wf.ListCalls();
  if (!calls.ok()) return Fail(req, lang, calls.status());
  Section cs{L(lang, "Thông báo tuyển chọn, giao trực tiếp, tài trợ", "Calls")};
  cs.head = {L(lang, "Thông báo", "Call"), L(lang, "Hình thức", "Kind"),
             L(lang, "Hạn nộp hồ sơ", "Deadline"), L(lang, "Trạng thái", "State")};
  cs.empty = L(lang, "Chưa có thông báo nào.", "No calls yet.");
  for (const auto& c : *calls)
    cs.rows.push_back({{c.title, "/calls/" + std::to_string(c.id)},
                       {KindLabel(c.kind, lang)},
                       {VnTime(c.deadline)},
                       {StageLabel(c.state, lang)}});
  v.sections.push_back(cs);
  Section links{L(lang, "Bộ quy tắc", "Rule sets")};
  links.html = "<p><a href=\"/rule-sets\">" +
               HtmlEscape(L(lang, "Xem các bộ quy tắc: hội đồng, phiếu đánh giá, ngưỡng đạt",
                            "See the rule sets: councils, score sheets, pass rules")) +
               "</a></p>";
  if (req.principal.signed_in())
    links.html += "<p><a href=\"/selection/relatives\">" +
                  HtmlEscape(L(lang, "Khai báo quan hệ gia đình (để kiểm tra xung đột lợi ích)",
                               "Declare family relations (for the conflict check)")) +
                  "</a></p>";
  v.sections.push_back(links);
  if (req.principal.signed_in()) {
    auto councils = wf.ListCouncils();
    if (councils.ok()) {
      Section mine{L(lang, "Hội đồng của tôi", "My councils")};
      mine.head = {L(lang, "Hội đồng", "Council"), L(lang, "Loại", "Kind"),
                   L(lang, "Trạng thái", "State")};
      for (const auto& c : *councils)
        if (req.principal.SeesEverything() || wf.MemberOf(c, req.principal))
          mine.rows.push_back({{c.title, "/councils/" + std::to_string(c.id)},
                               {KindLabel(c.kind, lang)},
                               {StageLabel(c.state, lang)}});
      if (!mine.rows.empty()) v.sections.push_back(mine);
    }
  }
  if (auth::Allows("selection.manage", req.principal)) {
    std::vector<std::pair<std::string, std::string>> programs;
    if (auto list = w.registry->ListPrograms(); list.ok())
      for (const auto& p : *list)
        programs.emplace_back(std::to_string(p.id), p.code + " — " + p.name);
    v.forms += FormHtml(
        req, MiniForm(L(lang, "Mở đợt đề xuất đặt hàng", "Open an ordering round"), "/rounds",
                      L(lang, "Mở đợt", "Open the round"),
                      {{"program", L(lang, "Chương trình", "Program"), "select", "", "", "", true,
                        false, programs},
                       {"title", L(lang, "Tên đợt", "Title"), "text", "", "", "", true},
                       {"year", L(lang, "Năm kế hoạch", "Plan year"), "number",
                        std::to_string(w.clock->Today().year + 1), "", "", true},
                       {"rule_set", L(lang, "Bộ quy tắc", "Rule set"), "select", "", "", "", true,
                        false, RuleSetOptions(wf, "")},
                       {"closes_on", L(lang, "Hạn nộp đề xuất (ngày)", "Proposals close on"),
                        "date", "", "", "", true}},
                      "round-"));
  }
  return Show(req, lang, v);
}

http::Response RuleSets(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  Workflow wf(*w.db, *w.registry, *w.clock);
  if (Status s = wf.SeedRuleSets(); !s.ok()) return Fail(req, lang, s);
  auto list = wf.ListRuleSets();
  if (!list.ok()) return Fail(req, lang, list.status());
  View v;
  v.heading = L(lang, "Bộ quy tắc tuyển chọn", "Selection rule sets");
  v.intro = L(lang,
              "Mỗi bộ quy tắc có tên, phiên bản, căn cứ pháp lý và ngày hiệu lực. Khi đã được một "
              "đợt hoặc thông báo sử dụng, bộ quy tắc bị khoá: mọi thay đổi tạo phiên bản mới, kết "
              "quả cũ vẫn ghi phiên bản cũ.",
              "Each rule set has a name, a version, a legal basis and an effective date. Once a "
              "round or call has used it, it is frozen: a change makes a new version, and earlier "
              "results keep citing the old one.");
  Section s{L(lang, "Danh sách", "List")};
  s.head = {L(lang, "Mã", "Code"), L(lang, "Tên", "Name"), L(lang, "Căn cứ", "Legal basis"),
            L(lang, "Hiệu lực từ", "In force from"), L(lang, "Khoá", "Frozen")};
  for (const auto& r : *list)
    s.rows.push_back({{r.rules.Name(), "/rule-sets/" + std::to_string(r.id)},
                      {r.rules.name},
                      {r.rules.legal_basis},
                      {r.rules.effective_from},
                      {r.frozen ? L(lang, "Đã dùng, khoá", "Used, frozen")
                                : L(lang, "Chưa dùng", "Not used yet")}});
  v.sections.push_back(s);
  return Show(req, lang, v);
}

http::Response RuleSetPage(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  if (!id) return NotFoundPage(req, w);
  Workflow wf(*w.db, *w.registry, *w.clock);
  auto stored = wf.GetRuleSet(*id);
  if (!stored.ok()) return Fail(req, lang, stored.status());
  const selection::RuleSet& r = stored->rules;
  auto unverified = [&](const std::string& key) {
    return std::find(r.unverified.begin(), r.unverified.end(), key) != r.unverified.end()
               ? L(lang, " (giá trị mặc định, cần xác minh theo văn bản áp dụng)",
                   " (a default; to be verified against the applicable text)")
               : "";
  };
  View v;
  v.heading = r.name;
  v.intro = r.Name();
  std::string methods;
  for (const auto& m : r.methods) methods += (methods.empty() ? "" : ", ") + KindLabel(m, lang);
  v.facts = {{L(lang, "Căn cứ pháp lý", "Legal basis"), r.legal_basis},
             {L(lang, "Hiệu lực", "In force"),
              r.effective_from + (r.effective_to.empty() ? "" : " – " + r.effective_to)},
             {L(lang, "Áp dụng cho", "Applies to"), methods},
             {L(lang, "Tình trạng", "Status"),
              stored->frozen ? L(lang, "Đã được sử dụng, không sửa được", "Used; cannot be edited")
                             : L(lang, "Chưa được sử dụng", "Not used yet")}};
  Section rules{L(lang, "Các quy tắc", "The rules")};
  rules.head = {L(lang, "Quy tắc", "Rule"), L(lang, "Nội dung", "What it says")};
  char zero[64];
  std::snprintf(zero, sizeof zero, "%d/%d", r.zero_max_num, r.zero_max_den);
  std::string seats;
  for (const auto& s : r.seats)
    seats += (seats.empty() ? "" : "; ") + SeatLabel(s.role, lang) + " " + std::to_string(s.min) +
             (s.max != s.min ? "–" + std::to_string(s.max) : "");
  std::string relations;
  for (const auto& k : r.conflict_relations) relations += (relations.empty() ? "" : ", ") + k;
  rules.rows = {
      {{L(lang, "Hội đồng", "Council")},
       {L(lang, "Từ ", "From ") + std::to_string(r.council_min) + L(lang, " đến ", " to ") +
        std::to_string(r.council_max) + L(lang, " thành viên: ", " members: ") + seats}},
      {{L(lang, "Xung đột lợi ích", "Conflicts of interest")},
       {L(lang,
          "Không được tham gia: người đề xuất; người của tổ chức chủ trì hoặc phối hợp; vợ/chồng, "
          "cha mẹ, con, anh chị em ruột (",
          "May not sit: applicants; staff of the host or coordinating organisations; relatives (") +
        relations +
        L(lang,
          ") của chủ nhiệm, thư ký, thành viên chính; người cùng thực hiện nhiệm vụ với họ trong ",
          ") of the PI, secretary or key members; anyone who worked with them on a task in the "
          "last ") +
        std::to_string(r.conflict_lookback_years) + L(lang, " năm gần nhất", " years") +
        unverified("conflict_lookback_years")}},
      {{L(lang, "Ngưỡng đạt", "Pass rule")},
       {L(lang, "Điểm trung bình từ ", "Average at least ") + Num(r.pass_average, 0) +
        L(lang, "/100 và không tiêu chí nào bị quá ",
          "/100 and no criterion scored 0 by more than ") +
        zero + L(lang, " số thành viên có mặt cho 0 điểm", " of the members present") +
        unverified("pass_average")}},
      {{L(lang, "Điểm lệch", "Outliers")},
       {r.outlier_rule
            ? L(lang, "Phiếu có tổng điểm lệch quá ", "Sheets whose total is more than ") +
                  Num(r.outlier_points, 0) +
                  L(lang,
                    " điểm so với điểm trung bình ban đầu bị loại, điểm trung bình được tính lại "
                    "(áp dụng khi có từ ",
                    " points from the first average are set aside and the average recomputed (with "
                    "at least ") +
                  std::to_string(r.outlier_min_members) +
                  L(lang, " phiếu); biên bản ghi số phiếu bị loại",
                    " sheets); the minutes state how many") +
                  unverified("outlier_points")
            : L(lang, "Không áp dụng", "Not applied")}},
      {{L(lang, "Xếp hạng khi bằng điểm", "Tie-breaks")}, {[&] {
         std::string t;
         for (const auto& tb : r.tie_breaks) t += (t.empty() ? "" : " → ") + tb;
         return t + unverified("tie_breaks");
       }()}},
      {{L(lang, "Thời hạn", "Deadlines")},
       {L(lang, "Thông báo mở ít nhất ", "Calls stay open at least ") +
        std::to_string(r.submission_days_min) +
        L(lang, " ngày; mở hồ sơ trong ", " days; dossiers opened within ") +
        std::to_string(r.opening_within_days) +
        L(lang, " ngày sau hạn; hội đồng họp trong ",
          " days of the deadline; the council meets within ") +
        std::to_string(r.council_within_days) + L(lang, " ngày", " days")}},
  };
  v.sections.push_back(rules);
  if (!r.identification_criteria.empty()) {
    Section ic{L(lang, "Tiêu chí xác định nhiệm vụ", "Identification criteria")};
    ic.head = {L(lang, "Tiêu chí", "Criterion"), L(lang, "Hướng dẫn", "Guidance")};
    for (const auto& c : r.identification_criteria) ic.rows.push_back({{c.label}, {c.guidance}});
    v.sections.push_back(ic);
  }
  for (const auto& sheet : r.sheets) {
    Section ss{L(lang, "Phiếu đánh giá: ", "Score sheet: ") + sheet.title};
    ss.head = {L(lang, "Tiêu chí", "Criterion"), L(lang, "Điểm tối đa", "Max"),
               L(lang, "Hướng dẫn", "Guidance")};
    for (const auto& c : sheet.criteria)
      ss.rows.push_back({{c.label}, {std::to_string(c.max_points), "", true}, {c.guidance}});
    ss.rows.push_back(
        {{L(lang, "Cộng", "Total")}, {std::to_string(sheet.MaxTotal()), "", true}, {""}});
    v.sections.push_back(ss);
  }
  if (auth::Allows("selection.manage", req.principal)) {
    FormField body{"body", L(lang, "Nội dung (JSON)", "Content (JSON)"), "textarea",
                   selection::ToJson(r)};
    body.hint = L(lang, "Nếu bộ quy tắc đã được dùng, lưu sẽ tạo phiên bản mới.",
                  "If the rule set has been used, saving makes a new version.");
    v.forms += FormHtml(req, MiniForm(L(lang, "Sửa bộ quy tắc", "Edit the rule set"), "/rule-sets",
                                      L(lang, "Lưu", "Save"), {body}, "rs-"));
  }
  return Show(req, lang, v);
}

http::Response SaveRuleSet(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto parsed = selection::ParseRuleSet(req.Form("body"));
  if (!parsed.ok()) return Fail(req, lang, parsed.status());
  Workflow wf(*w.db, *w.registry, *w.clock);
  auto saved = wf.SaveRuleSet(*parsed, req.principal);
  if (!saved.ok()) return Fail(req, lang, saved.status());
  return Redirect("/rule-sets/" + std::to_string(saved->id));
}

// ---- rounds and proposals --------------------------------------------------------------------

http::Response OpenRound(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  Workflow wf(*w.db, *w.registry, *w.clock);
  auto program = IdField(req, "program");
  if (!program.ok()) return Fail(req, lang, program.status());
  auto rule_set = IdField(req, "rule_set");
  if (!rule_set.ok()) return Fail(req, lang, rule_set.status());
  auto year = ParseInt(req.Form("year"));
  auto id = wf.OpenRound(*program, req.Form("title"), static_cast<int>(year.value_or(0)), *rule_set,
                         req.Form("closes_on"), req.principal);
  if (!id.ok()) return Fail(req, lang, id.status());
  return Redirect("/rounds/" + std::to_string(*id));
}

http::Response RoundPage(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  if (!id) return NotFoundPage(req, w);
  Workflow wf(*w.db, *w.registry, *w.clock);
  auto round = wf.GetRound(*id);
  if (!round.ok()) return Fail(req, lang, round.status());
  auto proposals = wf.ListProposals(*id);
  if (!proposals.ok()) return Fail(req, lang, proposals.status());
  auto program = w.registry->GetProgram(round->program_id);
  View v;
  v.heading = round->title;
  v.facts = {{L(lang, "Chương trình", "Program"), program.ok() ? program->name : "",
              "/programs/" + std::to_string(round->program_id)},
             {L(lang, "Năm kế hoạch", "Plan year"), std::to_string(round->year)},
             {L(lang, "Hạn nộp đề xuất", "Proposals close"), VnTime(round->closes_at)},
             {L(lang, "Bộ quy tắc", "Rule set"), round->rule_set,
              "/rule-sets/" + std::to_string(round->rule_set_id)},
             {L(lang, "Trạng thái", "State"), StageLabel(round->state, lang)}};
  if (round->state == "published") {
    Section list{L(lang, "Danh mục nhiệm vụ được phê duyệt", "The approved list")};
    list.head = {L(lang, "Tên nhiệm vụ", "Task"), L(lang, "Phương thức", "Method"),
                 L(lang, "Tổ chức được giao", "Assigned to")};
    for (const auto& p : *proposals)
      if (p.stage == "listed")
        list.rows.push_back(
            {{p.final_title, p.task_id ? "/tasks/" + std::to_string(*p.task_id) : ""},
             {KindLabel(p.method, lang)},
             {OrgName(w, p.assigned_org)}});
    list.html = "<p><a href=\"/rounds/" + std::to_string(*id) + "/list\">" +
                HtmlEscape(L(lang, "Bản in danh mục", "Printable list")) + "</a></p>";
    v.sections.push_back(list);
  }
  // Proposals: everyone sees the ones they may see (their own, their program's, all for staff).
  Section ps{L(lang, "Đề xuất đặt hàng", "Proposals")};
  ps.head = {L(lang, "Tên đề xuất", "Title"), L(lang, "Trạng thái", "Stage"),
             L(lang, "Kiểm tra trùng lặp", "Duplicate check")};
  for (const auto& p : *proposals)
    if (wf.CanSeeProposal(p, req.principal))
      ps.rows.push_back({{p.title, "/proposals/" + std::to_string(p.id)},
                         {StageLabel(p.stage, lang)},
                         {p.dupcheck_top_band}});
  if (req.principal.signed_in()) {
    ps.empty = L(lang, "Không có đề xuất nào bạn được xem.", "No proposals you may see.");
    v.sections.push_back(ps);
  }
  bool open = round->state == "open" && w.clock->NowText() <= round->closes_at;
  if (open && auth::Allows("selection.propose", req.principal)) {
    std::vector<std::pair<std::string, std::string>> kinds;
    for (const auto& t : registry::TaskKinds())
      kinds.emplace_back(std::string(t.code), registry::Label(registry::TaskKinds(), t.code, lang));
    v.forms += FormHtml(
        req,
        MiniForm(
            L(lang, "Gửi đề xuất đặt hàng", "Submit a proposal"),
            "/rounds/" + std::to_string(*id) + "/proposals", L(lang, "Gửi đề xuất", "Submit"),
            {{"title", L(lang, "Tên nhiệm vụ đề xuất", "Proposed title"), "text", "", "", "", true},
             {"kind", L(lang, "Loại nhiệm vụ", "Kind"), "select", "de_tai", "", "", true, false,
              kinds},
             {"field", L(lang, "Mã lĩnh vực (QĐ 12/2008)", "Field code"), "text"},
             {"urgency", L(lang, "Tính cấp thiết", "Urgency"), "textarea"},
             {"objectives", L(lang, "Mục tiêu", "Objectives"), "textarea", "", "", "", true},
             {"content", L(lang, "Nội dung chính", "Main content"), "textarea"},
             {"products", L(lang, "Sản phẩm dự kiến", "Expected products"), "textarea"},
             {"budget", L(lang, "Kinh phí dự kiến (triệu đồng)", "Expected budget (million đồng)"),
              "number", "0"}},
            "prop-"));
  }
  if (auth::Allows("selection.manage", req.principal))
    v.forms += FormHtml(
        req,
        MiniForm(L(lang, "Thành lập hội đồng tư vấn xác định nhiệm vụ",
                   "Form an identification council"),
                 "/rounds/" + std::to_string(*id) + "/councils", L(lang, "Thành lập", "Form"),
                 {{"title", L(lang, "Tên hội đồng", "Title"), "text", "", "", "", true}}, "ic-"));
  if (round->state == "open" && auth::Allows("selection.decide", req.principal))
    v.forms += FormHtml(
        req, MiniForm(L(lang, "Phê duyệt và công bố danh mục", "Approve and publish the list"),
                      "/rounds/" + std::to_string(*id) + "/publish", L(lang, "Công bố", "Publish"),
                      {}, "pub-"));
  return Show(req, lang, v);
}

http::Response SubmitProposal(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  if (!id) return NotFoundPage(req, w);
  Workflow wf(*w.db, *w.registry, *w.clock);
  Workflow::ProposalInput in;
  in.round_id = *id;
  in.title = req.Form("title");
  in.kind = req.Form("kind").empty() ? "de_tai" : req.Form("kind");
  in.field_code = req.Form("field");
  in.urgency = req.Form("urgency");
  in.objectives = req.Form("objectives");
  in.content = req.Form("content");
  in.products = req.Form("products");
  if (!req.Form("budget").empty()) {
    auto b = MillionField(req, "budget");
    if (!b.ok()) return Fail(req, lang, b.status());
    in.budget_dong = *b;
  }
  auto pid = wf.SubmitProposal(in, req.principal, w.searcher);
  if (!pid.ok()) return Fail(req, lang, pid.status());
  return Redirect("/proposals/" + std::to_string(*pid));
}

http::Response ProposalPage(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  if (!id) return NotFoundPage(req, w);
  Workflow wf(*w.db, *w.registry, *w.clock);
  auto p = wf.GetProposal(*id);
  if (!p.ok() || !wf.CanSeeProposal(*p, req.principal)) return NotFoundPage(req, w);
  auto round = wf.GetRound(p->round_id);
  View v;
  v.heading = p->title;
  v.facts = {{L(lang, "Đợt", "Round"), round.ok() ? round->title : "",
              "/rounds/" + std::to_string(p->round_id)},
             {L(lang, "Trạng thái", "Stage"), StageLabel(p->stage, lang)},
             {L(lang, "Loại", "Kind"), registry::Label(registry::TaskKinds(), p->kind, lang)},
             {L(lang, "Kinh phí dự kiến", "Expected budget"), Vnd(p->budget_dong)},
             {L(lang, "Mục tiêu", "Objectives"), p->objectives},
             {L(lang, "Nội dung", "Content"), p->content},
             {L(lang, "Sản phẩm dự kiến", "Products"), p->products},
             {L(lang, "Nộp lúc", "Submitted"), VnTime(p->submitted_at)}};
  if (!p->decision_reason.empty())
    v.facts.push_back(
        {L(lang, "Kết luận của hội đồng", "Council's conclusion"), p->decision_reason});
  if (!p->method.empty())
    v.facts.push_back({L(lang, "Phương thức", "Method"), KindLabel(p->method, lang)});
  if (p->task_id)
    v.facts.push_back(
        {L(lang, "Nhiệm vụ", "Task"), p->final_title, "/tasks/" + std::to_string(*p->task_id)});
  Section dup{L(lang, "Kết quả kiểm tra trùng lặp (tự động khi nộp)",
                "Duplicate check (run on submission)")};
  dup.text = L(lang, "Quy tắc: ", "Rules: ") + p->dupcheck_rules + ". " +
             L(lang, "Mức cao nhất: ", "Highest band: ") + p->dupcheck_top_band;
  dup.head = {L(lang, "Nhiệm vụ đã có", "Known task"), L(lang, "Mã", "Code"),
              L(lang, "Điểm", "Score"), L(lang, "Mức", "Band")};
  dup.empty = L(lang, "Không tìm thấy nhiệm vụ tương tự.", "No similar task found.");
  for (const auto& m : p->dupcheck)
    dup.rows.push_back({{m.title, "/tasks/" + std::to_string(m.id)},
                        {m.code},
                        {Num(m.score, 3), "", true},
                        {m.band}});
  if (!p->applicant_answer.empty())
    dup.html = "<p><strong>" +
               HtmlEscape(L(lang, "Giải trình của người đề xuất: ", "The proposer's answer: ")) +
               "</strong>" + HtmlEscape(p->applicant_answer) + "</p>";
  v.sections.push_back(dup);
  auto comments = wf.Comments(*id);
  if (comments.ok()) {
    Section cs{L(lang, "Ý kiến", "Comments")};
    cs.head = {L(lang, "Người viết", "Author"), L(lang, "Vai trò", "As"),
               L(lang, "Nội dung", "Text"), L(lang, "Lúc", "When")};
    cs.empty = L(lang, "Chưa có ý kiến.", "No comments yet.");
    for (const auto& c : *comments)
      cs.rows.push_back({{c.author}, {c.kind}, {c.body}, {VnTime(c.at)}});
    v.sections.push_back(cs);
  }
  auto history = wf.History("proposal:" + std::to_string(*id));
  if (history.ok()) {
    Section hs{L(lang, "Quá trình xử lý", "History")};
    hs.head = {L(lang, "Lúc", "When"),     L(lang, "Từ", "From"),
               L(lang, "Sang", "To"),      L(lang, "Người thực hiện", "By"),
               L(lang, "Căn cứ", "Basis"), L(lang, "Bộ quy tắc", "Rule set")};
    for (const auto& t : *history)
      hs.rows.push_back({{VnTime(t.at)},
                         {StageLabel(t.from, lang)},
                         {StageLabel(t.to, lang)},
                         {t.actor},
                         {t.basis},
                         {t.rule_set}});
    v.sections.push_back(hs);
  }
  std::string base = "/proposals/" + std::to_string(*id);
  const auth::Principal& who = req.principal;
  if (who.user_id == p->proposer_user && p->stage != "listed")
    v.forms += FormHtml(req, MiniForm(L(lang, "Giải trình về kết quả kiểm tra trùng lặp",
                                        "Answer the duplicate check"),
                                      base + "/answer", L(lang, "Gửi giải trình", "Send"),
                                      {{"answer", L(lang, "Giải trình", "Answer"), "textarea",
                                        p->applicant_answer, "", "", true}},
                                      "ans-"));
  bool board = who.HasScoped("board_member", "program:" + std::to_string(p->program_id)) ||
               auth::Allows("selection.manage", who);
  if (board) {
    v.forms += FormHtml(
        req,
        MiniForm(L(lang, "Ý kiến của Ban chủ nhiệm chương trình", "Board comment"),
                 base + "/comment", L(lang, "Gửi ý kiến", "Comment"),
                 {{"body", L(lang, "Ý kiến", "Comment"), "textarea", "", "", "", true}}, "cm-"));
    if (p->stage == "submitted")
      v.forms += FormHtml(
          req, MiniForm(L(lang, "Sàng lọc", "Screening"), base + "/screen",
                        L(lang, "Ghi nhận", "Record"),
                        {{"decision",
                          L(lang, "Quyết định", "Decision"),
                          "select",
                          "forward",
                          "",
                          "",
                          true,
                          false,
                          {{"forward", L(lang, "Chuyển hội đồng tư vấn", "Forward to the council")},
                           {"reject", L(lang, "Không chuyển", "Screen out")}}},
                         {"reason", L(lang, "Lý do", "Reason"), "textarea"}},
                        "scr-"));
  }
  // Identification council: the members vote; staff record the conclusion.
  auto councils = wf.CouncilIds("identification", p->round_id);
  if (councils.ok() && p->stage == "forwarded") {
    for (int64_t council : *councils) {
      auto c = wf.GetCouncil(council);
      if (!c.ok() || c->state != "sitting") continue;
      std::string cid = std::to_string(c->id);
      if (wf.MemberOf(*c, who) && wf.MaySeeInCouncil(*c, "proposal:" + std::to_string(*id), who))
        v.forms += FormHtml(
            req,
            MiniForm(
                L(lang, "Phiếu đánh giá của thành viên hội đồng: ", "Member's vote: ") + c->title,
                base + "/vote", L(lang, "Bỏ phiếu", "Vote"),
                {{"council", "", "hidden", cid},
                 {"vote",
                  L(lang, "Đề nghị", "Vote"),
                  "select",
                  "approve",
                  "",
                  "",
                  true,
                  false,
                  {{"approve", L(lang, "Đề nghị đặt hàng", "Recommend ordering")},
                   {"reject", L(lang, "Không đề nghị", "Do not recommend")}}},
                 {"comment",
                  L(lang, "Nhận xét (cấp thiết, mới, không trùng lặp, khả thi, huy động nguồn lực)",
                    "Comment (urgency, novelty, non-duplication, feasibility, resources)"),
                  "textarea"}},
                "vote-" + cid + "-"));
      if (auth::Allows("selection.manage", who)) {
        std::vector<std::pair<std::string, std::string>> orgs = {{"", "—"}};
        if (p->proposer_org)
          orgs.emplace_back(std::to_string(*p->proposer_org), OrgName(w, p->proposer_org));
        v.forms += FormHtml(
            req,
            MiniForm(
                L(lang, "Kết luận của hội đồng: ", "Council's conclusion: ") + c->title,
                base + "/identify", L(lang, "Ghi kết luận", "Record"),
                {{"council", "", "hidden", cid},
                 {"decision",
                  L(lang, "Kết luận", "Conclusion"),
                  "select",
                  "approve",
                  "",
                  "",
                  true,
                  false,
                  {{"approve", L(lang, "Đề nghị đặt hàng", "Order it")},
                   {"reject", L(lang, "Không đặt hàng", "Do not order")}}},
                 {"reason", L(lang, "Căn cứ, lý do", "Reason"), "textarea", "", "", "", true},
                 {"method",
                  L(lang, "Phương thức", "Method"),
                  "select",
                  "selection",
                  "",
                  "",
                  false,
                  false,
                  {{"selection", KindLabel("selection", lang)},
                   {"direct", KindLabel("direct", lang)}}},
                 {"assigned_org",
                  L(lang, "Tổ chức được giao trực tiếp (mã)", "Organisation assigned (id)"),
                  "text"},
                 {"final_title", L(lang, "Tên nhiệm vụ sau khi hoàn thiện", "Settled title"),
                  "text", p->title},
                 {"final_objectives", L(lang, "Mục tiêu", "Objectives"), "textarea", p->objectives},
                 {"final_products", L(lang, "Sản phẩm", "Products"), "textarea", p->products}},
                "idf-" + cid + "-"));
      }
    }
  }
  return Show(req, lang, v);
}

// Runs one workflow action from a proposal page and returns to it.
http::Response ProposalAction(const http::Request& req, http::Worker& w,
                              const std::function<Status(Workflow&, int64_t)>& action) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  if (!id) return NotFoundPage(req, w);
  Workflow wf(*w.db, *w.registry, *w.clock);
  auto p = wf.GetProposal(*id);
  if (!p.ok() || !wf.CanSeeProposal(*p, req.principal)) return NotFoundPage(req, w);
  Status s = action(wf, *id);
  if (!s.ok()) return Fail(req, lang, s);
  return Redirect("/proposals/" + std::to_string(*id));
}

std::optional<int64_t> FormId(const http::Request& req, const char* field) {
  auto v = ParseInt(req.Form(field));
  if (!v || *v <= 0) return std::nullopt;
  return v;
}

void AddProposalRoutes(std::vector<http::Route>& routes) {
  routes.push_back({"POST", "/proposals/:id/answer", "signed_in", "page",
                    "Answer the duplicate check", [](const http::Request& req, http::Worker& w) {
                      return ProposalAction(req, w, [&](Workflow& wf, int64_t id) {
                        return wf.AnswerDupcheck(id, req.Form("answer"), req.principal);
                      });
                    }});
  routes.push_back({"POST", "/proposals/:id/comment", "selection.board", "page",
                    "Comment on a proposal", [](const http::Request& req, http::Worker& w) {
                      return ProposalAction(req, w, [&](Workflow& wf, int64_t id) {
                        return wf.AddComment(id, req.Form("body"), req.principal);
                      });
                    }});
  routes.push_back({"POST", "/proposals/:id/screen", "selection.board", "page", "Screen a proposal",
                    [](const http::Request& req, http::Worker& w) {
                      return ProposalAction(req, w, [&](Workflow& wf, int64_t id) {
                        return wf.Screen(id, req.Form("decision") != "reject", req.Form("reason"),
                                         req.principal);
                      });
                    }});
  routes.push_back({"POST", "/proposals/:id/vote", "selection.council", "page",
                    "Vote on a proposal", [](const http::Request& req, http::Worker& w) {
                      return ProposalAction(req, w, [&](Workflow& wf, int64_t id) {
                        auto council = FormId(req, "council");
                        if (!council) return BadField("council", req.Form("council"));
                        return wf.Vote(*council, id, req.Form("vote") == "approve",
                                       req.Form("comment"), req.principal);
                      });
                    }});
  routes.push_back({"POST", "/proposals/:id/identify", "selection.manage", "page",
                    "Record the identification council's conclusion",
                    [](const http::Request& req, http::Worker& w) {
                      return ProposalAction(req, w, [&](Workflow& wf, int64_t id) {
                        auto council = FormId(req, "council");
                        if (!council) return BadField("council", req.Form("council"));
                        Workflow::Identification in;
                        in.approve = req.Form("decision") == "approve";
                        in.reason = req.Form("reason");
                        in.method = req.Form("method");
                        if (!req.Form("assigned_org").empty()) {
                          in.assigned_org = FormId(req, "assigned_org");
                          if (!in.assigned_org)
                            return BadField("assigned_org", req.Form("assigned_org"));
                        }
                        in.final_title = req.Form("final_title");
                        in.final_objectives = req.Form("final_objectives");
                        in.final_products = req.Form("final_products");
                        return wf.Identify(*council, id, in, req.principal);
                      });
                    }});
}

http::Response PublishRound(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  if (!id) return NotFoundPage(req, w);
  Workflow wf(*w.db, *w.registry, *w.clock);
  if (Status s = wf.PublishRound(*id, req.principal); !s.ok()) return Fail(req, lang, s);
  return Redirect("/rounds/" + std::to_string(*id));
}

http::Response FormCouncilFor(const http::Request& req, http::Worker& w, const std::string& kind) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  if (!id) return NotFoundPage(req, w);
  Workflow wf(*w.db, *w.registry, *w.clock);
  auto cid = wf.FormCouncil(kind, *id, req.Form("title"), req.principal);
  if (!cid.ok()) return Fail(req, lang, cid.status());
  return Redirect("/councils/" + std::to_string(*cid));
}

http::Response ApprovedListDocument(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  if (!id) return NotFoundPage(req, w);
  Workflow wf(*w.db, *w.registry, *w.clock);
  auto round = wf.GetRound(*id);
  if (!round.ok() || round->state != "published") return NotFoundPage(req, w);
  auto proposals = wf.ListProposals(*id);
  if (!proposals.ok()) return Fail(req, lang, proposals.status());
  auto program = w.registry->GetProgram(round->program_id);
  Document doc;
  doc.heading =
      "Danh mục nhiệm vụ khoa học và công nghệ đặt hàng năm " + std::to_string(round->year);
  doc.subheading = (program.ok() ? program->name + " — " : "") + round->title;
  doc.number = std::to_string(*id) + "/DM-SKHCN";
  doc.back = "/rounds/" + std::to_string(*id);
  doc.date_line = DateLine(round->published_at);
  Section s;
  s.head = {"TT", "Tên nhiệm vụ", "Mục tiêu", "Sản phẩm", "Phương thức", "Tổ chức được giao"};
  int n = 0;
  for (const auto& p : *proposals)
    if (p.stage == "listed")
      s.rows.push_back({{std::to_string(++n), "", true},
                        {p.final_title},
                        {p.final_objectives},
                        {p.final_products},
                        {KindLabel(p.method, "vi")},
                        {OrgName(w, p.assigned_org)}});
  doc.sections.push_back(s);
  doc.closing = {"Danh mục được lập theo bộ quy tắc " + round->rule_set + "."};
  doc.signatures = {{"GIÁM ĐỐC", ""}};
  return ShowDocument(req, lang, doc);
}

// ---- calls and dossiers ----------------------------------------------------------------------

http::Response OpenCall(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  Workflow wf(*w.db, *w.registry, *w.clock);
  Workflow::CallInput in;
  in.kind = req.Form("kind");
  in.title = req.Form("title");
  auto rule_set = IdField(req, "rule_set");
  if (!rule_set.ok()) return Fail(req, lang, rule_set.status());
  in.rule_set_id = *rule_set;
  in.deadline_on = req.Form("deadline");
  if (!req.Form("budget_line").empty()) {
    auto b = MillionField(req, "budget_line");
    if (!b.ok()) return Fail(req, lang, b.status());
    in.budget_line_dong = *b;
  }
  for (const auto& v : req.FormAll("proposal")) {
    auto pid = ParseInt(v);
    if (!pid) return Fail(req, lang, BadField("proposal", v));
    in.proposal_ids.push_back(*pid);
  }
  auto id = wf.OpenCall(in, req.principal);
  if (!id.ok()) return Fail(req, lang, id.status());
  return Redirect("/calls/" + std::to_string(*id));
}

http::Response CallPage(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  if (!id) return NotFoundPage(req, w);
  Workflow wf(*w.db, *w.registry, *w.clock);
  auto call = wf.GetCall(*id);
  if (!call.ok()) return Fail(req, lang, call.status());
  View v;
  v.heading = call->title;
  v.facts = {{L(lang, "Hình thức", "Kind"), KindLabel(call->kind, lang)},
             {L(lang, "Hạn nộp hồ sơ", "Deadline"), VnTime(call->deadline)},
             {L(lang, "Bộ quy tắc", "Rule set"), call->rule_set,
              "/rule-sets/" + std::to_string(call->rule_set_id)},
             {L(lang, "Trạng thái", "State"), StageLabel(call->state, lang)}};
  if (call->budget_line_dong > 0)
    v.facts.push_back(
        {L(lang, "Tổng kinh phí dự kiến", "Budget line"), Vnd(call->budget_line_dong)});
  std::string required;
  for (const auto& it : Workflow::RequiredItems(call->kind))
    required += (required.empty() ? "" : "; ") + ItemLabel(it, lang);
  v.facts.push_back({L(lang, "Hồ sơ gồm", "A dossier holds"), required});
  Section topics{L(lang, "Nhiệm vụ", "Topics")};
  topics.head = {L(lang, "Tên nhiệm vụ", "Title"), L(lang, "Tổ chức được giao", "Assigned to")};
  for (const auto& t : call->topics)
    topics.rows.push_back({{t.title, t.task_id ? "/tasks/" + std::to_string(*t.task_id) : ""},
                           {OrgName(w, t.assigned_org)}});
  v.sections.push_back(topics);
  auto dossiers = wf.ListDossiers(*id);
  if (!dossiers.ok()) return Fail(req, lang, dossiers.status());
  Section ds{L(lang, "Hồ sơ", "Dossiers")};
  ds.head = {L(lang, "Hồ sơ", "Dossier"), L(lang, "Tổ chức chủ trì", "Host"),
             L(lang, "Trạng thái", "Stage"), L(lang, "Biên nhận", "Receipt")};
  for (const auto& d : *dossiers) {
    bool see = wf.CanSeeDossier(d, req.principal);
    // After the decision the result is public: title, host and outcome.
    bool public_result = call->state == "decided" && d.stage != "draft";
    if (!see && !public_result) continue;
    ds.rows.push_back({{d.title, see ? "/dossiers/" + std::to_string(d.id) : ""},
                       {OrgName(w, d.host_id)},
                       {StageLabel(d.stage, lang)},
                       {see ? d.receipt : ""}});
  }
  ds.empty = L(lang, "Không có hồ sơ nào bạn được xem.", "No dossiers you may see.");
  v.sections.push_back(ds);
  if (!call->opened_at.empty())
    v.sections.push_back({L(lang, "Mở hồ sơ", "Opening"), "", "",
                          "<p><a href=\"/calls/" + std::to_string(*id) + "/opening\">" +
                              HtmlEscape(L(lang, "Biên bản mở hồ sơ (bản in)",
                                           "Minutes of the opening (printable)")) +
                              "</a></p>"});
  if (call->state == "decided") {  // only a council's conclusion decides a call
    Section links{L(lang, "Kết quả", "Results")};
    links.html = "<p><a href=\"/calls/" + std::to_string(*id) + "/decision\">" +
                 HtmlEscape(L(lang, "Quyết định phê duyệt kết quả tuyển chọn (bản in)",
                              "Decision on the result (printable)")) +
                 "</a></p>";
    v.sections.push_back(links);
  }
  if (call->state == "opened" && auth::Allows("selection.manage", req.principal)) {
    // Reviewer suggestions from the expert directory (an exact optimal assignment); staff
    // appoint from it on the council page and may choose otherwise.
    int per = static_cast<int>(ParseInt(req.Query("reviewers")).value_or(2));
    int load = static_cast<int>(ParseInt(req.Query("load")).value_or(3));
    per = std::clamp(per, 1, 9);
    load = std::clamp(load, 1, 50);
    Section sug{L(lang, "Gợi ý phân công phản biện", "Suggested reviewers")};
    sug.text = L(lang,
                 "Theo mức phù hợp chuyên môn (lĩnh vực, từ khoá, nhiệm vụ đã làm), mỗi chuyên gia "
                 "tối đa ",
                 "By expertise (fields, words, past tasks), each expert at most ") +
               std::to_string(load) +
               L(lang, " hồ sơ, không có cặp xung đột lợi ích.", " dossiers, no conflicted pair.");
    sug.head = {L(lang, "Hồ sơ", "Dossier"), L(lang, "Chuyên gia gợi ý", "Suggested experts")};
    auto suggestions = wf.SuggestReviewers(*id, per, load);
    if (!suggestions.ok()) {
      sug.text = Render(suggestions.status(), lang);
    } else {
      for (const auto& sg : *suggestions) {
        std::string names;
        for (const auto& [person, affinity] : sg.experts)
          names += (names.empty() ? "" : "; ") + PersonName(w, person) + " (mã " +
                   std::to_string(person) + ", " + Num(affinity) + ")";
        sug.rows.push_back(
            {{sg.dossier_title, "/dossiers/" + std::to_string(sg.dossier_id)}, {names}});
      }
    }
    v.sections.push_back(sug);
  }
  std::string base = "/calls/" + std::to_string(*id);
  bool open = call->state == "open" && w.clock->NowText() <= call->deadline;
  if (open && auth::Allows("selection.propose", req.principal)) {
    std::vector<std::pair<std::string, std::string>> topic_opts;
    for (const auto& t : call->topics) topic_opts.emplace_back(std::to_string(t.id), t.title);
    v.forms += FormHtml(
        req,
        MiniForm(
            L(lang, "Lập hồ sơ đăng ký", "Start a dossier"), base + "/dossiers",
            L(lang, "Tạo hồ sơ", "Create"),
            {{"topic", L(lang, "Nhiệm vụ", "Topic"), "select", "", "", "", true, false, topic_opts},
             {"host", L(lang, "Tổ chức chủ trì (mã)", "Host organisation (id)"), "text",
              req.principal.organisation_id ? std::to_string(*req.principal.organisation_id) : "",
              "", "", true},
             {"title", L(lang, "Tên hồ sơ", "Title"), "text"},
             {"requested",
              L(lang, "Kinh phí đề nghị (triệu đồng)", "Requested budget (million đồng)"), "number",
              "", "", "", true},
             {"pi", L(lang, "Chủ nhiệm (mã cá nhân)", "PI (person id)"), "text",
              req.principal.person_id ? std::to_string(*req.principal.person_id) : "", "", "",
              true},
             {"secretary",
              L(lang, "Thư ký khoa học (mã cá nhân)", "Scientific secretary (person id)"), "text"},
             {"key_members",
              L(lang, "Thành viên chính (mã, cách nhau bởi dấu phẩy)",
                "Key members (ids, comma-separated)"),
              "text"},
             {"coordinators",
              L(lang, "Tổ chức phối hợp (mã, cách nhau bởi dấu phẩy)",
                "Coordinating organisations (ids)"),
              "text"}},
            "dos-"));
  }
  if (auth::Allows("selection.manage", req.principal)) {
    if (call->state == "open" && w.clock->NowText() > call->deadline) {
      // One box per item of each submitted dossier: ticked = found not valid at the opening.
      std::vector<FormField> boxes;
      for (const auto& d : *dossiers) {
        if (d.stage != "submitted") continue;
        for (const auto& it : d.items) {
          FormField f{"invalid_" + std::to_string(d.id) + "_" + it.item,
                      d.title + " — " + ItemLabel(it.item, lang) + ": " +
                          L(lang, "không hợp lệ", "not valid"),
                      "checkbox"};
          boxes.push_back(f);
        }
      }
      FormPage open_form = MiniForm(
          L(lang, "Mở hồ sơ công khai", "Open the dossiers publicly"), base + "/open",
          L(lang, "Mở hồ sơ và ghi biên bản", "Open and record the minutes"), boxes, "open-");
      open_form.intro =
          L(lang, "Đánh dấu thành phần không hợp lệ; hồ sơ có thành phần không hợp lệ bị loại.",
            "Tick the items that are not valid; a dossier with one is set aside.");
      v.forms += FormHtml(req, open_form);
    }
    v.forms += FormHtml(
        req,
        MiniForm(
            L(lang, "Thành lập hội đồng tuyển chọn, giao trực tiếp", "Form a selection council"),
            base + "/councils", L(lang, "Thành lập", "Form"),
            {{"title", L(lang, "Tên hội đồng", "Title"), "text", "", "", "", true}}, "sc-"));
  }
  return Show(req, lang, v);
}

std::vector<int64_t> IdList(const std::string& s) {
  std::vector<int64_t> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t comma = s.find(',', pos);
    std::string part = s.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    if (auto v = ParseInt(part)) out.push_back(*v);
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return out;
}

http::Response CreateDossier(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  if (!id) return NotFoundPage(req, w);
  Workflow wf(*w.db, *w.registry, *w.clock);
  Workflow::DossierInput in;
  in.call_id = *id;
  auto topic = IdField(req, "topic");
  if (!topic.ok()) return Fail(req, lang, topic.status());
  in.topic_id = *topic;
  auto host = IdField(req, "host");
  if (!host.ok()) return Fail(req, lang, host.status());
  in.host_id = *host;
  in.title = req.Form("title");
  auto requested = MillionField(req, "requested");
  if (!requested.ok()) return Fail(req, lang, requested.status());
  in.requested_dong = *requested;
  auto pi = IdField(req, "pi");
  if (!pi.ok()) return Fail(req, lang, pi.status());
  in.parties.push_back({"pi", *pi, std::nullopt});
  if (!req.Form("secretary").empty()) {
    auto sec = IdField(req, "secretary");
    if (!sec.ok()) return Fail(req, lang, sec.status());
    in.parties.push_back({"secretary", *sec, std::nullopt});
  }
  for (int64_t k : IdList(req.Form("key_members")))
    in.parties.push_back({"key_member", k, std::nullopt});
  for (int64_t o : IdList(req.Form("coordinators")))
    in.parties.push_back({"coordinator", std::nullopt, o});
  auto did = wf.CreateDossier(in, req.principal);
  if (!did.ok()) return Fail(req, lang, did.status());
  return Redirect("/dossiers/" + std::to_string(*did));
}

http::Response DossierPage(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  if (!id) return NotFoundPage(req, w);
  Workflow wf(*w.db, *w.registry, *w.clock);
  auto d = wf.GetDossier(*id);
  if (!d.ok() || !wf.CanSeeDossier(*d, req.principal)) return NotFoundPage(req, w);
  auto call = wf.GetCall(d->call_id);
  if (!call.ok()) return Fail(req, lang, call.status());
  View v;
  v.heading = d->title;
  v.facts = {{L(lang, "Thông báo", "Call"), call->title, "/calls/" + std::to_string(d->call_id)},
             {L(lang, "Tổ chức chủ trì", "Host"), OrgName(w, d->host_id),
              "/organisations/" + std::to_string(d->host_id)},
             {L(lang, "Kinh phí đề nghị", "Requested"), Vnd(d->requested_dong)},
             {L(lang, "Trạng thái", "Stage"), StageLabel(d->stage, lang)}};
  if (d->approved_dong)
    v.facts.push_back(
        {L(lang, "Kinh phí sau thẩm định", "Approved budget"), Vnd(*d->approved_dong)});
  if (!d->receipt.empty())
    v.facts.push_back(
        {L(lang, "Biên nhận", "Receipt"), d->receipt + " · " + VnTime(d->submitted_at)});
  Section parties{L(lang, "Người và tổ chức tham gia", "People and organisations")};
  parties.head = {L(lang, "Vai trò", "Role"), L(lang, "Tên", "Name")};
  for (const auto& p : d->parties)
    parties.rows.push_back(
        {{p.role}, {p.person_id ? PersonName(w, p.person_id) : OrgName(w, p.organisation_id)}});
  v.sections.push_back(parties);
  Section items{L(lang, "Thành phần hồ sơ", "Dossier items")};
  items.head = {L(lang, "Thành phần", "Item"), L(lang, "Tệp", "File"), L(lang, "Hợp lệ", "Valid")};
  for (const auto& it : d->items)
    items.rows.push_back(
        {{ItemLabel(it.item, lang)},
         {it.file_name,
          "/dossiers/" + std::to_string(*id) + "/files/" + std::to_string(it.file_id)},
         {it.valid ? (*it.valid ? L(lang, "Hợp lệ", "Valid") : L(lang, "Không hợp lệ", "Not valid"))
                   : ""}});
  std::string missing;
  for (const auto& need : Workflow::RequiredItems(call->kind))
    if (std::none_of(d->items.begin(), d->items.end(),
                     [&](const auto& it) { return it.item == need; }))
      missing += (missing.empty() ? "" : "; ") + ItemLabel(need, lang);
  if (!missing.empty()) items.text = L(lang, "Còn thiếu: ", "Still missing: ") + missing;
  v.sections.push_back(items);
  if (auto contract = wf.ContractOf(*id); contract.ok() && *contract) {
    Section cs{L(lang, "Hợp đồng", "Contract")};
    cs.html = "<p><a href=\"/dossiers/" + std::to_string(*id) + "/contract\">" +
              HtmlEscape(L(lang, "Hợp đồng số ", "Contract no. ") + (*contract)->number) +
              "</a></p>";
    v.sections.push_back(cs);
  }
  auto history = wf.History("dossier:" + std::to_string(*id));
  if (history.ok()) {
    Section hs{L(lang, "Quá trình xử lý", "History")};
    hs.head = {L(lang, "Lúc", "When"), L(lang, "Sang", "To"), L(lang, "Người thực hiện", "By"),
               L(lang, "Căn cứ", "Basis"), L(lang, "Bộ quy tắc", "Rule set")};
    for (const auto& t : *history)
      hs.rows.push_back(
          {{VnTime(t.at)}, {StageLabel(t.to, lang)}, {t.actor}, {t.basis}, {t.rule_set}});
    v.sections.push_back(hs);
  }
  std::string base = "/dossiers/" + std::to_string(*id);
  const auth::Principal& who = req.principal;
  if (who.user_id == d->applicant_user && d->stage == "draft") {
    std::vector<std::pair<std::string, std::string>> kinds;
    for (const auto& it : Workflow::RequiredItems(call->kind))
      kinds.emplace_back(it, ItemLabel(it, lang));
    kinds.emplace_back("legal", ItemLabel("legal", lang));
    FormPage up =
        MiniForm(L(lang, "Tải lên thành phần hồ sơ (PDF, DOCX)", "Upload an item (PDF, DOCX)"),
                 base + "/items", L(lang, "Tải lên", "Upload"),
                 {{"item", L(lang, "Thành phần", "Item"), "select", "", "", "", true, false, kinds},
                  {"file", L(lang, "Tệp", "File"), "file", "", "", "", true}},
                 "up-");
    up.multipart = true;
    v.forms += FormHtml(req, up);
    v.forms += FormHtml(req, MiniForm(L(lang, "Nộp hồ sơ", "Submit the dossier"), base + "/submit",
                                      L(lang, "Nộp hồ sơ", "Submit"), {}, "sub-"));
  }
  if (auth::Allows("selection.manage", who) && d->stage == "selected" && !d->approved_dong)
    v.forms += FormHtml(
        req,
        MiniForm(L(lang, "Thẩm định kinh phí", "Budget appraisal"), base + "/appraise",
                 L(lang, "Ghi kết quả thẩm định", "Record"),
                 {{"approved",
                   L(lang, "Kinh phí được duyệt (triệu đồng)", "Approved budget (million đồng)"),
                   "number", std::to_string(d->requested_dong / 1'000'000), "", "", true},
                  {"reason", L(lang, "Lý do điều chỉnh", "Reason"), "textarea", "", "", "", true}},
                 "apr-"));
  if (auth::Allows("selection.decide", who) && d->stage == "selected" && d->approved_dong)
    v.forms += FormHtml(req, MiniForm(L(lang, "Phê duyệt", "Approve"), base + "/approve",
                                      L(lang, "Phê duyệt", "Approve"), {}, "app-"));
  if (auth::Allows("selection.manage", who) && d->stage == "approved")
    v.forms += FormHtml(
        req, MiniForm(L(lang, "Ký hợp đồng", "Sign the contract"), base + "/contract",
                      L(lang, "Ghi hợp đồng", "Record the contract"),
                      {{"number", L(lang, "Số hợp đồng", "Number"), "text", "", "", "", true},
                       {"start", L(lang, "Bắt đầu", "Start"), "date", "", "", "", true},
                       {"end", L(lang, "Kết thúc", "End"), "date", "", "", "", true},
                       {"budget",
                        L(lang, "Kinh phí theo năm (mỗi dòng: năm: triệu đồng)",
                          "Budget by year (one per line: year: million đồng)"),
                        "textarea", "", "", "", true},
                       {"milestones",
                        L(lang, "Mốc tiến độ (mỗi dòng: ngày: nội dung)",
                          "Milestones (one per line: date: what)"),
                        "textarea"},
                       {"products",
                        L(lang, "Sản phẩm (mỗi dòng một sản phẩm)", "Products (one per line)"),
                        "textarea"}},
                      "ctr-"));
  return Show(req, lang, v);
}

http::Response DossierAction(const http::Request& req, http::Worker& w,
                             const std::function<Status(Workflow&, int64_t)>& action) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  if (!id) return NotFoundPage(req, w);
  Workflow wf(*w.db, *w.registry, *w.clock);
  auto d = wf.GetDossier(*id);
  if (!d.ok() || !wf.CanSeeDossier(*d, req.principal)) return NotFoundPage(req, w);
  Status s = action(wf, *id);
  if (!s.ok()) return Fail(req, lang, s);
  return Redirect("/dossiers/" + std::to_string(*id));
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t nl = s.find('\n', pos);
    std::string line =
        text::CollapseSpaces(s.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos));
    if (!line.empty()) out.push_back(line);
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
  return out;
}

void AddDossierRoutes(std::vector<http::Route>& routes) {
  routes.push_back({"POST", "/dossiers/:id/items", "selection.propose", "page",
                    "Upload a dossier item", [](const http::Request& req, http::Worker& w) {
                      return DossierAction(req, w, [&](Workflow& wf, int64_t id) -> Status {
                        if (req.files.empty())
                          return Status::Invalid({"selection.required", {{"field", "file"}}});
                        files::FileStore store(*w.db, w.config->FilesDir(), *w.clock);
                        auto f = store.Put(req.files.front().filename, req.files.front().data,
                                           req.principal.user_id);
                        if (!f.ok()) return f.status();
                        return wf.AttachItem(id, req.Form("item"), f->id, req.principal);
                      });
                    }});
  routes.push_back({"POST", "/dossiers/:id/submit", "selection.propose", "page", "Submit a dossier",
                    [](const http::Request& req, http::Worker& w) {
                      return DossierAction(req, w, [&](Workflow& wf, int64_t id) {
                        return wf.SubmitDossier(id, req.principal).status();
                      });
                    }});
  routes.push_back({"POST", "/dossiers/:id/appraise", "selection.manage", "page",
                    "Record the budget appraisal", [](const http::Request& req, http::Worker& w) {
                      return DossierAction(req, w, [&](Workflow& wf, int64_t id) -> Status {
                        auto approved = MillionField(req, "approved");
                        if (!approved.ok()) return approved.status();
                        return wf.Appraise(id, *approved, req.Form("reason"), req.principal);
                      });
                    }});
  routes.push_back({"POST", "/dossiers/:id/approve", "selection.decide", "page",
                    "Approve a selected dossier", [](const http::Request& req, http::Worker& w) {
                      return DossierAction(req, w, [&](Workflow& wf, int64_t id) {
                        return wf.Approve(id, req.principal);
                      });
                    }});
  routes.push_back({"POST", "/dossiers/:id/contract", "selection.manage", "page",
                    "Record the signed contract", [](const http::Request& req, http::Worker& w) {
                      return DossierAction(req, w, [&](Workflow& wf, int64_t id) -> Status {
                        selection::ContractInput in;
                        in.number = req.Form("number");
                        in.start = req.Form("start");
                        in.end = req.Form("end");
                        for (const auto& line : Lines(req.Form("budget"))) {
                          size_t colon = line.find(':');
                          auto year = ParseInt(line.substr(0, colon));
                          auto amount = colon == std::string::npos
                                            ? std::nullopt
                                            : Millions(line.substr(colon + 1));
                          if (!year || !amount || *year > 9999) return BadField("budget", line);
                          in.budget.emplace_back(static_cast<int>(*year), *amount);
                        }
                        for (const auto& line : Lines(req.Form("milestones"))) {
                          size_t colon = line.find(':');
                          if (colon == std::string::npos)
                            return Status::Invalid(
                                {"selection.bad_date", {{"field", "milestones"}, {"value", line}}});
                          in.milestones.emplace_back(text::CollapseSpaces(line.substr(0, colon)),
                                                     line.substr(colon + 1));
                        }
                        in.products = Lines(req.Form("products"));
                        return wf.SignContract(id, in, req.principal).status();
                      });
                    }});
  routes.push_back({"GET",
                    "/dossiers/:id/files/:file",
                    "signed_in",
                    "page",
                    "A dossier item's file",
                    [](const http::Request& req, http::Worker& w) -> http::Response {
                      auto id = PathId(req, "id");
                      auto file = PathId(req, "file");
                      if (!id || !file) return NotFoundPage(req, w);
                      Workflow wf(*w.db, *w.registry, *w.clock);
                      auto d = wf.GetDossier(*id);
                      if (!d.ok() || !wf.CanSeeDossier(*d, req.principal))
                        return NotFoundPage(req, w);
                      if (std::none_of(d->items.begin(), d->items.end(),
                                       [&](const auto& it) { return it.file_id == *file; }))
                        return NotFoundPage(req, w);
                      files::FileStore store(*w.db, w.config->FilesDir(), *w.clock);
                      auto f = store.Get(*file);
                      if (!f.ok()) return NotFoundPage(req, w);
                      auto bytes = store.Read(*f);
                      if (!bytes.ok()) return ErrorPage(req, Lang(req), bytes.status());
                      http::Response r;
                      r.content_type = f->mime;
                      r.body = std::move(*bytes);
                      r.Header("Content-Disposition", "attachment; filename=\"" + f->name + "\"");
                      return r;
                    },
                    {},
                    false,
                    {"application/octet-stream"}});
}

// ---- councils ----------------------------------------------------------------------------------

http::Response CouncilPage(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  if (!id) return NotFoundPage(req, w);
  Workflow wf(*w.db, *w.registry, *w.clock);
  auto c = wf.GetCouncil(*id);
  if (!c.ok()) return NotFoundPage(req, w);
  const auth::Principal& who = req.principal;
  auto me = wf.MemberOf(*c, who);
  if (!who.SeesEverything() && !me) return NotFoundPage(req, w);
  std::string base = "/councils/" + std::to_string(*id);
  View v;
  v.heading = c->title;
  v.facts = {{L(lang, "Loại", "Kind"), KindLabel(c->kind, lang)},
             {L(lang, "Bộ quy tắc", "Rule set"), c->rule_set,
              "/rule-sets/" + std::to_string(c->rule_set_id)},
             {L(lang, "Trạng thái", "State"), StageLabel(c->state, lang)}};
  if (c->round_id)
    v.facts.push_back({L(lang, "Đợt", "Round"), "", "/rounds/" + std::to_string(*c->round_id)});
  if (c->call_id)
    v.facts.push_back({L(lang, "Thông báo", "Call"), "", "/calls/" + std::to_string(*c->call_id)});
  for (auto& f : v.facts)
    if (f.v.empty()) f.v = L(lang, "Xem", "Open");
  Section members{L(lang, "Thành viên", "Members")};
  members.head = {L(lang, "Họ tên", "Name"), L(lang, "Vai trò", "Seat"),
                  L(lang, "Có mặt", "Present")};
  for (const auto& m : c->members)
    members.rows.push_back(
        {{m.name}, {SeatLabel(m.seat, lang)}, {m.present ? "✓" : L(lang, "vắng", "absent")}});
  v.sections.push_back(members);
  if (who.SeesEverything()) {
    Section conflicts{L(lang, "Xung đột lợi ích đã ghi nhận", "Conflicts recorded")};
    conflicts.head = {L(lang, "Thành viên", "Member"), L(lang, "Hồ sơ", "Subject"),
                      L(lang, "Lý do", "Reason"), L(lang, "Chi tiết", "Detail")};
    conflicts.empty = L(lang, "Không có.", "None.");
    for (const auto& k : c->conflicts)
      conflicts.rows.push_back({{PersonName(w, k.person_id)},
                                {k.subject, SubjectHref(k.subject)},
                                {k.reason},
                                {k.detail}});
    v.sections.push_back(conflicts);
  }
  // The subjects this reader may see: everything for staff; for a member, all but conflicted.
  Section subjects{c->kind == "identification" ? L(lang, "Đề xuất", "Proposals")
                                               : L(lang, "Hồ sơ", "Dossiers")};
  subjects.head = {L(lang, "Tên", "Title"), L(lang, "Trạng thái", "Stage")};
  for (const auto& s : c->subjects) {
    if (!wf.MaySeeInCouncil(*c, s, who)) continue;
    std::string title, stage;
    if (s.rfind("proposal:", 0) == 0) {
      auto p = wf.GetProposal(std::stoll(s.substr(9)));
      if (p.ok()) title = p->title, stage = p->stage;
    } else {
      auto d = wf.GetDossier(std::stoll(s.substr(8)));
      if (d.ok()) title = d->title, stage = d->stage;
    }
    subjects.rows.push_back({{title, SubjectHref(s)}, {StageLabel(stage, lang)}});
  }
  subjects.empty = L(lang, "Chưa có.", "None yet.");
  v.sections.push_back(subjects);
  if (c->state == "concluded") {
    Section docs{L(lang, "Văn bản", "Documents")};
    docs.html = "<ul><li><a href=\"" + base + "/minutes\">" +
                HtmlEscape(L(lang, "Biên bản họp hội đồng", "Council minutes")) + "</a></li>";
    for (const auto& m : c->members)
      if (who.SeesEverything() || (me && me->person_id == m.person_id))
        docs.html += "<li><a href=\"" + base + "/sheets/" + std::to_string(m.person_id) + "\">" +
                     HtmlEscape(L(lang, "Phiếu đánh giá của ", "Score sheets of ") + m.name) +
                     "</a></li>";
    docs.html += "</ul>";
    v.sections.push_back(docs);
  }
  if (c->kind == "identification" && c->state != "forming")
    v.sections.push_back({L(lang, "Kiểm phiếu", "Vote count"), "", "",
                          "<p><a href=\"" + base + "/votes\">" +
                              HtmlEscape(L(lang, "Biên bản kiểm phiếu", "Vote count")) +
                              "</a></p>"});
  if (auth::Allows("selection.manage", who)) {
    if (c->state == "forming") {
      auto rs = wf.GetRuleSet(c->rule_set_id);
      std::vector<std::pair<std::string, std::string>> seats;
      if (rs.ok())
        for (const auto& s : rs->rules.seats) seats.emplace_back(s.role, SeatLabel(s.role, lang));
      v.forms += FormHtml(
          req,
          MiniForm(
              L(lang, "Bổ nhiệm thành viên (hệ thống kiểm tra xung đột lợi ích)",
                "Appoint a member (conflicts are checked)"),
              base + "/members", L(lang, "Bổ nhiệm", "Appoint"),
              {{"person", L(lang, "Chuyên gia (mã cá nhân)", "Expert (person id)"), "text", "", "",
                "", true},
               {"seat", L(lang, "Vai trò", "Seat"), "select", "member", "", "", true, false, seats},
               {"declaration",
                L(lang, "Tự khai xung đột lợi ích (nếu có)", "Self-declared conflict, if any"),
                "textarea"}},
              "mem-"));
      v.forms +=
          FormHtml(req, MiniForm(L(lang, "Bắt đầu phiên họp", "Start the sitting"), base + "/start",
                                 L(lang, "Bắt đầu", "Start"), {}, "start-"));
    }
    if (c->state != "concluded") {
      std::vector<std::pair<std::string, std::string>> people;
      for (const auto& m : c->members) people.emplace_back(std::to_string(m.person_id), m.name);
      v.forms += FormHtml(
          req,
          MiniForm(L(lang, "Điểm danh", "Attendance"), base + "/presence", L(lang, "Ghi", "Record"),
                   {{"person", L(lang, "Thành viên", "Member"), "select", "", "", "", true, false,
                     people},
                    {"present",
                     L(lang, "Có mặt", "Present"),
                     "select",
                     "1",
                     "",
                     "",
                     true,
                     false,
                     {{"1", L(lang, "Có mặt", "Present")}, {"0", L(lang, "Vắng", "Absent")}}}},
                   "pres-"));
    }
    if (c->kind == "selection" && c->state == "sitting")
      v.forms +=
          FormHtml(req, MiniForm(L(lang, "Kết luận: tính điểm, xếp hạng theo bộ quy tắc",
                                   "Conclude: score and rank under the rule set"),
                                 base + "/conclude", L(lang, "Kết luận", "Conclude"), {}, "conc-"));
  }
  if (me && c->state == "sitting") {
    std::vector<std::pair<std::string, std::string>> subject_opts;
    for (const auto& s : c->subjects)
      if (wf.MaySeeInCouncil(*c, s, who)) subject_opts.emplace_back(s, s);
    if (!subject_opts.empty())
      v.forms += FormHtml(
          req, MiniForm(L(lang, "Tự khai xung đột lợi ích", "Declare a conflict of interest"),
                        base + "/declare", L(lang, "Khai báo", "Declare"),
                        {{"subject", L(lang, "Hồ sơ", "Subject"), "select", "", "", "", true, false,
                          subject_opts},
                         {"text", L(lang, "Nội dung", "What"), "textarea", "", "", "", true}},
                        "decl-"));
    if (c->kind == "selection" && me->present) {
      auto rs = wf.GetRuleSet(c->rule_set_id);
      auto call = wf.GetCall(*c->call_id);
      for (const auto& s : c->subjects) {
        if (!wf.MaySeeInCouncil(*c, s, who) || !rs.ok() || !call.ok()) continue;
        int64_t did = std::stoll(s.substr(8));
        auto d = wf.GetDossier(did);
        if (!d.ok()) continue;
        const selection::ScoreSheet* sheet = rs->rules.SheetFor(call->TopicKind(d->topic_id));
        if (!sheet) continue;
        std::vector<FormField> fields;
        for (const auto& cr : sheet->criteria) {
          FormField f{"c_" + cr.id, cr.label + " (0–" + std::to_string(cr.max_points) + ")",
                      "number",     "",
                      "",           cr.guidance,
                      true};
          fields.push_back(f);
        }
        fields.push_back({"comment", L(lang, "Nhận xét", "Comments"), "textarea"});
        v.forms += FormHtml(req, MiniForm(L(lang, "Phiếu đánh giá: ", "Score sheet: ") + d->title,
                                          base + "/score/" + std::to_string(did),
                                          L(lang, "Nộp phiếu", "Submit the sheet"), fields,
                                          "sc" + std::to_string(did) + "-"));
        if (me->seat == "reviewer")
          v.forms += FormHtml(
              req, MiniForm(L(lang, "Nhận xét phản biện: ", "Review: ") + d->title,
                            base + "/review/" + std::to_string(did), L(lang, "Gửi", "Send"),
                            {{"body", L(lang, "Nhận xét", "Review"), "textarea", "", "", "", true}},
                            "rv" + std::to_string(did) + "-"));
      }
    }
  }
  return Show(req, lang, v);
}

http::Response CouncilAction(const http::Request& req, http::Worker& w,
                             const std::function<Status(Workflow&, int64_t)>& action) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  if (!id) return NotFoundPage(req, w);
  Workflow wf(*w.db, *w.registry, *w.clock);
  auto c = wf.GetCouncil(*id);
  if (!c.ok() || (!req.principal.SeesEverything() && !wf.MemberOf(*c, req.principal)))
    return NotFoundPage(req, w);
  Status s = action(wf, *id);
  if (!s.ok()) return Fail(req, lang, s);
  return Redirect("/councils/" + std::to_string(*id));
}

void AddCouncilActionRoutes(std::vector<http::Route>& routes) {
  routes.push_back(
      {"POST", "/councils/:id/members", "selection.manage", "page", "Appoint a council member",
       [](const http::Request& req, http::Worker& w) {
         return CouncilAction(req, w, [&](Workflow& wf, int64_t id) -> Status {
           auto person = IdField(req, "person");
           if (!person.ok()) return person.status();
           return wf.Appoint(id, *person, req.Form("seat"), req.Form("declaration"), req.principal)
               .status();
         });
       }});
  routes.push_back({"POST", "/councils/:id/start", "selection.manage", "page",
                    "Start a council's sitting", [](const http::Request& req, http::Worker& w) {
                      return CouncilAction(req, w, [&](Workflow& wf, int64_t id) {
                        return wf.StartSitting(id, req.principal);
                      });
                    }});
  routes.push_back({"POST", "/councils/:id/presence", "selection.manage", "page",
                    "Record attendance", [](const http::Request& req, http::Worker& w) {
                      return CouncilAction(req, w, [&](Workflow& wf, int64_t id) -> Status {
                        auto person = IdField(req, "person");
                        if (!person.ok()) return person.status();
                        return wf.SetPresent(id, *person, req.Form("present") == "1",
                                             req.principal);
                      });
                    }});
  routes.push_back({"POST", "/councils/:id/declare", "selection.council", "page",
                    "Declare a conflict of interest",
                    [](const http::Request& req, http::Worker& w) {
                      return CouncilAction(req, w, [&](Workflow& wf, int64_t id) {
                        return wf.Declare(id, req.Form("subject"), req.Form("text"), req.principal);
                      });
                    }});
  routes.push_back(
      {"POST", "/councils/:id/score/:dossier", "selection.council", "page", "Submit a score sheet",
       [](const http::Request& req, http::Worker& w) {
         return CouncilAction(req, w, [&](Workflow& wf, int64_t id) -> Status {
           auto dossier = PathId(req, "dossier");
           if (!dossier)
             return Status::NotFound(
                 {"selection.not_found",
                  {{"what", "dossier"},
                   {"id", req.params.count("dossier") ? req.params.at("dossier") : ""}}});
           selection::MemberSheet sheet;
           for (const auto& [k, v] : req.form) {
             if (k.rfind("c_", 0) != 0) continue;
             auto points = ParseInt(v);
             if (!points || *points > 100)  // no criterion is worth more than the whole sheet
               return Status::Invalid({"selection.bad_score",
                                       {{"criterion", k.substr(2)},
                                        {"label", k.substr(2)},
                                        {"value", v},
                                        {"max", "100"}}});
             sheet.points[k.substr(2)] = static_cast<int>(*points);
           }
           return wf.Score(id, *dossier, sheet, req.Form("comment"), req.principal);
         });
       }});
  routes.push_back(
      {"POST", "/councils/:id/review/:dossier", "selection.council", "page", "Submit a review",
       [](const http::Request& req, http::Worker& w) {
         return CouncilAction(req, w, [&](Workflow& wf, int64_t id) -> Status {
           auto dossier = PathId(req, "dossier");
           if (!dossier)
             return Status::NotFound({"selection.not_found", {{"what", "dossier"}, {"id", ""}}});
           return wf.Review(id, *dossier, req.Form("body"), req.principal);
         });
       }});
  routes.push_back({"POST", "/councils/:id/conclude", "selection.manage", "page",
                    "Conclude a selection council", [](const http::Request& req, http::Worker& w) {
                      return CouncilAction(req, w, [&](Workflow& wf, int64_t id) {
                        return wf.Conclude(id, req.principal).status();
                      });
                    }});
}

// Minutes of a selection council: members present, each dossier's figures, the ranking.
http::Response MinutesDocument(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  if (!id) return NotFoundPage(req, w);
  Workflow wf(*w.db, *w.registry, *w.clock);
  auto c = wf.GetCouncil(*id);
  if (!c.ok() || c->state != "concluded" || c->kind != "selection") return NotFoundPage(req, w);
  if (!req.principal.SeesEverything() && !wf.MemberOf(*c, req.principal))
    return NotFoundPage(req, w);
  auto results = wf.Results(*id);
  if (!results.ok()) return Fail(req, lang, results.status());
  auto rs = wf.GetRuleSet(c->rule_set_id);
  if (!rs.ok()) return Fail(req, lang, rs.status());
  int present = 0;
  for (const auto& m : c->members) present += m.present ? 1 : 0;
  Document doc;
  doc.heading =
      "Biên bản họp hội đồng tư vấn tuyển chọn, giao trực tiếp tổ chức và cá nhân chủ trì nhiệm vụ";
  doc.subheading = c->title;
  doc.number = std::to_string(*id) + "/BB-HĐ";
  doc.back = "/councils/" + std::to_string(*id);
  doc.date_line = DateLine(c->concluded_at);
  doc.paragraphs = {
      "Hội đồng gồm " + std::to_string(c->members.size()) + " thành viên; có mặt " +
          std::to_string(present) + ", vắng " + std::to_string(c->members.size() - present) + ".",
      "Bộ quy tắc áp dụng: " + c->rule_set + " (" + rs->rules.legal_basis +
          "). Hồ sơ đạt khi điểm trung bình từ " + Num(rs->rules.pass_average, 0) +
          "/100 trở lên và không tiêu chí nào bị quá " + std::to_string(rs->rules.zero_max_num) +
          "/" + std::to_string(rs->rules.zero_max_den) + " số thành viên có mặt cho 0 điểm."};
  Section members;
  members.title = "Thành viên hội đồng";
  members.head = {"TT", "Họ tên", "Vai trò", "Có mặt"};
  int n = 0;
  for (const auto& m : c->members)
    members.rows.push_back({{std::to_string(++n), "", true},
                            {m.name},
                            {SeatLabel(m.seat, "vi")},
                            {m.present ? "Có" : "Vắng"}});
  doc.sections.push_back(members);
  Section res;
  res.title = "Kết quả đánh giá";
  res.head = {
      "Xếp hạng", "Hồ sơ", "Tổ chức chủ trì", "Số phiếu", "Điểm TB ban đầu", "Số phiếu bị loại",
      "Điểm TB",  "Đạt",   "Kết luận"};
  for (const auto& r : *results) {
    auto d = wf.GetDossier(std::stoll(r.subject.substr(8)));
    res.rows.push_back(
        {{std::to_string(r.rank), "", true},
         {d.ok() ? d->title : r.subject},
         {d.ok() ? OrgName(w, d->host_id) : ""},
         {std::to_string(r.present), "", true},
         {Num(r.first_average), "", true},
         {std::to_string(r.set_aside), "", true},
         {Num(r.average), "", true},
         {r.passed ? "Đạt" : "Không đạt"},
         {StageLabel(r.outcome, "vi") +
          (r.fail_reason.empty() ? "" : " — " + Render(Message(r.fail_reason), "vi"))}});
  }
  doc.sections.push_back(res);
  // Raw totals per member beside the per-member z-scores (a view; the raw scores decide).
  std::map<int64_t, std::vector<selection::MemberSheet>> by_dossier;
  for (const auto& r : *results) {
    auto sheets = wf.Sheets(*id, r.subject);
    if (sheets.ok()) by_dossier[std::stoll(r.subject.substr(8))] = *sheets;
  }
  auto z = selection::MemberZScores(by_dossier);
  Section raw;
  raw.title = "Tổng điểm từng thành viên (điểm chuẩn hoá z theo thành viên trong ngoặc)";
  raw.head = {"Thành viên"};
  for (const auto& r : *results) raw.head.push_back(r.subject);
  for (const auto& m : c->members) {
    std::vector<Cell> row{{m.name}};
    for (const auto& r : *results) {
      int64_t did = std::stoll(r.subject.substr(8));
      std::string cell;
      for (const auto& s : by_dossier[did])
        if (s.member_id == m.person_id) {
          auto zi = z.find({m.person_id, did});
          cell = std::to_string(s.Total()) + (zi != z.end() ? " (" + Num(zi->second) + ")" : "");
        }
      row.push_back({cell.empty() ? "—" : cell, "", true});
    }
    raw.rows.push_back(row);
  }
  doc.sections.push_back(raw);
  doc.closing = {"Các con số trên được tính từ phiếu đánh giá đã lưu, theo bộ quy tắc " +
                 c->rule_set + "."};
  std::string chair, secretary;
  for (const auto& m : c->members) {
    if (m.seat == "chair") chair = m.name;
    if (m.seat == "secretary") secretary = m.name;
  }
  doc.signatures = {{"THƯ KÝ KHOA HỌC", secretary}, {"CHỦ TỊCH HỘI ĐỒNG", chair}};
  return ShowDocument(req, lang, doc);
}

http::Response SheetDocument(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  auto person = PathId(req, "person");
  if (!id || !person) return NotFoundPage(req, w);
  Workflow wf(*w.db, *w.registry, *w.clock);
  auto c = wf.GetCouncil(*id);
  if (!c.ok() || c->kind != "selection") return NotFoundPage(req, w);
  auto me = wf.MemberOf(*c, req.principal);
  if (!req.principal.SeesEverything() && !(me && me->person_id == *person))
    return NotFoundPage(req, w);
  auto member = std::find_if(c->members.begin(), c->members.end(),
                             [&](const auto& m) { return m.person_id == *person; });
  if (member == c->members.end()) return NotFoundPage(req, w);
  auto rs = wf.GetRuleSet(c->rule_set_id);
  if (!rs.ok()) return Fail(req, lang, rs.status());
  Document doc;
  doc.heading = "Phiếu đánh giá hồ sơ đăng ký tuyển chọn, giao trực tiếp";
  doc.subheading = c->title;
  doc.back = "/councils/" + std::to_string(*id);
  doc.date_line = DateLine(c->concluded_at.empty() ? w.clock->NowText() : c->concluded_at);
  doc.paragraphs = {
      "Họ tên thành viên hội đồng: " + member->name + " (" + SeatLabel(member->seat, "vi") + ")",
      "Bộ quy tắc: " + c->rule_set};
  for (const auto& s : c->subjects) {
    if (wf.Conflicted(*c, *person, s)) continue;
    auto sheets = wf.Sheets(*id, s);
    if (!sheets.ok()) continue;
    auto d = wf.GetDossier(std::stoll(s.substr(8)));
    auto call = wf.GetCall(c->call_id.value_or(0));
    if (!d.ok() || !call.ok()) continue;
    const selection::ScoreSheet* sheet = rs->rules.SheetFor(call->TopicKind(d->topic_id));
    if (!sheet) continue;
    for (const auto& ms : *sheets) {
      if (ms.member_id != *person) continue;
      Section sec;
      sec.title = d->title + " — " + OrgName(w, d->host_id);
      sec.head = {"Tiêu chí", "Điểm tối đa", "Điểm chấm"};
      for (const auto& cr : sheet->criteria) {
        auto p = ms.points.find(cr.id);
        sec.rows.push_back({{cr.label},
                            {std::to_string(cr.max_points), "", true},
                            {p == ms.points.end() ? "" : std::to_string(p->second), "", true}});
      }
      sec.rows.push_back({{"Tổng cộng"},
                          {std::to_string(sheet->MaxTotal()), "", true},
                          {std::to_string(ms.Total()), "", true}});
      doc.sections.push_back(sec);
    }
  }
  doc.signatures = {{"NGƯỜI ĐÁNH GIÁ", member->name}};
  return ShowDocument(req, lang, doc);
}

http::Response VotesDocument(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  if (!id) return NotFoundPage(req, w);
  Workflow wf(*w.db, *w.registry, *w.clock);
  auto c = wf.GetCouncil(*id);
  if (!c.ok() || c->kind != "identification") return NotFoundPage(req, w);
  if (!req.principal.SeesEverything() && !wf.MemberOf(*c, req.principal))
    return NotFoundPage(req, w);
  Document doc;
  doc.heading = "Biên bản kiểm phiếu đánh giá đề xuất đặt hàng nhiệm vụ khoa học và công nghệ";
  doc.subheading = c->title;
  doc.back = "/councils/" + std::to_string(*id);
  doc.date_line = DateLine(w.clock->NowText());
  Section s;
  s.head = {"Đề xuất", "Số thành viên có mặt", "Đề nghị đặt hàng", "Không đề nghị", "Kết luận"};
  for (const auto& subject : c->subjects) {
    if (!wf.MaySeeInCouncil(*c, subject, req.principal)) continue;
    auto p = wf.GetProposal(std::stoll(subject.substr(9)));
    auto vc = wf.CountVotes(*id, subject);
    if (!p.ok() || !vc.ok()) continue;
    s.rows.push_back({{p->title},
                      {std::to_string(vc->present), "", true},
                      {std::to_string(vc->approve), "", true},
                      {std::to_string(vc->reject), "", true},
                      {StageLabel(p->stage, "vi")}});
  }
  doc.sections.push_back(s);
  doc.signatures = {{"TỔ KIỂM PHIẾU", ""}, {"CHỦ TỊCH HỘI ĐỒNG", ""}};
  return ShowDocument(req, lang, doc);
}

// Minutes of the public opening: each submitted dossier, its receipt and the check of each item.
http::Response OpeningDocument(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  if (!id) return NotFoundPage(req, w);
  Workflow wf(*w.db, *w.registry, *w.clock);
  auto call = wf.GetCall(*id);
  if (!call.ok() || call->opened_at.empty()) return NotFoundPage(req, w);
  auto dossiers = wf.ListDossiers(*id);
  if (!dossiers.ok()) return Fail(req, lang, dossiers.status());
  Document doc;
  doc.heading = "Biên bản mở hồ sơ đăng ký tuyển chọn, giao trực tiếp";
  doc.subheading = call->title;
  doc.back = "/calls/" + std::to_string(*id);
  doc.date_line = DateLine(call->opened_at);
  doc.paragraphs = {"Hạn nộp hồ sơ: " + VnTime(call->deadline) + ". Mở hồ sơ lúc " +
                    VnTime(call->opened_at) + "."};
  Section s;
  s.head = {"TT",      "Hồ sơ", "Tổ chức chủ trì", "Biên nhận", "Nộp lúc", "Thành phần hợp lệ",
            "Kết luận"};
  int n = 0;
  for (const auto& d : *dossiers) {
    if (d.stage == "draft") continue;
    int valid = 0;
    for (const auto& it : d.items) valid += it.valid.value_or(false) ? 1 : 0;
    s.rows.push_back({{std::to_string(++n), "", true},
                      {d.title},
                      {OrgName(w, d.host_id)},
                      {d.receipt},
                      {VnTime(d.submitted_at)},
                      {std::to_string(valid) + "/" + std::to_string(d.items.size()), "", true},
                      {d.stage == "invalid" ? "Không hợp lệ" : "Hợp lệ"}});
  }
  doc.sections.push_back(s);
  doc.signatures = {{"ĐẠI DIỆN SỞ KHOA HỌC VÀ CÔNG NGHỆ", ""}};
  return ShowDocument(req, lang, doc);
}

// The decision approving the result of a call: public once the call is decided.
http::Response DecisionDocument(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  if (!id) return NotFoundPage(req, w);
  Workflow wf(*w.db, *w.registry, *w.clock);
  auto call = wf.GetCall(*id);
  if (!call.ok() || call->state != "decided") return NotFoundPage(req, w);
  auto dossiers = wf.ListDossiers(*id);
  if (!dossiers.ok()) return Fail(req, lang, dossiers.status());
  Document doc;
  doc.heading = "Quyết định phê duyệt tổ chức, cá nhân chủ trì nhiệm vụ khoa học và công nghệ";
  doc.subheading = call->title;
  doc.number = std::to_string(*id) + "/QĐ-SKHCN";
  doc.back = "/calls/" + std::to_string(*id);
  doc.date_line = DateLine(w.clock->NowText());
  doc.paragraphs = {"Căn cứ bộ quy tắc " + call->rule_set +
                        " và kết quả họp hội đồng tư vấn tuyển chọn, giao trực tiếp;",
                    "Điều 1. Phê duyệt tổ chức, cá nhân chủ trì và kinh phí các nhiệm vụ sau:"};
  Section s;
  s.head = {"TT",        "Tên nhiệm vụ",        "Tổ chức chủ trì",
            "Chủ nhiệm", "Kinh phí được duyệt", "Tình trạng"};
  int n = 0;
  for (const auto& d : *dossiers) {
    if (d.stage != "selected" && d.stage != "approved" && d.stage != "contracted") continue;
    std::string pi;
    for (const auto& p : d.parties)
      if (p.role == "pi") pi = PersonName(w, p.person_id);
    s.rows.push_back({{std::to_string(++n), "", true},
                      {d.title},
                      {OrgName(w, d.host_id)},
                      {pi},
                      {d.approved_dong ? Vnd(*d.approved_dong) : "", "", true},
                      {StageLabel(d.stage, "vi")}});
  }
  doc.sections.push_back(s);
  Section reserve;
  reserve.title = "Danh sách dự phòng";
  reserve.head = {"Tên hồ sơ", "Tổ chức chủ trì"};
  for (const auto& d : *dossiers)
    if (d.stage == "reserve") reserve.rows.push_back({{d.title}, {OrgName(w, d.host_id)}});
  if (!reserve.rows.empty()) doc.sections.push_back(reserve);
  doc.closing = {
      "Điều 2. Tổ chức chủ trì ký hợp đồng thực hiện nhiệm vụ với Sở Khoa học và Công nghệ.",
      "Điều 3. Quyết định có hiệu lực kể từ ngày ký."};
  doc.signatures = {{"GIÁM ĐỐC", ""}};
  return ShowDocument(req, lang, doc);
}

http::Response ContractDocument(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  if (!id) return NotFoundPage(req, w);
  Workflow wf(*w.db, *w.registry, *w.clock);
  auto d = wf.GetDossier(*id);
  if (!d.ok() || !wf.CanSeeDossier(*d, req.principal)) return NotFoundPage(req, w);
  auto contract = wf.ContractOf(*id);
  if (!contract.ok() || !*contract) return NotFoundPage(req, w);
  const selection::Contract& c = **contract;
  Document doc;
  doc.heading = "Hợp đồng thực hiện nhiệm vụ khoa học và công nghệ";
  doc.subheading = d->title;
  doc.number = c.number;
  doc.back = "/dossiers/" + std::to_string(*id);
  doc.date_line = DateLine(c.signed_at);
  doc.paragraphs = {"Bên đặt hàng (Bên A): " + c.orderer + ".",
                    "Bên nhận đặt hàng (Bên B): " + OrgName(w, c.host_id) +
                        "; chủ nhiệm nhiệm vụ: " + PersonName(w, c.pi_id) + ".",
                    "Thời gian thực hiện: từ " + ParseDate(c.start_date).value_or(Date{}).Vn() +
                        " đến " + ParseDate(c.end_date).value_or(Date{}).Vn() + ".",
                    "Tổng kinh phí từ ngân sách nhà nước: " + Vnd(c.total_dong) + ".",
                    "Hợp đồng được lập theo bộ quy tắc " + c.rule_set + "."};
  Section budget;
  budget.title = "Kinh phí theo năm";
  budget.head = {"Năm", "Kinh phí"};
  for (const auto& [year, dong] : c.budget)
    budget.rows.push_back({{std::to_string(year), "", true}, {Vnd(dong), "", true}});
  doc.sections.push_back(budget);
  Section products;
  products.title = "Sản phẩm";
  products.head = {"TT", "Sản phẩm"};
  int n = 0;
  for (const auto& p : c.products) products.rows.push_back({{std::to_string(++n), "", true}, {p}});
  if (!products.rows.empty()) doc.sections.push_back(products);
  Section milestones;
  milestones.title = "Tiến độ";
  milestones.head = {"Thời hạn", "Nội dung"};
  for (const auto& [due, what] : c.milestones)
    milestones.rows.push_back({{ParseDate(due).value_or(Date{}).Vn()}, {what}});
  if (!milestones.rows.empty()) doc.sections.push_back(milestones);
  doc.signatures = {{"ĐẠI DIỆN BÊN A", ""}, {"ĐẠI DIỆN BÊN B", ""}};
  return ShowDocument(req, lang, doc);
}

// Declared family relations (used by the conflict check): one's own, or anyone's for staff.
http::Response RelativesPage(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  Workflow wf(*w.db, *w.registry, *w.clock);
  View v;
  v.heading = L(lang, "Khai báo quan hệ gia đình", "Declared family relations");
  v.intro =
      L(lang,
        "Hệ thống dùng các quan hệ này để kiểm tra xung đột lợi ích khi lập hội đồng: vợ/chồng, "
        "cha mẹ, con, anh chị em ruột của chủ nhiệm, thư ký hoặc thành viên chính không được "
        "tham gia hội đồng xét hồ sơ đó.",
        "The conflict check uses these relations when councils are formed: a spouse, parent, "
        "child or sibling of the PI, secretary or a key member may not judge that dossier.");
  std::optional<int64_t> person = req.principal.person_id;
  if (auth::Allows("selection.manage", req.principal) && !req.Query("person").empty())
    person = ParseInt(req.Query("person"));
  if (!person) {
    v.notice = L(lang, "Tài khoản của bạn chưa gắn với hồ sơ cá nhân trong cơ sở dữ liệu.",
                 "Your account is not tied to a person record.");
    return Show(req, lang, v);
  }
  auto relatives = wf.RelativesOf(*person);
  if (!relatives.ok()) return Fail(req, lang, relatives.status());
  Section s{L(lang, "Đã khai báo cho ", "Declared for ") + PersonName(w, person)};
  s.head = {L(lang, "Người thân", "Relative"), L(lang, "Quan hệ", "Relation")};
  s.empty = L(lang, "Chưa có.", "None yet.");
  for (const auto& r : *relatives) s.rows.push_back({{PersonName(w, r.person_id)}, {r.kind}});
  v.sections.push_back(s);
  v.forms += FormHtml(
      req, MiniForm(L(lang, "Thêm quan hệ", "Add a relation"), "/selection/relatives",
                    L(lang, "Khai báo", "Declare"),
                    {{"person", "", "hidden", std::to_string(*person)},
                     {"relative", L(lang, "Người thân (mã cá nhân)", "Relative (person id)"),
                      "text", "", "", "", true},
                     {"kind",
                      L(lang, "Quan hệ", "Relation"),
                      "select",
                      "spouse",
                      "",
                      "",
                      true,
                      false,
                      {{"spouse", L(lang, "Vợ/chồng", "Spouse")},
                       {"parent", L(lang, "Cha/mẹ", "Parent")},
                       {"child", L(lang, "Con", "Child")},
                       {"sibling", L(lang, "Anh chị em ruột", "Sibling")}}}},
                    "rel-"));
  return Show(req, lang, v);
}

http::Response DeclareRelative(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto person = IdField(req, "person");
  if (!person.ok()) return Fail(req, lang, person.status());
  auto relative = IdField(req, "relative");
  if (!relative.ok()) return Fail(req, lang, relative.status());
  Workflow wf(*w.db, *w.registry, *w.clock);
  if (Status s = wf.DeclareRelative(*person, *relative, req.Form("kind"), req.principal); !s.ok())
    return Fail(req, lang, s);
  return Redirect("/selection/relatives" + (req.principal.person_id == *person
                                                ? std::string()
                                                : "?person=" + std::to_string(*person)));
}

}  // namespace

void AddSelectionRoutes(std::vector<http::Route>& routes) {
  size_t first = routes.size();
  auto page = [&](std::string method, std::string path, std::string permission, std::string summary,
                  http::Handler h) {
    routes.push_back({std::move(method),
                      std::move(path),
                      std::move(permission),
                      "page",
                      std::move(summary),
                      std::move(h),
                      {},
                      true,
                      {"text/html"}});
  };
  page("GET", "/selection", "public", "Ordering and selection: rounds, calls, rule sets", Hub);
  page("GET", "/selection/relatives", "signed_in", "Declared family relations (conflict check)",
       RelativesPage);
  page("POST", "/selection/relatives", "signed_in", "Declare a family relation", DeclareRelative);
  page("GET", "/rule-sets", "public", "Selection rule sets", RuleSets);
  page("GET", "/rule-sets/:id", "public", "One rule set in plain Vietnamese", RuleSetPage);
  page("POST", "/rule-sets", "selection.manage", "Save a rule set (a new version once used)",
       SaveRuleSet);
  page("POST", "/rounds", "selection.manage", "Open an ordering round", OpenRound);
  page("GET", "/rounds/:id", "public", "An ordering round and its approved list", RoundPage);
  page("GET", "/rounds/:id/list", "public", "The approved list (printable)", ApprovedListDocument);
  page("POST", "/rounds/:id/proposals", "selection.propose", "Submit a proposal", SubmitProposal);
  page("POST", "/rounds/:id/publish", "selection.decide", "Publish the approved list",
       PublishRound);
  page("POST", "/rounds/:id/councils", "selection.manage", "Form an identification council",
       [](const http::Request& req, http::Worker& w) {
         return FormCouncilFor(req, w, "identification");
       });
  page("GET", "/proposals/:id", "signed_in", "A proposal with its duplicate check", ProposalPage);
  AddProposalRoutes(routes);
  page("POST", "/calls", "selection.manage", "Open a call", OpenCall);
  page("GET", "/calls/:id", "public", "A call, its topics and (when decided) its result", CallPage);
  page("GET", "/calls/:id/decision", "public", "The decision on a call's result (printable)",
       DecisionDocument);
  page("GET", "/calls/:id/opening", "public", "Minutes of the public opening (printable)",
       OpeningDocument);
  page("POST", "/calls/:id/dossiers", "selection.propose", "Start a dossier", CreateDossier);
  page("POST", "/calls/:id/open", "selection.manage", "Open the dossiers publicly",
       [](const http::Request& req, http::Worker& w) -> http::Response {
         std::string lang = Lang(req);
         auto id = PathId(req, "id");
         if (!id) return NotFoundPage(req, w);
         Workflow wf(*w.db, *w.registry, *w.clock);
         std::map<std::string, bool> validity;
         // Ticked boxes "invalid_<dossier>_<item>" mark the items found not valid at the opening.
         for (const auto& [k, v] : req.form) {
           if (k.rfind("invalid_", 0) != 0 || v != "1") continue;
           size_t sep = k.find('_', 8);
           if (sep == std::string::npos) continue;
           validity[k.substr(8, sep - 8) + ":" + k.substr(sep + 1)] = false;
         }
         if (Status s = wf.OpenDossiers(*id, validity, req.principal); !s.ok())
           return Fail(req, lang, s);
         return Redirect("/calls/" + std::to_string(*id));
       });
  page("POST", "/calls/:id/councils", "selection.manage", "Form a selection council",
       [](const http::Request& req, http::Worker& w) {
         return FormCouncilFor(req, w, "selection");
       });
  page("GET", "/dossiers/:id", "signed_in", "A dossier", DossierPage);
  page("GET", "/dossiers/:id/contract", "signed_in", "A dossier's contract (printable)",
       ContractDocument);
  AddDossierRoutes(routes);
  page("GET", "/councils/:id", "signed_in", "A council: members, conflicts, subjects, forms",
       CouncilPage);
  page("GET", "/councils/:id/minutes", "signed_in", "Council minutes (printable)", MinutesDocument);
  page("GET", "/councils/:id/sheets/:person", "signed_in", "A member's score sheets (printable)",
       SheetDocument);
  page("GET", "/councils/:id/votes", "signed_in", "Vote count (printable)", VotesDocument);
  AddCouncilActionRoutes(routes);
  // The workflow does not write the change log the response cache follows, and its pages show
  // per-reader forms: none of them is cached.
  for (size_t i = first; i < routes.size(); ++i) {
    routes[i].cacheable = false;
    routes[i].produces = {"text/html"};
  }
}

}  // namespace ketnoi::web
