// End-to-end test of one program round through the HTTP interface, as the real roles: an
// applicant proposes three tasks (one repeats a known task), the program board screens them, an
// identification council votes, staff record the conclusions (one rejected as a duplicate, one
// ordered by selection, one assigned directly), a leader publishes the approved list, staff open
// calls, three organisations compete with dossiers (uploaded files, receipts, the deadline held by
// an injected clock), the dossiers are opened, a selection council is formed with the system's
// conflict checks (a spouse, a colleague at the host, co-investigators 4 and 6 years ago, a
// self-declared conflict), members score, the council concludes under the rule set (an outlier
// set aside, a dossier failing the 70-point line), staff appraise the budget, a leader approves,
// and the contracts are signed. Then the published list, the ranking, the minutes' figures, the
// contract, the registry task and the audit chain are checked, and a rule-set edit after use
// makes a new version without touching the old results.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "audit/audit.h"
#include "selection/workflow.h"
#include "site_fixture.h"

namespace ketnoi {
namespace {

using nlohmann::json;
using test_support::HttpReply;
using test_support::WebSession;

std::chrono::system_clock::time_point At(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days(std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d)) +
         std::chrono::hours(2);  // 09:00 in Hanoi
}

class SelectionTest : public test_support::SiteFixture {
 protected:
  static void SetUpTestSuite() {
    clock_ = new FakeClock(At(2026, 3, 2));
    SetUpSite(120, clock_);
  }
  static void TearDownTestSuite() {
    TearDownSite();
    delete clock_;
  }

  // A registry organisation / person created for the test (setup, not the flow under test).
  static int64_t Org(const std::string& name) {
    auto db = OpenDb();
    registry::Registry reg(*db, *clock_);
    registry::Organisation o;
    o.name = name;
    o.type = "institute";
    o.source = "test";
    o.external_id = name;
    auto saved = reg.Upsert(o);
    EXPECT_TRUE(saved.ok()) << saved.status().ToString();
    return saved.ok() ? saved->id : 0;
  }
  static int64_t Person(const std::string& name, std::optional<int64_t> org) {
    auto db = OpenDb();
    registry::Registry reg(*db, *clock_);
    registry::Person p;
    p.full_name = name;
    p.degree = "TS.";
    p.affiliation_id = org;
    p.field_codes = {"401"};
    p.source = "test";
    p.external_id = name;
    auto saved = reg.Upsert(p);
    EXPECT_TRUE(saved.ok()) << saved.status().ToString();
    return saved.ok() ? saved->id : 0;
  }
  // A user signed in as `person` with `role`; the e-mail is derived from the name.
  static std::string User(const std::string& key, const std::string& role, int64_t person,
                          std::optional<int64_t> org) {
    auto db = OpenDb();
    auth::Accounts accounts(*db, *clock_);
    auth::NewUser u;
    u.email = key + "@kiem-thu.vn";
    u.name = key;
    u.password = "mat-khau-" + key + "-2026";
    u.roles = {{role, ""}};
    u.person_id = person;
    u.organisation_id = org;
    auto created = accounts.CreateUser(u, auth::Actor{});
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return key;
  }
  static std::unique_ptr<WebSession> Sign(const std::string& key) {
    auto s = std::make_unique<WebSession>(port_);
    EXPECT_TRUE(s->Login(key + "@kiem-thu.vn", "mat-khau-" + key + "-2026")) << key;
    return s;
  }
  static std::unique_ptr<WebSession> Role(const std::string& role) {
    auto s = std::make_unique<WebSession>(port_);
    EXPECT_TRUE(s->Login(test_support::EmailFor(role), test_support::PasswordFor(role))) << role;
    return s;
  }
  // The id at the end of a redirect's Location ("/rounds/3" → 3).
  static int64_t Created(const HttpReply& r) {
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 2000);
    std::string loc = r.Header("location");
    size_t slash = loc.rfind('/');
    return slash == std::string::npos ? 0 : std::atoll(loc.c_str() + slash + 1);
  }
  static void Ok(const HttpReply& r, const std::string& what) {
    EXPECT_EQ(r.status, 303) << what << "\n" << r.body.substr(0, 3000);
  }
  static HttpReply Upload(WebSession& s, int64_t dossier, const std::string& item,
                          const std::string& filename, const std::string& content) {
    std::string b = "----ketnoi-boundary-7d1";
    std::string body =
        "--" + b + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + s.Csrf() +
        "\r\n--" + b + "\r\nContent-Disposition: form-data; name=\"item\"\r\n\r\n" + item +
        "\r\n--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename +
        "\"\r\nContent-Type: application/pdf\r\n\r\n" + content + "\r\n--" + b + "--\r\n";
    return s.Send("POST", "/dossiers/" + std::to_string(dossier) + "/items", body,
                  "multipart/form-data; boundary=" + b);
  }
  // Spreads `total` points over the sheet's criteria without exceeding any maximum.
  static std::vector<std::pair<std::string, std::string>> SheetFields(const json& criteria,
                                                                      int total) {
    std::vector<std::pair<std::string, std::string>> out;
    std::vector<int> pts;
    int sum = 0;
    for (const auto& c : criteria) {
      int p = c["max_points"].get<int>() * total / 100;
      pts.push_back(p);
      sum += p;
    }
    for (size_t i = 0; sum < total && i < pts.size(); ++i) {
      int room = criteria[i]["max_points"].get<int>() - pts[i];
      int add = std::min(room, total - sum);
      pts[i] += add;
      sum += add;
    }
    for (size_t i = 0; i < pts.size(); ++i)
      out.emplace_back("c_" + criteria[i]["id"].get<std::string>(), std::to_string(pts[i]));
    return out;
  }

