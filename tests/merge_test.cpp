// Tests for cross-source de-duplication (registry/merge.h, web/merges.cpp): candidate groups,
// merge and undo on both backends (tests/backends.h) with the search index following, the audit
// chain; then the staff screen through a real server (tests/site_fixture.h).
#include "registry/merge.h"

#include <chrono>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "audit/audit.h"
#include "backends.h"
#include "search/index.h"
#include "site_fixture.h"

namespace ketnoi::registry {
namespace {

using test_support::BackendTest;
using test_support::Show;

constexpr const char* kTitle = "Nghiên cứu chọn tạo giống lúa chịu mặn cho vùng ven biển đồng bằng";
// The same study as another source typed it: no diacritics, upper case.
constexpr const char* kRetyped =
    "NGHIEN CUU CHON TAO GIONG LUA CHIU MAN CHO VUNG VEN BIEN DONG BANG";
constexpr const char* kOther = "Nghiên cứu ứng dụng trí tuệ nhân tạo trong chẩn đoán hình ảnh y tế";

// Two sources each know the host (under their own spelling) and the three tasks.
struct World {
  int64_t city_task = 0, moet_task = 0, other_task = 0;
};

World MakeWorld(Registry& reg) {
  World w;
  auto org = [&](const std::string& source, const std::string& name) {
    Organisation o;
    o.name = name;
    o.type = "institute";
    o.source = source;
    o.external_id = "org-1";
    auto saved = reg.Upsert(o);
    EXPECT_TRUE(saved.ok()) << Show(saved.status());
    return saved.ok() ? saved->id : 0;
  };
  auto task = [&](const std::string& source, const std::string& ext, const std::string& title,
                  int64_t host, int year) {
    Task t;
    t.title = title;
    t.field_code = "4";
    t.host_id = host;
    t.start = Date{year, 3, 1};
    t.source = source;
    t.external_id = ext;
    auto saved = reg.Upsert(t);
    EXPECT_TRUE(saved.ok()) << Show(saved.status());
    return saved.ok() ? saved->id : 0;
  };
  int64_t city_host = org("city", "Viện Di truyền Nông nghiệp");
  int64_t moet_host = org("moet", "VIEN DI TRUYEN NONG NGHIEP");
  w.city_task = task("city", "T-1", kTitle, city_host, 2021);
  w.moet_task = task("moet", "B2021-07", kRetyped, moet_host, 2021);
  w.other_task = task("moet", "B2021-08", kOther, moet_host, 2021);
  return w;
}

class MergeTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    reg_ = std::make_unique<Registry>(*db_, clock_);
    ASSERT_TRUE(reg_->SeedReferenceData().ok());
    std::random_device rd;
    index_dir_ =
        std::filesystem::temp_directory_path() / ("ketnoi-merge-index-" + std::to_string(rd()));
  }
  void TearDown() override {
    reg_.reset();
    std::error_code ec;
    if (!index_dir_.empty()) std::filesystem::remove_all(index_dir_, ec);
    BackendTest::TearDown();
  }

