// The selection workflow on both stores (SQLite and PostgreSQL): one compact round from a
// proposal to a signed contract called directly on selection::Workflow, the transition table
// refusing illegal moves, rule-set versions (an unused version edited in place, a used one never),
// and the conflict rules with N = 5 (4 years ago conflicts, 6 years ago does not, a relative, a
// colleague at the host, a declaration). The HTTP end-to-end test (selection_test) walks the same
// road as the real roles; this one proves the SQL on PostgreSQL too.
#include <gtest/gtest.h>

#include <filesystem>

#include "auth/accounts.h"
#include "backends.h"
#include "files/files.h"
#include "registry/repo.h"
#include "selection/workflow.h"

namespace ketnoi::selection {
namespace {

using test_support::BackendTest;
using test_support::Show;

class WorkflowTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (::testing::Test::IsSkipped() || HasFatalFailure()) return;
    clock_ = std::make_unique<FakeClock>(
        std::chrono::sys_days(std::chrono::year(2026) / std::chrono::March / 2));
    reg_ = std::make_unique<registry::Registry>(*db_, *clock_);
    wf_ = std::make_unique<Workflow>(*db_, *reg_, *clock_);
    ASSERT_TRUE(reg_->SeedReferenceData().ok());
    ASSERT_TRUE(wf_->SeedRuleSets().ok());
    files_dir_ =
        std::filesystem::temp_directory_path() /
        ("ketnoi-wf-files-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "-" + GetParam());
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(files_dir_, ec);
    wf_.reset();
    reg_.reset();
    BackendTest::TearDown();
  }

  int64_t Org(const std::string& name) {
    registry::Organisation o;
    o.name = name;
    o.source = "test";
    o.external_id = name;
    auto s = reg_->Upsert(o);
    EXPECT_TRUE(s.ok()) << Show(s.status());
    return s.ok() ? s->id : 0;
  }
  int64_t Person(const std::string& name, std::optional<int64_t> org) {
    registry::Person p;
    p.full_name = name;
    p.affiliation_id = org;
    p.source = "test";
    p.external_id = name;
    auto s = reg_->Upsert(p);
    EXPECT_TRUE(s.ok()) << Show(s.status());
    return s.ok() ? s->id : 0;
  }
  auth::Principal User(const std::string& key, const std::string& role,
                       std::optional<int64_t> person = {}, std::optional<int64_t> org = {}) {
    auth::Accounts accounts(*db_, *clock_);
    auth::NewUser u;
    u.email = key + "@kiem-thu.vn";
    u.name = key;
    u.password = "mat-khau-dai-" + key;
    u.roles = {{role, ""}};
    u.person_id = person;
    u.organisation_id = org;
    auto created = accounts.CreateUser(u, auth::Actor{});
    EXPECT_TRUE(created.ok()) << Show(created.status());
    auth::Principal p;
    p.user_id = created.ok() ? created->id : 0;
    p.name = key;
    p.email = u.email;
    p.roles = u.roles;
    p.person_id = person;
    p.organisation_id = org;
    return p;
  }
  int64_t RuleSetId(const std::string& name) {
    auto list = wf_->ListRuleSets();
    EXPECT_TRUE(list.ok());
    for (const auto& r : *list)
      if (r.rules.Name() == name) return r.id;
    ADD_FAILURE() << "no rule set " << name;
    return 0;
  }
  int64_t Program() {
    registry::Program p;
    p.code = "KC-TEST";
    p.name = "Chương trình thử nghiệm";
    p.period_start = 2021;
    p.period_end = 2025;
    auto s = reg_->Upsert(p);
    EXPECT_TRUE(s.ok()) << Show(s.status());
    return s.ok() ? s->id : 0;
  }