  static inline FakeClock* clock_ = nullptr;
};

TEST_F(SelectionTest, OneProgramRoundFromProposalsToSignedContracts) {
  // ---- the people and organisations the system knows ----
  int64_t host_a = Org("Viện Công nghệ sinh học ứng dụng Thăng Long");
  int64_t host_b = Org("Trung tâm Nghiên cứu đất và phân bón Hà Nội");
  int64_t host_c = Org("Công ty cổ phần Phân bón hữu cơ Sông Hồng");
  int64_t host_d = Org("Viện Nghiên cứu văn hoá Thủ đô");
  int64_t neutral = Org("Trường Đại học Khoa học Tự nhiên (chuyên gia độc lập)");
  int64_t p1 = Person("Nguyễn Thị Minh Hằng", host_a), p2 = Person("Trần Quốc Khánh", host_b);
  int64_t p3 = Person("Lê Văn Thành", host_c), p4 = Person("Phạm Thu Trang", host_d);
  int64_t p5 = Person("Đỗ Hữu Nghĩa", host_a);
  std::vector<int64_t> e;  // seven independent experts
  const char* names[] = {"Vũ Đình Hoà",    "Hoàng Thị Lan",  "Bùi Quang Vinh", "Đặng Minh Châu",
                         "Ngô Thanh Bình", "Dương Văn Phúc", "Lý Thị Hạnh"};
  for (int i = 0; i < 7; ++i) e.push_back(Person(names[i], neutral));
  int64_t x_spouse = Person("Nguyễn Văn Tùng", neutral);  // spouse of p1
  int64_t y_colleague = Person("Trịnh Thị Huế", host_d);  // works at host D
  int64_t z_recent = Person("Mai Xuân Trường", neutral);  // with p2 on a task ended 2022
  int64_t w_old = Person("Tạ Quang Dũng", neutral);       // with p3 on a task ended 2020
  {
    auto db = OpenDb();
    ASSERT_TRUE(db->Exec("INSERT INTO person_relations (person_id, relative_id, kind, declared_by, "
                         "declared_at) VALUES (?, ?, 'spouse', 0, '2026-01-01T00:00:00Z')",
                         {p1, x_spouse})
                    .ok());
    registry::Registry reg(*db, *clock_);
    auto past = [&](const std::string& id, int64_t pi, int64_t member, int end_year) {
      registry::Task t;
      t.title = "Nhiệm vụ cũ " + id;
      t.source = "test";
      t.external_id = id;
      t.status = "accepted";
      t.pi_id = pi;
      t.members = {{member, "member"}};
      t.start = Date{end_year - 2, 1, 1};
      t.end = Date{end_year, 12, 31};
      ASSERT_TRUE(reg.Upsert(t).ok());
    };
    past("cu-2022", p2, z_recent, 2022);  // 4 years before 2026: conflicts (N = 5)
    past("cu-2020", p3, w_old, 2020);     // 6 years before: does not
  }
  User("ungvien1", "applicant", p1, host_a);
  User("ungvien2", "applicant", p2, host_b);
  User("ungvien3", "applicant", p3, host_c);
  User("ungvien4", "applicant", p4, host_d);
  User("ungvien5", "applicant", p5, host_a);
  for (int i = 0; i < 7; ++i) User("cg" + std::to_string(i + 1), "expert", e[i], neutral);
  User("cg-x", "expert", x_spouse, neutral);
  User("cg-y", "expert", y_colleague, host_d);
  User("cg-z", "expert", z_recent, neutral);
  User("cg-w", "expert", w_old, neutral);

  auto staff = Role("staff");
  auto leader = Role("leader");
  auto board = Role("board_member");
  auto anon = std::make_unique<WebSession>(port_);

  // ---- rule sets: shipped, public, described in Vietnamese ----
  HttpReply rs = anon->Get("/api/v1/rule-sets");
  ASSERT_EQ(rs.status, 200) << rs.body;
  json rule_sets = json::parse(rs.body)["items"];
  int64_t tt08 = 0;
  json sheet;
  for (const auto& r : rule_sets)
    if (r["name"] == "tt08-2017@v1") {
      tt08 = r["id"];
      for (const auto& s : r["rules"]["sheets"])
        if (s["id"] == "de_tai_ung_dung") sheet = s["criteria"];
    }
  ASSERT_GT(tt08, 0) << rs.body;
  ASSERT_FALSE(sheet.is_null());
  HttpReply rs_page = anon->Get("/rule-sets/" + std::to_string(tt08));
  EXPECT_EQ(rs_page.status, 200);
  EXPECT_NE(rs_page.body.find("Tổng quan tình hình nghiên cứu"), std::string::npos);
  EXPECT_NE(rs_page.body.find("cần xác minh"), std::string::npos);  // (verify) values say so

  // ---- the round and three proposals ----
  auto programs = OpenDb()->Query("SELECT id FROM programs ORDER BY id LIMIT 1");
  ASSERT_TRUE(programs.ok() && !programs->empty());
  int64_t program = programs->Int(0, 0);
  int64_t round = Created(staff->Post("/rounds", {{"program", std::to_string(program)},
                                                  {"title", "Đợt đặt hàng năm 2027"},
                                                  {"year", "2027"},
                                                  {"rule_set", std::to_string(tt08)},
                                                  {"closes_on", "31/03/2026"}}));
  ASSERT_GT(round, 0);
  auto known = OpenDb()->Query(
      "SELECT title, objectives, abstract FROM tasks WHERE confidentiality = 'public' AND "
      "source = 'demo' AND abstract <> '' ORDER BY id LIMIT 1");
  ASSERT_TRUE(known.ok() && !known->empty());
  auto u1 = Sign("ungvien1");
  std::string title_a =
      "Nghiên cứu quy trình sản xuất chế phẩm vi sinh xử lý rơm rạ thành phân hữu cơ tại các "
      "huyện ngoại thành Hà Nội";
  int64_t prop_a =
      Created(u1->Post("/rounds/" + std::to_string(round) + "/proposals",
                       {{"title", title_a},
                        {"kind", "de_tai"},
                        {"field", "401"},
                        {"objectives", "Tạo chế phẩm vi sinh phân giải rơm rạ trong 30 ngày"},
                        {"products", "Quy trình sản xuất chế phẩm; 10 tấn chế phẩm"},
                        {"budget", "1.800"}}));
  int64_t prop_b = Created(
      u1->Post("/rounds/" + std::to_string(round) + "/proposals",
               {{"title", known->Text(0, 0)},
                {"kind", "de_tai"},
                {"objectives", known->Text(0, 1).empty() ? known->Text(0, 2) : known->Text(0, 1)},
                {"content", known->Text(0, 2)},
                {"budget", "900"}}));
  std::string title_c = "Xây dựng cơ sở dữ liệu số hoá di sản văn hoá phi vật thể của Thủ đô";
  int64_t prop_c = Created(u1->Post("/rounds/" + std::to_string(round) + "/proposals",
                                    {{"title", title_c},
                                     {"kind", "de_an"},
                                     {"objectives", "Số hoá 500 di sản văn hoá phi vật thể"},
                                     {"budget", "1.200"}}));
  // A budget beyond any plausible figure is refused with the field named, never overflowed.
  HttpReply absurd =
      u1->Post("/rounds/" + std::to_string(round) + "/proposals",
               {{"title", "Đề xuất thử"}, {"objectives", "x"}, {"budget", "999999999999999"}});
  EXPECT_EQ(absurd.status, 400);
  EXPECT_NE(absurd.body.find("budget"), std::string::npos);
  ASSERT_GT(prop_a, 0);
  ASSERT_GT(prop_b, 0);
  ASSERT_GT(prop_c, 0);
  // The duplicate check ran on submission and is stored with each proposal.
  json jb = json::parse(u1->Get("/api/v1/proposals/" + std::to_string(prop_b)).body);
  EXPECT_EQ(jb["dupcheck"]["top_band"], "duplicate") << jb.dump();
  json ja = json::parse(u1->Get("/api/v1/proposals/" + std::to_string(prop_a)).body);
  EXPECT_NE(ja["dupcheck"]["top_band"], "duplicate") << ja.dump();
  Ok(u1->Post("/proposals/" + std::to_string(prop_b) + "/answer",
              {{"answer", "Đề xuất mở rộng phạm vi so với nhiệm vụ đã có."}}),
     "answer");
  // Another applicant sees nothing of it.
  EXPECT_EQ(Sign("ungvien2")->Get("/proposals/" + std::to_string(prop_a)).status, 404);

  // ---- the program board screens ----
  for (int64_t p : {prop_a, prop_b, prop_c}) {
    Ok(board->Post("/proposals/" + std::to_string(p) + "/comment",
                   {{"body", "Ban chủ nhiệm đã xem xét, phù hợp định hướng chương trình."}}),
       "board comment");
    Ok(board->Post("/proposals/" + std::to_string(p) + "/screen", {{"decision", "forward"}}),
       "screen");
  }

  // ---- the identification council ----
  int64_t ic = Created(staff->Post("/rounds/" + std::to_string(round) + "/councils",
                                   {{"title", "Hội đồng tư vấn xác định nhiệm vụ năm 2027"}}));
  const char* ic_seats[] = {"chair",    "vice_chair", "secretary", "reviewer",
                            "reviewer", "member",     "member"};
  for (int i = 0; i < 7; ++i)
    Ok(staff->Post("/councils/" + std::to_string(ic) + "/members",
                   {{"person", std::to_string(e[i])}, {"seat", ic_seats[i]}}),
       "appoint to identification council");
  // The proposer's spouse is conflicted with every proposal: not appointed at all.
  HttpReply refused = staff->Post("/councils/" + std::to_string(ic) + "/members",
                                  {{"person", std::to_string(x_spouse)}, {"seat", "member"}});
  EXPECT_EQ(refused.status, 409) << refused.body.substr(0, 2000);
  Ok(staff->Post("/councils/" + std::to_string(ic) + "/start", {}), "start identification");
  for (int i = 0; i < 7; ++i) {
    auto m = Sign("cg" + std::to_string(i + 1));
    Ok(m->Post("/proposals/" + std::to_string(prop_a) + "/vote",
               {{"council", std::to_string(ic)}, {"vote", i < 6 ? "approve" : "reject"}}),
       "vote a");
    Ok(m->Post("/proposals/" + std::to_string(prop_b) + "/vote",
               {{"council", std::to_string(ic)}, {"vote", "reject"}, {"comment", "Trùng lặp"}}),
       "vote b");
    Ok(m->Post("/proposals/" + std::to_string(prop_c) + "/vote",
               {{"council", std::to_string(ic)}, {"vote", "approve"}}),
       "vote c");
  }
  // A conclusion against the vote count is refused.
  EXPECT_EQ(staff
                ->Post("/proposals/" + std::to_string(prop_b) + "/identify",
                       {{"council", std::to_string(ic)},
                        {"decision", "approve"},
                        {"reason", "x"},
                        {"method", "selection"}})
                .status,
            409);
  Ok(staff->Post(
         "/proposals/" + std::to_string(prop_b) + "/identify",
         {{"council", std::to_string(ic)},
          {"decision", "reject"},
          {"reason", "Trùng lặp với nhiệm vụ đã thực hiện (kiểm tra trùng lặp: duplicate)"}}),
     "reject b");
  Ok(staff->Post("/proposals/" + std::to_string(prop_a) + "/identify",
                 {{"council", std::to_string(ic)},
                  {"decision", "approve"},
                  {"reason", "Cấp thiết, mới, không trùng lặp"},
                  {"method", "selection"},
                  {"final_title", title_a}}),
     "approve a");
  Ok(staff->Post("/proposals/" + std::to_string(prop_c) + "/identify",
                 {{"council", std::to_string(ic)},
                  {"decision", "approve"},
                  {"reason", "Chỉ Viện Nghiên cứu văn hoá Thủ đô có dữ liệu gốc"},
                  {"method", "direct"},
                  {"assigned_org", std::to_string(host_d)}}),
     "approve c");

  // ---- the approved list is published ----
  Ok(leader->Post("/rounds/" + std::to_string(round) + "/publish", {}), "publish");
  HttpReply list = anon->Get("/rounds/" + std::to_string(round));
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find(title_a), std::string::npos);
  EXPECT_NE(list.body.find(title_c), std::string::npos);
  EXPECT_EQ(list.body.find(known->Text(0, 0)), std::string::npos) << "the duplicate is not listed";
  HttpReply printable = anon->Get("/rounds/" + std::to_string(round) + "/list");
  ASSERT_EQ(printable.status, 200);
  EXPECT_NE(printable.body.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), std::string::npos);
  EXPECT_NE(printable.body.find(title_a), std::string::npos);

  // ---- calls: selection for A, direct assignment for C ----
  int64_t call_s =
      Created(staff->Post("/calls", {{"kind", "selection"},
                                     {"title", "Thông báo tuyển chọn năm 2027 (đợt 1)"},
                                     {"rule_set", std::to_string(tt08)},
                                     {"deadline", "30/04/2026"},
                                     {"budget_line", "2.000"},
                                     {"proposal", std::to_string(prop_a)}}));
  int64_t call_d = Created(staff->Post("/calls", {{"kind", "direct"},
                                                  {"title", "Giao trực tiếp năm 2027"},
                                                  {"rule_set", std::to_string(tt08)},
                                                  {"deadline", "30/04/2026"},
                                                  {"proposal", std::to_string(prop_c)}}));
  ASSERT_GT(call_s, 0);
  ASSERT_GT(call_d, 0);
  auto topic_of = [&](int64_t call) {
    auto t = OpenDb()->Query("SELECT id FROM call_topics WHERE call_id = ?", {call});
    return t.ok() && !t->empty() ? t->Int(0, 0) : 0;
  };
  int64_t topic_s = topic_of(call_s), topic_d = topic_of(call_d);

  // ---- dossiers ----
  struct Applicant {
    std::string user;
    int64_t host, pi, call, topic;
    std::string requested;
  };
  std::vector<Applicant> applicants = {{"ungvien1", host_a, p1, call_s, topic_s, "1.500"},
                                       {"ungvien2", host_b, p2, call_s, topic_s, "1.700"},
                                       {"ungvien3", host_c, p3, call_s, topic_s, "1.400"},
                                       {"ungvien4", host_d, p4, call_d, topic_d, "1.200"}};
  std::vector<int64_t> dossiers;
  for (const auto& a : applicants) {
    auto s = Sign(a.user);
    int64_t d = Created(s->Post("/calls/" + std::to_string(a.call) + "/dossiers",
                                {{"topic", std::to_string(a.topic)},
                                 {"host", std::to_string(a.host)},
                                 {"requested", a.requested},
                                 {"pi", std::to_string(a.pi)}}));
    ASSERT_GT(d, 0);
    // Submitting with items missing names what is missing.
    HttpReply early = s->Post("/dossiers/" + std::to_string(d) + "/submit", {});
    EXPECT_EQ(early.status, 400);
    EXPECT_NE(early.body.find("thiếu"), std::string::npos);
    for (const char* item : {"application", "description", "org_profile", "cv", "commitment"}) {
      HttpReply up = Upload(*s, d, item, std::string(item) + ".pdf",
                            "%PDF-1.4\n% " + a.user + " " + item + "\n%%EOF\n");
      Ok(up, std::string("upload ") + item);
    }
    Ok(s->Post("/dossiers/" + std::to_string(d) + "/submit", {}), "submit");
    json jd = json::parse(s->Get("/api/v1/dossiers/" + std::to_string(d)).body);
    EXPECT_EQ(jd["stage"], "submitted");
    EXPECT_FALSE(jd["receipt"].get<std::string>().empty());
    dossiers.push_back(d);
  }
  int64_t d1 = dossiers[0], d2 = dossiers[1], d3 = dossiers[2], d4 = dossiers[3];
  // Only the assigned organisation may apply for a direct assignment.
  EXPECT_EQ(Sign("ungvien2")
                ->Post("/calls/" + std::to_string(call_d) + "/dossiers",
                       {{"topic", std::to_string(topic_d)},
                        {"host", std::to_string(host_b)},
                        {"requested", "100"},
                        {"pi", std::to_string(p2)}})
                .status,
            403);
  // A dossier submitted in time whose CV turns out not to be valid at the opening.
  int64_t d5;
  {
    auto s5 = Sign("ungvien5");
    d5 = Created(s5->Post("/calls/" + std::to_string(call_s) + "/dossiers",
                          {{"topic", std::to_string(topic_s)},
                           {"host", std::to_string(host_a)},
                           {"requested", "900"},
                           {"pi", std::to_string(p5)}}));
    for (const char* item : {"application", "description", "org_profile", "cv", "commitment"})
      Ok(Upload(*s5, d5, item, "d5.pdf", std::string("%PDF-1.4\n% d5 ") + item + "\n"),
         "upload d5");
    Ok(s5->Post("/dossiers/" + std::to_string(d5) + "/submit", {}), "submit d5");
  }
  // A dossier still a draft at the deadline cannot be submitted after it.
  int64_t late;
  {
    auto s5 = Sign("ungvien5");
    late = Created(s5->Post("/calls/" + std::to_string(call_s) + "/dossiers",
                            {{"topic", std::to_string(topic_s)},
                             {"host", std::to_string(host_a)},
                             {"requested", "1.000"},
                             {"pi", std::to_string(p5)}}));
    for (const char* item : {"application", "description", "org_profile", "cv", "commitment"})
      Ok(Upload(*s5, late, item, "x.pdf", std::string("%PDF-1.4\n% late ") + item + "\n"),
         "upload late");
  }
  // Opening before the deadline is refused.
  EXPECT_EQ(staff->Post("/calls/" + std::to_string(call_s) + "/open", {}).status, 409);

  // ---- the deadline passes ----
  clock_->Set(At(2026, 5, 4));
  staff = Role("staff");
  leader = Role("leader");
  HttpReply too_late = Sign("ungvien5")->Post("/dossiers/" + std::to_string(late) + "/submit", {});
  EXPECT_EQ(too_late.status, 409);
  EXPECT_NE(too_late.body.find("hết hạn"), std::string::npos);
  Ok(staff->Post("/calls/" + std::to_string(call_s) + "/open",
                 {{"invalid_" + std::to_string(d5) + "_cv", "1"}}),
     "open s");
  EXPECT_EQ(json::parse(staff->Get("/api/v1/dossiers/" + std::to_string(d5)).body)["stage"],
            "invalid");
  Ok(staff->Post("/calls/" + std::to_string(call_d) + "/open", {}), "open d");

  // Reviewer suggestions never pair an expert with a dossier he is conflicted with.
  {
    auto db = OpenDb();
    registry::Registry reg(*db, *clock_);
    selection::Workflow wf(*db, reg, *clock_);
    auto sug = wf.SuggestReviewers(call_s, 2, 3);
    ASSERT_TRUE(sug.ok()) << sug.status().ToString();
    ASSERT_EQ(sug->size(), 3u);
    std::map<int64_t, int64_t> never = {{d1, x_spouse}, {d2, z_recent}};
    for (const auto& sg : *sug) {
      EXPECT_EQ(sg.experts.size(), 2u);
      for (const auto& [person, affinity] : sg.experts) {
        if (never.count(sg.dossier_id)) {
          EXPECT_NE(person, never[sg.dossier_id]);
        }
      }
    }
    HttpReply call_page = staff->Get("/calls/" + std::to_string(call_s));
    EXPECT_NE(call_page.body.find("Gợi ý phân công phản biện"), std::string::npos);
  }

  HttpReply opening = anon->Get("/calls/" + std::to_string(call_s) + "/opening");
  ASSERT_EQ(opening.status, 200);
  EXPECT_NE(opening.body.find("5/5"), std::string::npos);
  EXPECT_NE(opening.body.find("4/5"), std::string::npos);
  EXPECT_NE(opening.body.find("Không hợp lệ"), std::string::npos);

  // ---- the selection council, with the system's conflict checks ----
  int64_t sc = Created(staff->Post("/calls/" + std::to_string(call_s) + "/councils",
                                   {{"title", "Hội đồng tuyển chọn nhiệm vụ chế phẩm vi sinh"}}));
  struct Seat {
    int64_t person;
    const char* seat;
  };
  std::vector<Seat> seats = {{e[0], "chair"},      {e[1], "vice_chair"}, {e[2], "secretary"},
                             {e[3], "reviewer"},   {e[4], "reviewer"},   {e[5], "member"},
                             {x_spouse, "member"}, {z_recent, "member"}, {w_old, "member"}};
  for (const auto& s : seats)
    Ok(staff->Post("/councils/" + std::to_string(sc) + "/members",
                   {{"person", std::to_string(s.person)}, {"seat", s.seat}}),
       "appoint");
  json council = json::parse(staff->Get("/api/v1/councils/" + std::to_string(sc)).body);
  ASSERT_EQ(council["members"].size(), 9u);
  // The conflicts the system found, as staff see them on the council page.
  HttpReply council_page = staff->Get("/councils/" + std::to_string(sc));
  EXPECT_NE(council_page.body.find("relative"), std::string::npos);
  EXPECT_NE(council_page.body.find("co_member"), std::string::npos);
  Ok(staff->Post("/councils/" + std::to_string(sc) + "/start", {}), "start selection");
  // Dương Văn Phúc declares a conflict with the third dossier.
  auto e6 = Sign("cg6");
  Ok(e6->Post(
         "/councils/" + std::to_string(sc) + "/declare",
         {{"subject", "dossier:" + std::to_string(d3)}, {"text", "Tôi là cố vấn của công ty này"}}),
     "declare");

  // Who is conflicted with which dossier, and must see nothing of it, by page or by API.
  std::map<std::string, int64_t> conflicted = {{"cg-x", d1}, {"cg-z", d2}, {"cg6", d3}};
  for (const auto& [user, dossier] : conflicted) {
    auto s = Sign(user);
    std::string id = std::to_string(dossier);
    EXPECT_EQ(s->Get("/dossiers/" + id).status, 404) << user;
    EXPECT_EQ(s->Get("/api/v1/dossiers/" + id).status, 404) << user;
    json seen = json::parse(s->Get("/api/v1/councils/" + std::to_string(sc)).body);
    for (const auto& subj : seen["subjects"]) EXPECT_NE(subj, "dossier:" + id) << user;
    EXPECT_EQ(s->Get("/councils/" + std::to_string(sc)).body.find("/dossiers/" + id + "\""),
              std::string::npos)
        << user;
    auto fields = SheetFields(sheet, 90);
    EXPECT_EQ(s->Post("/councils/" + std::to_string(sc) + "/score/" + id, fields).status, 404)
        << user;
  }
  // The co-investigator of six years ago is not conflicted: he sees the third dossier.
  EXPECT_EQ(Sign("cg-w")->Get("/dossiers/" + std::to_string(d3)).status, 200);

  // ---- scoring ----
  // Totals per member and dossier; absent keys are the conflicted pairs.
  std::map<std::string, std::map<int64_t, int>> totals = {
      {"cg1", {{d1, 86}, {d2, 76}, {d3, 65}}},  {"cg2", {{d1, 84}, {d2, 74}, {d3, 65}}},
      {"cg3", {{d1, 85}, {d2, 75}, {d3, 65}}},  {"cg4", {{d1, 85}, {d2, 75}, {d3, 65}}},
      {"cg5", {{d1, 86}, {d2, 76}, {d3, 65}}},  {"cg6", {{d1, 84}, {d2, 74}}},
      {"cg-x", {{d2, 75}, {d3, 65}}},           {"cg-z", {{d1, 85}, {d3, 65}}},
      {"cg-w", {{d1, 85}, {d2, 41}, {d3, 65}}},  // 41 is more than 20 from the first average
                                                 // (70.75)
  };
  for (const auto& [user, by_dossier] : totals) {
    auto s = Sign(user);
    for (const auto& [dossier, total] : by_dossier) {
      auto fields = SheetFields(sheet, total);
      fields.emplace_back("comment", "Nhận xét của " + user);
      Ok(s->Post("/councils/" + std::to_string(sc) + "/score/" + std::to_string(dossier), fields),
         "score " + user);
    }
  }
  // Raw scores are never changed: a second sheet is refused.
  EXPECT_EQ(Sign("cg1")
                ->Post("/councils/" + std::to_string(sc) + "/score/" + std::to_string(d1),
                       SheetFields(sheet, 100))
                .status,
            409);
  Ok(Sign("cg4")->Post("/councils/" + std::to_string(sc) + "/review/" + std::to_string(d1),
                       {{"body", "Thuyết minh rõ ràng, phương pháp phù hợp."}}),
     "review");
  Ok(staff->Post("/councils/" + std::to_string(sc) + "/conclude", {}), "conclude");

  // ---- the ranking and the minutes' figures ----
  json results = json::parse(staff->Get("/api/v1/councils/" + std::to_string(sc)).body)["results"];
  ASSERT_EQ(results.size(), 3u) << results.dump();
  std::map<std::string, json> by_subject;
  for (const auto& r : results) by_subject[r["subject"]] = r;
  json r1 = by_subject["dossier:" + std::to_string(d1)],
       r2 = by_subject["dossier:" + std::to_string(d2)],
       r3 = by_subject["dossier:" + std::to_string(d3)];
  EXPECT_EQ(r1["rank"], 1);
  EXPECT_EQ(r1["outcome"], "selected");
  EXPECT_EQ(r1["present"], 8);
  EXPECT_DOUBLE_EQ(r1["average"].get<double>(), 85.0);
  EXPECT_EQ(r2["rank"], 2);
  EXPECT_EQ(r2["outcome"], "reserve");
  EXPECT_EQ(r2["present"], 8);
  EXPECT_DOUBLE_EQ(r2["first_average"].get<double>(), 566.0 / 8);
  EXPECT_EQ(r2["set_aside"], 1);
  EXPECT_DOUBLE_EQ(r2["average"].get<double>(), 75.0);
  EXPECT_EQ(r3["outcome"], "not_passed");
  EXPECT_EQ(r3["present"], 8);
  EXPECT_DOUBLE_EQ(r3["average"].get<double>(), 65.0);
  EXPECT_EQ(r3["fail_reason"], "selection.fail_average");
  for (const auto& r : results) EXPECT_EQ(r["rule_set"], "tt08-2017@v1");
  HttpReply minutes = staff->Get("/councils/" + std::to_string(sc) + "/minutes");
  ASSERT_EQ(minutes.status, 200);
  for (const char* figure : {"85,00", "70,75", "75,00", "65,00", "có mặt 9", "tt08-2017@v1"})
    EXPECT_NE(minutes.body.find(figure), std::string::npos) << figure;
  HttpReply sheet_doc =
      staff->Get("/councils/" + std::to_string(sc) + "/sheets/" + std::to_string(e[0]));
  EXPECT_EQ(sheet_doc.status, 200);
  EXPECT_NE(sheet_doc.body.find("Tổng quan tình hình nghiên cứu"), std::string::npos);
  // The result is public once decided.
  json pub = json::parse(anon->Get("/api/v1/calls/" + std::to_string(call_s) + "/results").body);
  EXPECT_EQ(pub["results"].size(), 3u);

  // ---- the direct assignment's council: the colleague at the host cannot sit at all ----
  int64_t dc = Created(staff->Post("/calls/" + std::to_string(call_d) + "/councils",
                                   {{"title", "Hội đồng giao trực tiếp đề án số hoá di sản"}}));
  HttpReply colleague = staff->Post("/councils/" + std::to_string(dc) + "/members",
                                    {{"person", std::to_string(y_colleague)}, {"seat", "member"}});
  EXPECT_EQ(colleague.status, 409);
  EXPECT_NE(colleague.body.find("xung đột"), std::string::npos);
  for (int i = 0; i < 7; ++i)
    Ok(staff->Post("/councils/" + std::to_string(dc) + "/members",
                   {{"person", std::to_string(e[i])}, {"seat", ic_seats[i]}}),
       "appoint direct");
  Ok(staff->Post("/councils/" + std::to_string(dc) + "/start", {}), "start direct");
  json sheet_an;
  for (const auto& r : rule_sets)
    if (r["name"] == "tt08-2017@v1")
      for (const auto& s : r["rules"]["sheets"])
        for (const auto& k : s["kinds"])
          if (k == "de_an") sheet_an = s["criteria"];
  if (sheet_an.is_null()) sheet_an = sheet;  // the rule set's fallback sheet
  for (int i = 0; i < 7; ++i)
    Ok(Sign("cg" + std::to_string(i + 1))
           ->Post("/councils/" + std::to_string(dc) + "/score/" + std::to_string(d4),
                  SheetFields(sheet_an, 80)),
       "score direct");
  Ok(staff->Post("/councils/" + std::to_string(dc) + "/conclude", {}), "conclude direct");

  // ---- appraisal, approval, contracts ----
  Ok(staff->Post("/dossiers/" + std::to_string(d1) + "/appraise",
                 {{"approved", "1.350"}, {"reason", "Giảm chi phí thuê chuyên gia"}}),
     "appraise");
  EXPECT_EQ(staff->Post("/dossiers/" + std::to_string(d1) + "/approve", {}).status, 403)
      << "only a leader approves";
  Ok(leader->Post("/dossiers/" + std::to_string(d1) + "/approve", {}), "approve");
  // A contract whose yearly budget does not add up is refused with both figures.
  HttpReply bad = staff->Post("/dossiers/" + std::to_string(d1) + "/contract",
                              {{"number", "01/2026/HĐ-KHCN"},
                               {"start", "01/07/2026"},
                               {"end", "30/06/2028"},
                               {"budget", "2026: 500\n2027: 500"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("1.350.000.000"), std::string::npos) << bad.body.substr(0, 3000);
  Ok(staff->Post(
         "/dossiers/" + std::to_string(d1) + "/contract",
         {{"number", "01/2026/HĐ-KHCN"},
          {"start", "01/07/2026"},
          {"end", "30/06/2028"},
          {"budget", "2026: 500\n2027: 600\n2028: 250"},
          {"milestones", "31/12/2026: Báo cáo tiến độ lần 1\n30/06/2027: Mô hình thử nghiệm"},
          {"products", "Quy trình sản xuất chế phẩm\n10 tấn chế phẩm vi sinh"}}),
     "contract");
  Ok(staff->Post("/dossiers/" + std::to_string(d4) + "/appraise",
                 {{"approved", "1.200"}, {"reason", "Giữ nguyên"}}),
     "appraise d4");
  Ok(leader->Post("/dossiers/" + std::to_string(d4) + "/approve", {}), "approve d4");
  Ok(staff->Post("/dossiers/" + std::to_string(d4) + "/contract",
                 {{"number", "02/2026/HĐ-KHCN"},
                  {"start", "01/07/2026"},
                  {"end", "31/12/2027"},
                  {"budget", "2026: 700\n2027: 500"}}),
     "contract d4");

  HttpReply contract = Sign("ungvien1")->Get("/dossiers/" + std::to_string(d1) + "/contract");
  ASSERT_EQ(contract.status, 200);
  for (const char* s :
       {"01/2026/HĐ-KHCN", "1.350.000.000", "Viện Công nghệ sinh học ứng dụng Thăng Long",
        "Nguyễn Thị Minh Hằng", "01/07/2026", "30/06/2028", "Mô hình thử nghiệm"})
    EXPECT_NE(contract.body.find(s), std::string::npos) << s;
  // The registry task is now in progress, hosted and led by the winner, with the approved budget.
  auto task = OpenDb()->Query(
      "SELECT t.status, t.host_id, t.pi_id, t.budget_state FROM tasks t "
      "JOIN proposals p ON p.task_id = t.id WHERE p.id = ?",
      {prop_a});
  ASSERT_TRUE(task.ok() && !task->empty());
  EXPECT_EQ(task->Text(0, 0), "in_progress");
  EXPECT_EQ(task->Int(0, 1), host_a);
  EXPECT_EQ(task->Int(0, 2), p1);
  EXPECT_EQ(task->Int(0, 3), 1'350'000'000);
  // Illegal moves are refused with the reason: the reserve dossier cannot be appraised.
  HttpReply illegal = staff->Post("/dossiers/" + std::to_string(d2) + "/appraise",
                                  {{"approved", "1.000"}, {"reason", "thử"}});
  EXPECT_EQ(illegal.status, 409);
  EXPECT_NE(illegal.body.find("Không thể chuyển"), std::string::npos);
  // The task's history page shows its whole lifecycle with the rule-set version of each step.
  auto task_id = OpenDb()->Query("SELECT task_id FROM proposals WHERE id = ?", {prop_a});
  ASSERT_TRUE(task_id.ok() && !task_id->empty());
  HttpReply lifecycle = staff->Get("/history/task/" + std::to_string(task_id->Int(0, 0)));
  ASSERT_EQ(lifecycle.status, 200);
  for (const char* step : {"forwarded", "listed", "submitted", "selected", "contracted",
                           "in_progress", "tt08-2017@v1"})
    EXPECT_NE(lifecycle.body.find(step), std::string::npos) << step;
  HttpReply decision = anon->Get("/calls/" + std::to_string(call_s) + "/decision");
  ASSERT_EQ(decision.status, 200);
  EXPECT_NE(decision.body.find("Viện Công nghệ sinh học ứng dụng Thăng Long"), std::string::npos);
  EXPECT_NE(decision.body.find("Danh sách dự phòng"), std::string::npos);
  EXPECT_NE(decision.body.find("Trung tâm Nghiên cứu đất và phân bón Hà Nội"), std::string::npos);

  // ---- every decision is in the audit chain with its rule-set version; the chain verifies ----
  {
    auto db = OpenDb();
    audit::AuditLog log(*db, *clock_);
    auto report = log.Verify();
    ASSERT_TRUE(report.ok());
    EXPECT_FALSE(report->first_bad.has_value());
    auto entries = log.ForSubject("dossier:" + std::to_string(d1), 50);
    ASSERT_TRUE(entries.ok());
    std::set<std::string> actions;
    for (const auto& en : *entries) {
      actions.insert(en.action);
      if (en.action.rfind("selection.dossier.", 0) == 0 && en.action != "selection.dossier.draft" &&
          en.action != "selection.dossier.item") {
        EXPECT_EQ(en.rule_set, "tt08-2017@v1") << en.action;
      }
    }
    for (const char* a : {"selection.dossier.submitted", "selection.dossier.valid",
                          "selection.dossier.selected", "selection.dossier.appraised",
                          "selection.dossier.approved", "selection.dossier.contracted"})
      EXPECT_TRUE(actions.count(a)) << a;
  }

  // ---- changing the rule set after use makes a new version; old results still cite v1 ----
  std::string body;
  for (const auto& r : rule_sets)
    if (r["name"] == "tt08-2017@v1") {
      json changed = r["rules"];
      changed["pass_average"] = 75;
      body = changed.dump();
    }
  int64_t v2 = Created(staff->Post("/rule-sets", {{"body", body}}));
  EXPECT_NE(v2, tt08);
  json after = json::parse(anon->Get("/api/v1/rule-sets").body)["items"];
  bool has_v1 = false, has_v2 = false;
  for (const auto& r : after) {
    if (r["name"] == "tt08-2017@v1")
      has_v1 = r["frozen"] == true && r["rules"]["pass_average"] == 70;
    if (r["name"] == "tt08-2017@v2") has_v2 = r["rules"]["pass_average"] == 75;
  }
  EXPECT_TRUE(has_v1);
  EXPECT_TRUE(has_v2);
  json again = json::parse(staff->Get("/api/v1/councils/" + std::to_string(sc)).body)["results"];
  for (const auto& r : again) {
    EXPECT_EQ(r["rule_set"], "tt08-2017@v1");
    if (r["subject"] == "dossier:" + std::to_string(d2)) {
      EXPECT_EQ(r["outcome"], "reserve");
    }
  }
}

}  // namespace
}  // namespace ketnoi