  // Ids the search index finds for a query, after catching up with the change log.
  std::vector<int64_t> Search(const std::string& q) {
    search::Indexer indexer(*reg_, index_dir_);
    auto caught = indexer.CatchUp();
    EXPECT_TRUE(caught.ok()) << Show(caught.status());
    search::Searcher searcher(index_dir_);
    search::SearchRequest req;
    req.query = q;
    auto found = searcher.Search(req);
    EXPECT_TRUE(found.ok()) << Show(found.status());
    std::vector<int64_t> ids;
    if (found.ok())
      for (const auto& h : found->hits) ids.push_back(h.id);
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  std::unique_ptr<Registry> reg_;
  std::filesystem::path index_dir_;
  MergeActor staff_{7, "an@so-khcn.vn", "Nguyễn Văn An", "10.0.0.5"};
};

TEST_P(MergeTest, RetypedTitleFromAnotherSourceIsACandidateAndADifferentStudyIsNot) {
  World w = MakeWorld(*reg_);
  auto groups = FindMergeCandidates(*reg_);
  ASSERT_TRUE(groups.ok()) << Show(groups.status());
  ASSERT_EQ(groups->size(), 1u);
  const CandidateGroup& g = groups->front();
  ASSERT_EQ(g.tasks.size(), 2u);
  EXPECT_EQ(g.tasks[0].id, w.city_task);
  EXPECT_EQ(g.tasks[1].id, w.moet_task);
  ASSERT_EQ(g.pairs.size(), 1u);
  const CandidatePair& p = g.pairs.front();
  EXPECT_DOUBLE_EQ(p.title_similarity, 1.0);
  EXPECT_TRUE(p.same_year);
  EXPECT_TRUE(p.same_host);  // "Viện Di truyền Nông nghiệp" = "VIEN DI TRUYEN NONG NGHIEP"
  EXPECT_FALSE(p.same_pi);   // neither names a PI
  EXPECT_NEAR(p.score, 0.9, 1e-9);
  EXPECT_NE(std::find(p.shared_words.begin(), p.shared_words.end(), "man"), p.shared_words.end());
  // The same study twice inside one source is not a cross-source candidate.
  Task again = *reg_->GetTask(w.other_task);
  again.external_id = "B2021-09";
  ASSERT_TRUE(reg_->Upsert(again).ok());
  groups = FindMergeCandidates(*reg_);
  ASSERT_TRUE(groups.ok());
  EXPECT_EQ(groups->size(), 1u);
}

TEST(MergeScore, Table) {
  CandidateTask base{
      1, "", kTitle, "city", "", "Viện Di truyền Nông nghiệp", "PGS.TS. Lê Văn Bình", 2021, true};
  struct Case {
    const char* name;
    std::string title, host, pi;
    int year;
    double score;  // < 0: below 0.5, whatever the exact value
  };
  const std::vector<Case> cases = {
      {"all the same", kRetyped, "Vien di truyen nong nghiep", "Lê Văn Bình", 2021, 1.0},
      {"other year", kRetyped, "Vien di truyen nong nghiep", "Lê Văn Bình", 2022, 0.85},
      {"host and PI unknown", kRetyped, "", "", 2021, 0.75},
      {"other study, same host and year", kOther, "Vien di truyen nong nghiep", "", 2021, -1},
  };
  for (const auto& c : cases) {
    CandidateTask other{2, "", c.title, "moet", "", c.host, c.pi, c.year, true};
    CandidatePair p = ScorePair(base, other);
    if (c.score < 0)
      EXPECT_LT(p.score, 0.5) << c.name;
    else
      EXPECT_NEAR(p.score, c.score, 1e-9) << c.name;
  }
}

TEST_P(MergeTest, MergeHidesTheTaskAndUndoBringsItBack) {
  World w = MakeWorld(*reg_);
  ASSERT_TRUE(db_->Exec("INSERT INTO provenance (entity, entity_id, source, file_name, "
                        "file_sha256, row_no, imported_at, actor) VALUES ('task', ?, 'moet', "
                        "'bo.csv', 'abc', 7, '2026-01-01T00:00:00Z', 'import')",
                        {w.moet_task})
                  .ok());
  EXPECT_EQ(Search("giong lua chiu man"), (std::vector<int64_t>{w.city_task, w.moet_task}));

  // Refusals first: nothing is written by them.
  struct Refusal {
    const char* name;
    int64_t kept, merged;
    std::string reason, message;
  };
  for (const auto& r :
       std::vector<Refusal>{{"no reason", w.city_task, w.moet_task, "  ", "merge.reason_required"},
                            {"itself", w.city_task, w.city_task, "x", "merge.same_task"},
                            {"missing task", w.city_task, 99999, "x", "registry.not_found"}}) {
    auto m = MergeTasks(*reg_, r.kept, r.merged, r.reason, 0.9, staff_);
    ASSERT_FALSE(m.ok()) << r.name;
    EXPECT_EQ(m.status().message().id, r.message) << r.name;
  }
  EXPECT_EQ(Count("merges"), 0);

  auto merged =
      MergeTasks(*reg_, w.city_task, w.moet_task, "Cùng một đề tài, Bộ nhập lại", 0.9, staff_);
  ASSERT_TRUE(merged.ok()) << Show(merged.status());
  auto moet = reg_->GetTask(w.moet_task);
  ASSERT_TRUE(moet.ok());
  EXPECT_EQ(moet->merged_into, w.city_task);
  EXPECT_FALSE(moet->IsPublic());
  EXPECT_EQ(moet->title, kRetyped);  // the record itself is untouched
  EXPECT_EQ(Count("provenance", "entity = 'task' AND row_no = 7"), 1);
  EXPECT_EQ(Search("giong lua chiu man"), (std::vector<int64_t>{w.city_task}));
  auto ids = reg_->PublicTaskIds(0, 100);
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(std::count(ids->begin(), ids->end(), w.moet_task), 0);
  // An import of the same row again does not bring it back.
  Task same = *moet;
  auto reimported = reg_->Upsert(same);
  ASSERT_TRUE(reimported.ok());
  EXPECT_EQ(reg_->GetTask(w.moet_task)->merged_into, w.city_task);
  // No candidates left, and no chains of merges.
  auto groups = FindMergeCandidates(*reg_);
  ASSERT_TRUE(groups.ok());
  EXPECT_TRUE(groups->empty());
  auto again = MergeTasks(*reg_, w.other_task, w.moet_task, "x", 0, staff_);
  EXPECT_EQ(again.status().message().id, "merge.already_merged");
  auto chain = MergeTasks(*reg_, w.other_task, w.city_task, "x", 0, staff_);
  EXPECT_EQ(chain.status().message().id, "merge.has_merged");

  EXPECT_EQ(UndoMerge(*reg_, *merged, "", staff_).message().id, "merge.reason_required");
  Status undone = UndoMerge(*reg_, *merged, "Hai đề tài khác nhau, khác mã hợp đồng", staff_);
  ASSERT_TRUE(undone.ok()) << Show(undone);
  EXPECT_FALSE(reg_->GetTask(w.moet_task)->merged_into);
  EXPECT_EQ(Search("giong lua chiu man"), (std::vector<int64_t>{w.city_task, w.moet_task}));
  EXPECT_EQ(UndoMerge(*reg_, *merged, "again", staff_).message().id, "merge.already_undone");
  // Split by staff: the pair is not proposed again.
  groups = FindMergeCandidates(*reg_);
  ASSERT_TRUE(groups.ok());
  EXPECT_TRUE(groups->empty());

  auto history = ListMerges(*reg_, 10);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ(history->front().merged_by, "an@so-khcn.vn");
  EXPECT_EQ(history->front().undo_reason, "Hai đề tài khác nhau, khác mã hợp đồng");
  EXPECT_TRUE(history->front().undone());

  // The audit chain: both entries, with who and why, and the chain verifies.
  audit::AuditLog log(*db_, clock_);
  auto entries = log.ForSubject("task:" + std::to_string(w.moet_task), 10);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 2u);
  auto detail = [](const audit::Entry& e, const std::string& key) {
    for (const auto& [k, v] : e.detail)
      if (k == key) return v;
    return std::string();
  };
  const audit::Entry& undo = (*entries)[0];  // newest first
  const audit::Entry& merge = (*entries)[1];
  EXPECT_EQ(merge.action, "record.merge");
  EXPECT_EQ(merge.actor, "Nguyễn Văn An");  // public records: the official's name
  EXPECT_EQ(merge.actor_id, 7);
  EXPECT_EQ(detail(merge, "reason"), "Cùng một đề tài, Bộ nhập lại");
  EXPECT_EQ(detail(merge, "kept"), "task:" + std::to_string(w.city_task));
  EXPECT_EQ(undo.action, "record.unmerge");
  EXPECT_EQ(detail(undo, "reason"), "Hai đề tài khác nhau, khác mã hợp đồng");
  auto verified = log.Verify();
  ASSERT_TRUE(verified.ok());
  EXPECT_FALSE(verified->first_bad);
}