  std::unique_ptr<FakeClock> clock_;
  std::unique_ptr<registry::Registry> reg_;
  std::unique_ptr<Workflow> wf_;
  std::filesystem::path files_dir_;
};

TEST_P(WorkflowTest, ARoundFromProposalToContract) {
  auto staff = User("staff", "staff"), leader = User("leader", "leader");
  auto board = User("board", "board_member");
  int64_t host = Org("Viện thử nghiệm"), neutral = Org("Trường độc lập");
  int64_t pi = Person("Nguyễn Văn An", host);
  auto applicant = User("applicant", "applicant", pi, host);
  std::vector<auth::Principal> experts;
  std::vector<int64_t> expert_people;
  for (int i = 0; i < 7; ++i) {
    expert_people.push_back(Person("Chuyên gia " + std::to_string(i), neutral));
    experts.push_back(User("expert" + std::to_string(i), "expert", expert_people.back(), neutral));
  }
  int64_t tt08 = RuleSetId("tt08-2017@v1");
  auto round = wf_->OpenRound(Program(), "Đợt thử nghiệm", 2027, tt08, "31/03/2026", staff);
  ASSERT_TRUE(round.ok()) << Show(round.status());
  Workflow::ProposalInput in;
  in.round_id = *round;
  in.title = "Nghiên cứu chế phẩm vi sinh xử lý rơm rạ";
  in.objectives = "Chế phẩm phân giải rơm rạ trong 30 ngày";
  auto prop = wf_->SubmitProposal(in, applicant, nullptr);
  ASSERT_TRUE(prop.ok()) << Show(prop.status());
  ASSERT_TRUE(wf_->Screen(*prop, true, "", board).ok());
  // A move the table does not have is refused with both stages named.
  Status again = wf_->Screen(*prop, true, "", board);
  EXPECT_EQ(again.code(), StatusCode::kConflict);
  EXPECT_EQ(again.message().id, "selection.illegal_transition");
  EXPECT_EQ(again.message().Param("from"), "forwarded");

  auto ic = wf_->FormCouncil("identification", *round, "Hội đồng xác định", staff);
  ASSERT_TRUE(ic.ok()) << Show(ic.status());
  const char* seats[] = {"chair",    "vice_chair", "secretary", "reviewer",
                         "reviewer", "member",     "member"};
  for (int i = 0; i < 7; ++i) {
    auto a = wf_->Appoint(*ic, expert_people[i], seats[i], "", staff);
    ASSERT_TRUE(a.ok()) << Show(a.status());
    // The member's account now holds the council role for this council only.
    experts[i].roles.push_back({"council_member", "council:" + std::to_string(*ic)});
  }
  ASSERT_TRUE(wf_->StartSitting(*ic, staff).ok());
  for (int i = 0; i < 7; ++i) ASSERT_TRUE(wf_->Vote(*ic, *prop, i < 5, "", experts[i]).ok());
  EXPECT_EQ(wf_->Vote(*ic, *prop, true, "", experts[0]).code(), StatusCode::kConflict);
  auto count = wf_->CountVotes(*ic, "proposal:" + std::to_string(*prop));
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(count->approve, 5);
  EXPECT_EQ(count->reject, 2);
  EXPECT_EQ(count->present, 7);
  Workflow::Identification idf;
  idf.approve = true;
  idf.reason = "Cấp thiết";
  idf.method = "selection";
  ASSERT_TRUE(wf_->Identify(*ic, *prop, idf, staff).ok());
  EXPECT_EQ(wf_->PublishRound(*round, staff).code(), StatusCode::kDenied) << "leaders publish";
  ASSERT_TRUE(wf_->PublishRound(*round, leader).ok());

  Workflow::CallInput ci;
  ci.title = "Tuyển chọn thử nghiệm";
  ci.rule_set_id = tt08;
  ci.deadline_on = "30/04/2026";
  ci.proposal_ids = {*prop};
  auto call = wf_->OpenCall(ci, staff);
  ASSERT_TRUE(call.ok()) << Show(call.status());
  auto c = wf_->GetCall(*call);
  ASSERT_TRUE(c.ok());
  Workflow::DossierInput di;
  di.call_id = *call;
  di.topic_id = c->topics.at(0).id;
  di.host_id = host;
  di.requested_dong = 900'000'000;
  di.parties = {{"pi", pi, std::nullopt}};
  auto dossier = wf_->CreateDossier(di, applicant);
  ASSERT_TRUE(dossier.ok()) << Show(dossier.status());
  files::FileStore store(*db_, files_dir_, *clock_);
  for (const auto& item : Workflow::RequiredItems("selection")) {
    auto f = store.Put(item + ".pdf", "%PDF-1.4\n% " + item + "\n", applicant.user_id);
    ASSERT_TRUE(f.ok()) << Show(f.status());
    ASSERT_TRUE(wf_->AttachItem(*dossier, item, f->id, applicant).ok());
  }
  auto receipt = wf_->SubmitDossier(*dossier, applicant);
  ASSERT_TRUE(receipt.ok()) << Show(receipt.status());
  EXPECT_EQ(wf_->OpenDossiers(*call, {}, staff).code(), StatusCode::kConflict) << "before deadline";

  // The council is formed before the opening, so no dossier is before it yet: the colleague of
  // the PI at the host is appointed, and the opening must catch the conflict.
  auto sc = wf_->FormCouncil("selection", *call, "Hội đồng tuyển chọn", staff);
  ASSERT_TRUE(sc.ok());
  for (int i = 0; i < 7; ++i) {
    ASSERT_TRUE(wf_->Appoint(*sc, expert_people[i], seats[i], "", staff).ok());
    experts[i].roles.push_back({"council_member", "council:" + std::to_string(*sc)});
  }
  int64_t colleague = Person("Đồng nghiệp của chủ nhiệm", host);
  auto colleague_user = User("colleague", "expert", colleague, host);
  ASSERT_TRUE(wf_->Appoint(*sc, colleague, "member", "", staff).ok());
  colleague_user.roles.push_back({"council_member", "council:" + std::to_string(*sc)});
  clock_->Set(std::chrono::sys_days(std::chrono::year(2026) / std::chrono::May / 4));
  ASSERT_TRUE(wf_->OpenDossiers(*call, {}, staff).ok());
  {
    auto council = wf_->GetCouncil(*sc);
    ASSERT_TRUE(council.ok());
    std::string subject = "dossier:" + std::to_string(*dossier);
    EXPECT_TRUE(wf_->Conflicted(*council, colleague, subject));
    EXPECT_FALSE(wf_->MaySeeInCouncil(*council, subject, colleague_user));
    EXPECT_TRUE(wf_->MaySeeInCouncil(*council, subject, experts[0]));
  }
  ASSERT_TRUE(wf_->StartSitting(*sc, staff).ok());
  {
    MemberSheet s;
    auto rules = wf_->GetRuleSet(tt08);
    ASSERT_TRUE(rules.ok());
    for (const auto& cr : rules->rules.SheetFor("de_tai")->criteria)
      s.points[cr.id] = cr.max_points;
    EXPECT_EQ(wf_->Score(*sc, *dossier, s, "", colleague_user).code(), StatusCode::kNotFound);
  }
  auto rs = wf_->GetRuleSet(tt08);
  ASSERT_TRUE(rs.ok());
  const ScoreSheet* sheet = rs->rules.SheetFor("de_tai");
  ASSERT_NE(sheet, nullptr);
  for (int i = 0; i < 7; ++i) {
    MemberSheet s;
    for (const auto& cr : sheet->criteria) s.points[cr.id] = cr.max_points * 8 / 10;
    ASSERT_TRUE(wf_->Score(*sc, *dossier, s, "", experts[i]).ok());
  }
  auto results = wf_->Conclude(*sc, staff);
  ASSERT_TRUE(results.ok()) << Show(results.status());
  ASSERT_EQ(results->size(), 1u);
  EXPECT_EQ(results->front().outcome, "selected");
  EXPECT_EQ(results->front().present, 7) << "the colleague's absence of a sheet is not a zero";
  EXPECT_EQ(results->front().rule_set, "tt08-2017@v1");
  ASSERT_TRUE(wf_->Appraise(*dossier, 850'000'000, "Giảm thuê khoán", staff).ok());
  ASSERT_TRUE(wf_->Approve(*dossier, leader).ok());
  ContractInput contract;
  contract.number = "01/HĐ";
  contract.start = "2026-07-01";
  contract.end = "2027-12-31";
  contract.budget = {{2026, 500'000'000}, {2027, 350'000'000}};
  auto signed_id = wf_->SignContract(*dossier, contract, staff);
  ASSERT_TRUE(signed_id.ok()) << Show(signed_id.status());
  auto stored = wf_->ContractOf(*dossier);
  ASSERT_TRUE(stored.ok() && *stored);
  EXPECT_EQ((*stored)->total_dong, 850'000'000);
  EXPECT_EQ((*stored)->budget.size(), 2u);
  auto history = wf_->TaskHistory(c->topics.at(0).task_id.value_or(0));
  ASSERT_TRUE(history.ok());
  EXPECT_GE(history->size(), 9u);
  EXPECT_EQ(history->back().to, "in_progress");
}

TEST_P(WorkflowTest, RuleSetsAreVersionedAndFrozenOnceUsed) {
  auto staff = User("staff", "staff");
  int64_t tt20 = RuleSetId("tt20-2023@v1");
  auto rs = wf_->GetRuleSet(tt20);
  ASSERT_TRUE(rs.ok());
  EXPECT_FALSE(rs->frozen);
  // Unchanged: nothing new.
  auto same = wf_->SaveRuleSet(rs->rules, staff);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->id, tt20);
  // Unused: edited in place, same version.
  RuleSet edited = rs->rules;
  edited.pass_average = 72;
  auto in_place = wf_->SaveRuleSet(edited, staff);
  ASSERT_TRUE(in_place.ok()) << Show(in_place.status());
  EXPECT_EQ(in_place->id, tt20);
  EXPECT_EQ(in_place->rules.version, 1);
  // Used by a round: frozen; the next change makes version 2 and v1 keeps its value.
  ASSERT_TRUE(wf_->OpenRound(Program(), "Đợt", 2027, tt20, "31/03/2026", staff).ok());
  edited.pass_average = 75;
  auto v2 = wf_->SaveRuleSet(edited, staff);
  ASSERT_TRUE(v2.ok()) << Show(v2.status());
  EXPECT_NE(v2->id, tt20);
  EXPECT_EQ(v2->rules.version, 2);
  auto v1 = wf_->GetRuleSet(tt20);
  ASSERT_TRUE(v1.ok());
  EXPECT_TRUE(v1->frozen);
  EXPECT_EQ(v1->rules.pass_average, 72);
  // A bad rule set names the field.
  RuleSet bad = edited;
  bad.sheets.at(0).criteria.at(0).max_points += 1;
  auto refused = wf_->SaveRuleSet(bad, staff);
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalid);
}