// Organisations and people: the same institute under two spellings and the same scientist
// under two records are proposed with their reasons; a merge moves the tasks (host, PI,
// members) and the affiliations to the kept record, so search facets follow; undo moves back
// exactly what the merge moved.
TEST_P(MergeTest, OrganisationsAndPeopleMergeWithTheirTasksAndUndoMovesBack) {
  World w = MakeWorld(*reg_);
  const int64_t city_host = *reg_->GetTask(w.city_task)->host_id;
  const int64_t moet_host = *reg_->GetTask(w.moet_task)->host_id;
  auto orgs = FindEntityMergeCandidates(*reg_, "organisation");
  ASSERT_TRUE(orgs.ok()) << Show(orgs.status());
  ASSERT_EQ(orgs->size(), 1u);
  EXPECT_EQ(orgs->front().a.id, city_host);
  EXPECT_EQ(orgs->front().b.id, moet_host);
  EXPECT_EQ(orgs->front().b.tasks, 2);
  EXPECT_EQ(orgs->front().reasons, std::vector<std::string>{"merge.why_name"});

  // The same person twice (same ORCID iD), PI of one task and member of another.
  auto person = [&](const std::string& source, const std::string& name, int64_t host) {
    Person p;
    p.full_name = name;
    p.orcid = "0000-0002-1825-0097";
    p.affiliation_id = host;
    p.source = source;
    p.external_id = "p-1";
    auto saved = reg_->Upsert(p);
    EXPECT_TRUE(saved.ok()) << Show(saved.status());
    return saved.ok() ? saved->id : 0;
  };
  const int64_t lan_city = person("city", "Trần Thị Lan", city_host);
  const int64_t lan_moet = person("moet", "TRAN THI LAN", moet_host);
  Task led = *reg_->GetTask(w.moet_task);
  led.pi_id = lan_moet;
  ASSERT_TRUE(reg_->Upsert(led).ok());
  Task other = *reg_->GetTask(w.other_task);
  other.members = {{lan_moet, "key_member"}};
  ASSERT_TRUE(reg_->Upsert(other).ok());
  auto people = FindEntityMergeCandidates(*reg_, "person");
  ASSERT_TRUE(people.ok());
  ASSERT_EQ(people->size(), 1u);
  EXPECT_DOUBLE_EQ(people->front().score, 1.0);
  EXPECT_EQ(people->front().reasons.front(), "merge.why_orcid");

  auto host_filter = [&](int64_t host) {
    search::Indexer indexer(*reg_, index_dir_);
    EXPECT_TRUE(indexer.CatchUp().ok());
    search::Searcher searcher(index_dir_);
    search::SearchRequest req;
    req.filters["host"] = {std::to_string(host)};
    auto found = searcher.Search(req);
    EXPECT_TRUE(found.ok());
    return found.ok() ? found->total : -1;
  };
  EXPECT_EQ(host_filter(city_host), 1);

  auto refused = MergeEntities(*reg_, "organisation", city_host, city_host, "x", 0.8, staff_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message().id, "merge.same_record");
  auto org_merge = MergeEntities(*reg_, "organisation", city_host, moet_host,
                                 "Cùng một viện, Bộ viết không dấu", 0.8, staff_);
  ASSERT_TRUE(org_merge.ok()) << Show(org_merge.status());
  EXPECT_EQ(*reg_->GetTask(w.moet_task)->host_id, city_host);
  EXPECT_EQ(*reg_->GetTask(w.other_task)->host_id, city_host);
  EXPECT_EQ(*reg_->GetPerson(lan_moet)->affiliation_id, city_host);
  EXPECT_EQ(host_filter(city_host), 3) << "the facet follows the kept organisation";
  EXPECT_EQ(*MergedInto(*reg_, "organisation", moet_host), city_host);
  EXPECT_EQ(reg_->GetOrganisation(moet_host)->name, "VIEN DI TRUYEN NONG NGHIEP");
  orgs = FindEntityMergeCandidates(*reg_, "organisation");
  ASSERT_TRUE(orgs.ok());
  EXPECT_TRUE(orgs->empty());
  auto twice = MergeEntities(*reg_, "organisation", city_host, moet_host, "x", 0.8, staff_);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().message().id, "merge.already_merged_record");

  auto person_merge = MergeEntities(*reg_, "person", lan_city, lan_moet, "Cùng ORCID", 1.0, staff_);
  ASSERT_TRUE(person_merge.ok()) << Show(person_merge.status());
  EXPECT_EQ(*reg_->GetTask(w.moet_task)->pi_id, lan_city);
  ASSERT_EQ(reg_->GetTask(w.other_task)->members.size(), 1u);
  EXPECT_EQ(reg_->GetTask(w.other_task)->members[0].person_id, lan_city);

  // Staff re-point one task by hand after the merge: undo leaves that one alone.
  Task moved = *reg_->GetTask(w.other_task);
  Organisation third;
  third.name = "Viện Khoa học Nông nghiệp Việt Nam";
  third.type = "institute";
  third.source = "city";
  third.external_id = "org-3";
  moved.host_id = reg_->Upsert(third)->id;
  ASSERT_TRUE(reg_->Upsert(moved).ok());
  ASSERT_TRUE(UndoMerge(*reg_, *org_merge, "Hai viện khác nhau", staff_).ok());
  EXPECT_EQ(*reg_->GetTask(w.moet_task)->host_id, moet_host);
  EXPECT_EQ(*reg_->GetTask(w.other_task)->host_id, moved.host_id);
  EXPECT_EQ(*reg_->GetPerson(lan_moet)->affiliation_id, moet_host);
  EXPECT_FALSE(*MergedInto(*reg_, "organisation", moet_host));
  EXPECT_EQ(host_filter(city_host), 1);
  EXPECT_EQ(host_filter(moet_host), 1);
  orgs = FindEntityMergeCandidates(*reg_, "organisation");
  ASSERT_TRUE(orgs.ok());
  EXPECT_TRUE(orgs->empty()) << "a pair staff split is not proposed again";
  ASSERT_TRUE(UndoMerge(*reg_, *person_merge, "Khác người", staff_).ok());
  EXPECT_EQ(*reg_->GetTask(w.moet_task)->pi_id, lan_moet);
  EXPECT_EQ(reg_->GetTask(w.other_task)->members[0].person_id, lan_moet);

  auto merges = ListMerges(*reg_, 10);
  ASSERT_TRUE(merges.ok());
  ASSERT_EQ(merges->size(), 2u);
  EXPECT_EQ(merges->front().entity, "person");
  EXPECT_EQ(merges->front().kept_title, "Trần Thị Lan");
  EXPECT_EQ(merges->back().merged_title, "VIEN DI TRUYEN NONG NGHIEP");
  audit::AuditLog log(*db_, clock_);
  auto verified = log.Verify();
  ASSERT_TRUE(verified.ok());
  EXPECT_FALSE(verified->first_bad);
  EXPECT_EQ(Count("audit_log", "action = 'record.merge' AND subject = 'organisation:" +
                                   std::to_string(moet_host) + "'"),
            1);
}

KETNOI_INSTANTIATE_ON_BACKENDS(MergeTest);

// The staff screen through a real server.
class MergeSiteTest : public test_support::SiteFixture {
 protected:
  static void SetUpTestSuite() {
    SetUpSite(30);
    auto db = OpenDb();
    Registry reg(*db, SystemClock::Instance());
    world_ = MakeWorld(reg);
  }
  static void TearDownTestSuite() { TearDownSite(); }
  static inline World world_;

  // The status a visitor gets for `url`, waiting (up to 5 s) for `want`: the server's response
  // cache keeps a public page until the index follower has applied the change (half a second).
  static int VisitorStatus(const std::string& url, int want) {
    int got = 0;
    for (int i = 0; i < 50; ++i) {
      got = As("")->Get(url).status;
      if (got == want) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return got;
  }
};

TEST_F(MergeSiteTest, StaffMergesWithAReasonOthersAreRefusedAndThePageRedirects) {
  std::string a = std::to_string(world_.city_task), b = std::to_string(world_.moet_task);
  auto staff = As("staff");
  auto page = staff->Get("/registry/duplicates");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("VIEN DI TRUYEN"), std::string::npos);  // the group shows both hosts
  EXPECT_NE(page.body.find("name=\"reason\""), std::string::npos);

  // Not staff: 403, and nothing is merged.
  for (const char* role : {"applicant", "leader", "enterprise"}) {
    auto other = As(role);
    EXPECT_EQ(other->Get("/registry/duplicates").status, 403) << role;
    EXPECT_EQ(other
                  ->Post("/registry/duplicates/merge",
                         {{"a", a}, {"b", b}, {"kept", a}, {"reason", "x"}, {"score", "0.9"}})
                  .status,
              403)
        << role;
  }
  // A visitor is sent to sign in.
  auto visitor = As("");
  EXPECT_EQ(visitor->Get("/registry/duplicates").status, 303);
  // Without a reason: refused, shown again with the message.
  auto no_reason =
      staff->Post("/registry/duplicates/merge", {{"a", a}, {"b", b}, {"kept", a}, {"reason", ""}});
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_EQ(As("")->Get("/tasks/" + b).status, 200);