TEST_P(WorkflowTest, ConflictsFromWhatTheSystemKnows) {
  int64_t host = Org("Viện chủ trì"), other = Org("Trường khác");
  int64_t pi = Person("Chủ nhiệm", host), secretary = Person("Thư ký", host);
  int64_t colleague = Person("Đồng nghiệp ở tổ chức chủ trì", host);
  int64_t spouse = Person("Vợ của chủ nhiệm", other);
  int64_t four = Person("Cùng làm 4 năm trước", other), six = Person("Cùng làm 6 năm trước", other);
  int64_t stranger = Person("Người không liên quan", other);
  // The spouse declares the relation herself; nobody else may declare it for her but staff.
  auth::Principal her = User("spouse", "expert", spouse, other);
  auth::Principal someone = User("someone", "expert", stranger, other);
  EXPECT_EQ(wf_->DeclareRelative(spouse, pi, "spouse", someone).code(), StatusCode::kDenied);
  EXPECT_EQ(wf_->DeclareRelative(spouse, pi, "cousin", her).code(), StatusCode::kInvalid);
  ASSERT_TRUE(wf_->DeclareRelative(spouse, pi, "spouse", her).ok());
  auto past = [&](const std::string& id, int64_t member, int end_year) {
    registry::Task t;
    t.title = "Nhiệm vụ " + id;
    t.source = "test";
    t.external_id = id;
    t.pi_id = secretary;
    t.members = {{member, "member"}};
    t.start = Date{end_year - 1, 1, 1};
    t.end = Date{end_year, 12, 31};
    ASSERT_TRUE(reg_->Upsert(t).ok());
  };
  past("t2022", four, 2022);
  past("t2020", six, 2020);
  DossierParties parties;
  parties.organisation_ids = {host};
  parties.key_person_ids = {pi, secretary};
  const std::vector<std::string> kinds = {"spouse", "parent", "child", "sibling"};
  struct Row {
    std::string name;
    int64_t person;
    std::string declaration, reason;  // reason "" = no conflict
  };
  const Row rows[] = {
      {"a colleague at the host", colleague, "", "organisation"},
      {"the PI's spouse", spouse, "", "relative"},
      {"worked with the secretary 4 years ago (N = 5)", four, "", "co_member"},
      {"worked with the secretary 6 years ago", six, "", ""},
      {"a stranger", stranger, "", ""},
      {"a stranger who declares a conflict", stranger, "Tôi từng hướng dẫn chủ nhiệm", "declared"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    auto facts = wf_->FactsOf(row.person);
    ASSERT_TRUE(facts.ok()) << Show(facts.status());
    facts->declaration = row.declaration;
    auto found = FindConflicts(*facts, parties, kinds, 2026, 5);
    if (row.reason.empty()) {
      EXPECT_TRUE(found.empty());
    } else {
      ASSERT_FALSE(found.empty());
      EXPECT_EQ(found.front().reason, row.reason);
    }
  }
}

KETNOI_INSTANTIATE_ON_BACKENDS(WorkflowTest);

}  // namespace
}  // namespace ketnoi::selection