  // An OAI-PMH harvester has seen the task before the merge.
  const std::string oai = "/oai?verb=ListIdentifiers&metadataPrefix=oai_dc&set=source:moet";
  const std::string oai_id = ":task/" + b + "</identifier>";
  EXPECT_NE(As("")->Get(oai).body.find(oai_id), std::string::npos);

  auto merged = staff->Post(
      "/registry/duplicates/merge",
      {{"a", a}, {"b", b}, {"kept", a}, {"reason", "Cùng một đề tài"}, {"score", "0.9"}});
  ASSERT_EQ(merged.status, 303) << merged.body.substr(0, 400);
  EXPECT_EQ(VisitorStatus("/tasks/" + b, 301), 301);
  auto moved = As("")->Get("/tasks/" + b);
  EXPECT_EQ(moved.Header("location"), "/tasks/" + a);
  auto api = As("")->Get("/api/v1/tasks/" + b);
  EXPECT_EQ(api.status, 301);
  EXPECT_EQ(api.Header("location"), "/api/v1/tasks/" + a);
  EXPECT_EQ(As("")->Get("/tasks/" + a).status, 200);
  // The search follows within a moment (the server's index follower).
  bool gone = false;
  for (int i = 0; i < 50 && !gone; ++i) {
    auto found = As("")->Get("/api/v1/tasks?q=giong+lua+chiu+man");
    auto j = nlohmann::json::parse(found.body, nullptr, false);
    gone = found.status == 200 && j.contains("items") && j["items"].size() == 1;
    if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(gone);
  // OAI-PMH now lists it as deleted (the index has caught up, so no cached answer is left).
  std::string listed = As("")->Get(oai).body;
  size_t at = listed.find(oai_id);
  ASSERT_NE(at, std::string::npos) << listed;
  size_t header = listed.rfind("<header", at);
  ASSERT_NE(header, std::string::npos);
  EXPECT_NE(listed.substr(header, at - header).find("status=\"deleted\""), std::string::npos)
      << listed.substr(header, at - header);

  // Undo from the screen.
  auto db = OpenDb();
  auto id = db->Query("SELECT id FROM merges WHERE merged_id = ?", {world_.moet_task});
  ASSERT_TRUE(id.ok() && !id->empty());
  std::string merge_id = std::to_string(id->Int(0, 0));
  EXPECT_EQ(As("applicant")
                ->Post("/registry/duplicates/undo", {{"merge", merge_id}, {"reason", "x"}})
                .status,
            403);
  EXPECT_EQ(staff->Post("/registry/duplicates/undo", {{"merge", merge_id}, {"reason", ""}}).status,
            422);
  auto undone =
      staff->Post("/registry/duplicates/undo", {{"merge", merge_id}, {"reason", "Khác nhau"}});
  EXPECT_EQ(undone.status, 303);
  EXPECT_EQ(VisitorStatus("/tasks/" + b, 200), 200);
  auto history = staff->Get("/registry/duplicates?undone=" + merge_id);
  EXPECT_NE(history.body.find("Khác nhau"), std::string::npos);

  // The two spellings of the host are proposed as one organisation; merged from the screen, the
  // merged one's page redirects and the kept one hosts all three tasks.
  auto hosts = db->Query("SELECT host_id FROM tasks WHERE id IN (?, ?) ORDER BY id",
                         {world_.city_task, world_.moet_task});
  ASSERT_TRUE(hosts.ok() && hosts->size() == 2);
  std::string kept = std::to_string(hosts->Int(0, 0)), gone_org = std::to_string(hosts->Int(1, 0));
  EXPECT_NE(history.body.find("Cùng tên (sau khi chuẩn hoá)"), std::string::npos);
  EXPECT_NE(history.body.find("name=\"entity\" value=\"organisation\""), std::string::npos);
  EXPECT_EQ(As("leader")
                ->Post("/registry/duplicates/merge", {{"entity", "organisation"},
                                                      {"a", kept},
                                                      {"b", gone_org},
                                                      {"kept", kept},
                                                      {"reason", "x"}})
                .status,
            403);
  auto org_merged = staff->Post("/registry/duplicates/merge", {{"entity", "organisation"},
                                                               {"a", kept},
                                                               {"b", gone_org},
                                                               {"kept", kept},
                                                               {"reason", "Cùng một viện"},
                                                               {"score", "0.8"}});
  ASSERT_EQ(org_merged.status, 303) << org_merged.body.substr(0, 400);
  auto org_page = As("")->Get("/organisations/" + gone_org);
  EXPECT_EQ(org_page.status, 301);
  EXPECT_EQ(org_page.Header("location"), "/organisations/" + kept);
  auto kept_page = As("")->Get("/organisations/" + kept);
  EXPECT_EQ(kept_page.status, 200);
  EXPECT_EQ(
      db->Query("SELECT COUNT(*) FROM tasks WHERE host_id = ?", {hosts->Int(0, 0)})->Int(0, 0), 3);
  auto after = staff->Get("/registry/duplicates?merged=1");
  EXPECT_NE(after.body.find("Cùng một viện"), std::string::npos);
  EXPECT_NE(after.body.find("/organisations/" + gone_org + "/edit"), std::string::npos);
}

}  // namespace
}  // namespace ketnoi::registry
