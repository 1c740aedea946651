// Tests for registry/: the repository on both backends (tests/backends.h). Writes are stamped by
// a FakeClock fixed at 2026-01-15T08:00:00Z. Tables of cases print the failing row.
#include "registry/model.h"
#include "registry/repo.h"
#include "store/change_log.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "backends.h"

namespace ketnoi::registry {
namespace {

using test_support::BackendTest;
using test_support::kFixedNowText;
using test_support::Show;

const char* OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kAdded:
      return "added";
    case Outcome::kChanged:
      return "changed";
    case Outcome::kUnchanged:
      return "unchanged";
  }
  return "?";
}

class RegistryTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    reg_ = std::make_unique<Registry>(*db_, clock_);
    Status s = reg_->SeedReferenceData();
    ASSERT_TRUE(s.ok()) << Show(s);
  }
  void TearDown() override {
    reg_.reset();
    BackendTest::TearDown();
  }

  int64_t Seq() {
    auto s = store::LastSeq(*db_);
    EXPECT_TRUE(s.ok()) << Show(s.status());
    return s.ok() ? *s : -1;
  }

  std::optional<store::Change> LastChange() {
    auto all = store::ChangesAfter(*db_, 0, 1000000);
    EXPECT_TRUE(all.ok()) << Show(all.status());
    if (!all.ok() || all->empty()) return std::nullopt;
    return all->back();
  }

  static Organisation ParentOrg() {
    Organisation o;
    o.name = "Viện Hàn lâm Khoa học và Công nghệ Việt Nam";
    o.short_name = "VAST";
    o.type = "institute";
    o.source = "test";
    o.external_id = "org-vast";
    return o;
  }
  static Organisation HostOrg() {
    Organisation o;
    o.name = "Viện Di truyền Nông nghiệp";
    o.short_name = "AGI";
    o.name_en = "Agricultural Genetics Institute";
    o.type = "institute";
    o.tax_code = "0101234565";  // check digit 5 (authority_test.cpp)
    o.district = "Bắc Từ Liêm";
    o.address = "Phạm Văn Đồng, Bắc Từ Liêm, Hà Nội";
    o.website = "https://agi.gov.vn";
    o.source = "test";
    o.external_id = "org-agi";
    return o;
  }
  static Person PiPerson() {
    Person p;
    p.full_name = "Nguyễn Văn An";
    p.academic_title = "PGS.";
    p.degree = "TS.";
    p.orcid = "0000-0002-1825-0097";
    p.email = "an.nv@example.vn";
    p.field_codes = {"30218"};
    p.source = "test";
    p.external_id = "person-an";
    return p;
  }
  static Person SecretaryPerson() {
    Person p;
    p.full_name = "Trần Thị Bích";
    p.degree = "ThS.";
    p.source = "test";
    p.external_id = "person-bich";
    return p;
  }
  static Program TheProgram() {
    Program p;
    p.code = "01C-06/16-20";
    p.name = "Chương trình phát triển nông nghiệp công nghệ cao";
    p.period_start = 2016;
    p.period_end = 2020;
    p.budget = Money::Million(50'000);
    p.description = "Chương trình KH&CN trọng điểm của Thành phố.";
    return p;
  }

  int64_t MustSave(const Result<Saved>& r, const char* what) {
    EXPECT_TRUE(r.ok()) << what << ": " << Show(r.status());
    return r.ok() ? r->id : 0;
  }

  // Organisations (parent and host), the PI, a secretary and a program.
  void MakeWorld() {
    parent_id_ = MustSave(reg_->Upsert(ParentOrg()), "parent org");
    Organisation host = HostOrg();
    host.parent_id = parent_id_;
    host_id_ = MustSave(reg_->Upsert(host), "host org");
    // The secretary first so that ids and member order differ.
    Person sec = SecretaryPerson();
    sec.affiliation_id = host_id_;
    secretary_id_ = MustSave(reg_->Upsert(sec), "secretary");
    Person pi = PiPerson();
    pi.affiliation_id = host_id_;
    pi_id_ = MustSave(reg_->Upsert(pi), "pi");
    program_id_ = MustSave(reg_->Upsert(TheProgram()), "program");
    ASSERT_FALSE(HasFailure()) << "could not build the reference organisations/people/program";
    ASSERT_LT(secretary_id_, pi_id_);
  }

  // A task with every field set, referencing the world.
  Task FullTask(const std::string& external_id = "task-1") const {
    Task t;
    t.code = "ĐT-2016-30218-ĐT";
    t.title = "Nghiên cứu chọn tạo giống lúa chịu mặn cho vùng ven biển";
    t.kind = "de_tai";
    t.level = "tinh";
    t.field_code = "30218";
    t.program_id = program_id_;
    t.host_id = host_id_;
    t.pi_id = pi_id_;
    t.start = Date{2016, 3, 1};
    t.end = Date{2018, 2, 28};
    t.budget_state = Money{1250000000};
    t.budget_other = Money{300000000};
    t.objectives = "Chọn tạo 02 giống lúa chịu mặn.\nXây dựng mô hình trình diễn.";
    t.content = "Nội dung 1: đánh giá nguồn gen.\nNội dung 2: lai tạo.";
    t.abstract = "Đề tài đã chọn tạo được giống lúa chịu mặn 4‰.";
    t.keywords = {"lúa", "giống"};
    t.status = "registered";
    t.result_summary = "Hai giống lúa được công nhận sản xuất thử.";
    t.archive_no = "20/KQNC-SKHCN";
    t.applied_at = "HTX nông nghiệp Tiền Phong, huyện Mê Linh";
    t.confidentiality = "public";
    t.source = "test";
    t.external_id = external_id;
    t.members = {{pi_id_, "pi"}, {secretary_id_, "secretary"}};
    t.products = {
        {"Giống lúa chịu mặn", 2, "giống", "Được công nhận giống sản xuất thử"},
        {"Bài báo khoa học", std::nullopt, "bài báo", ""},
        {"Quy trình canh tác", 1, "quy trình", "Được Hội đồng KH&CN thông qua"},
    };
    return t;
  }

  std::unique_ptr<Registry> reg_;
  int64_t parent_id_ = 0, host_id_ = 0, secretary_id_ = 0, pi_id_ = 0, program_id_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Upsert outcomes and the change log.

TEST_P(RegistryTest, UpsertAddedUnchangedChanged) {
  ASSERT_NO_FATAL_FAILURE(MakeWorld());
  struct Row {
    const char* entity;
    const char* table;
    // version 0 is the original record, 1 the modified one.
    std::function<Result<Saved>(int version)> upsert;
  };
  const Row rows[] = {
      {"organisation", "organisations",
       [&](int v) {
         Organisation o;
         o.name = v == 0 ? "Trường Đại học Thủy lợi" : "Trường Đại học Thủy lợi (TLU)";
         o.type = "university";
         o.source = "test";
         o.external_id = "org-tlu";
         return reg_->Upsert(o);
       }},
      {"person", "people",
       [&](int v) {
         Person p;
         p.full_name = v == 0 ? "Lê Văn Cường" : "Lê Văn Cương";
         p.degree = "KS.";
         p.source = "test";
         p.external_id = "person-cuong";
         return reg_->Upsert(p);
       }},
      {"program", "programs",
       [&](int v) {
         Program p;
         p.code = "01X-04/21-25";
         p.name = v == 0 ? "Chương trình chuyển đổi số" : "Chương trình chuyển đổi số Thủ đô";
         p.period_start = 2021;
         p.period_end = 2025;
         return reg_->Upsert(p);
       }},
      {"task", "tasks",
       [&](int v) {
         Task t = FullTask("task-upsert");
         if (v == 1) t.title = "Nghiên cứu chọn tạo giống lúa chịu hạn";
         return reg_->Upsert(t);
       }},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(std::string("entity ") + row.entity);
    int64_t rows_before = Count(row.table);
    int64_t seq0 = Seq();

    auto added = row.upsert(0);
    ASSERT_TRUE(added.ok()) << Show(added.status());
    EXPECT_EQ(OutcomeName(added->outcome), std::string("added"));
    EXPECT_EQ(Seq(), seq0 + 1) << "an add writes exactly one change";
    auto change = LastChange();
    ASSERT_TRUE(change);
    EXPECT_EQ(change->entity, row.entity);
    EXPECT_EQ(change->entity_id, added->id);
    EXPECT_EQ(change->op, "insert");
    EXPECT_EQ(change->changed_at, kFixedNowText);

    auto same = row.upsert(0);
    ASSERT_TRUE(same.ok()) << Show(same.status());
    EXPECT_EQ(OutcomeName(same->outcome), std::string("unchanged"));
    EXPECT_EQ(same->id, added->id);
    EXPECT_EQ(Seq(), seq0 + 1) << "an unchanged upsert wrote a change";

    clock_.Advance(std::chrono::minutes(5));
    auto changed = row.upsert(1);
    ASSERT_TRUE(changed.ok()) << Show(changed.status());
    EXPECT_EQ(OutcomeName(changed->outcome), std::string("changed"));
    EXPECT_EQ(changed->id, added->id);
    EXPECT_EQ(Seq(), seq0 + 2) << "a change writes exactly one change row";
    change = LastChange();
    ASSERT_TRUE(change);
    EXPECT_EQ(change->entity, row.entity);
    EXPECT_EQ(change->entity_id, added->id);
    EXPECT_EQ(change->op, "update");
    EXPECT_EQ(change->changed_at, "2026-01-15T08:05:00Z");

    auto again = row.upsert(1);
    ASSERT_TRUE(again.ok()) << Show(again.status());
    EXPECT_EQ(OutcomeName(again->outcome), std::string("unchanged"));
    EXPECT_EQ(Seq(), seq0 + 2);
    EXPECT_EQ(Count(row.table), rows_before + 1) << "upserts created duplicate rows";
    clock_.Set(test_support::FixedNow());
  }
}

TEST_P(RegistryTest, TaskChildrenChangesAreChanges) {
  ASSERT_NO_FATAL_FAILURE(MakeWorld());
  auto added = reg_->Upsert(FullTask());
  ASSERT_TRUE(added.ok()) << Show(added.status());
  struct Row {
    const char* name;
    std::function<void(Task&)> modify;
  };
  const Row rows[] = {
      {"member order swapped", [](Task& t) { std::swap(t.members[0], t.members[1]); }},
      {"member removed", [](Task& t) { t.members.pop_back(); }},
      {"product quantity", [](Task& t) { t.products[0].quantity = 3; }},
      {"product removed", [](Task& t) { t.products.erase(t.products.begin()); }},
      {"keyword added", [](Task& t) { t.keywords.push_back("mặn"); }},
      {"budget other", [](Task& t) { t.budget_other = Money{1}; }},
      {"end date",
       [](Task& t) {
         t.end = Date{2018, 12, 31};
       }},
      {"no program", [](Task& t) { t.program_id.reset(); }},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    Task t = FullTask();
    row.modify(t);
    int64_t seq0 = Seq();
    auto r = reg_->Upsert(t);
    ASSERT_TRUE(r.ok()) << Show(r.status());
    EXPECT_EQ(OutcomeName(r->outcome), std::string("changed"));
    EXPECT_EQ(Seq(), seq0 + 1);
    auto got = reg_->GetTask(added->id);
    ASSERT_TRUE(got.ok()) << Show(got.status());
    EXPECT_TRUE(got->SameContent(t)) << "the stored task differs from what was written";
    // Back to the original, which is a change again.
    auto back = reg_->Upsert(FullTask());
    ASSERT_TRUE(back.ok()) << Show(back.status());
    EXPECT_EQ(OutcomeName(back->outcome), std::string("changed"));
  }
  EXPECT_EQ(Count("task_members"), 2);
  EXPECT_EQ(Count("task_products"), 3);
}

// ---------------------------------------------------------------------------------------------
// Reading back.

TEST_P(RegistryTest, GetTaskRoundTripsEveryField) {
  ASSERT_NO_FATAL_FAILURE(MakeWorld());
  const Task in = FullTask();
  auto saved = reg_->Upsert(in);
  ASSERT_TRUE(saved.ok()) << Show(saved.status());
  auto got = reg_->GetTask(saved->id);
  ASSERT_TRUE(got.ok()) << Show(got.status());
  const Task& t = *got;
  EXPECT_EQ(t.id, saved->id);
  EXPECT_EQ(t.code, "ĐT-2016-30218-ĐT");
  EXPECT_EQ(t.title, in.title);
  EXPECT_EQ(t.kind, "de_tai");
  EXPECT_EQ(t.level, "tinh");
  EXPECT_EQ(t.field_code, "30218");
  EXPECT_EQ(t.program_id, std::optional<int64_t>(program_id_));
  EXPECT_EQ(t.host_id, std::optional<int64_t>(host_id_));
  EXPECT_EQ(t.pi_id, std::optional<int64_t>(pi_id_));
  ASSERT_TRUE(t.start);
  EXPECT_EQ(t.start->Iso(), "2016-03-01");
  ASSERT_TRUE(t.end);
  EXPECT_EQ(t.end->Iso(), "2018-02-28");
  EXPECT_EQ(t.budget_state.dong, 1250000000);
  EXPECT_EQ(t.budget_other.dong, 300000000);
  EXPECT_EQ(t.TotalBudget().dong, 1550000000);
  EXPECT_EQ(t.objectives, in.objectives);
  EXPECT_EQ(t.content, in.content);
  EXPECT_EQ(t.abstract, in.abstract);
  EXPECT_EQ(t.keywords, (std::vector<std::string>{"lúa", "giống"}));
  EXPECT_EQ(t.status, "registered");
  EXPECT_EQ(t.result_summary, in.result_summary);
  EXPECT_EQ(t.archive_no, "20/KQNC-SKHCN");
  EXPECT_EQ(t.applied_at, in.applied_at);
  EXPECT_EQ(t.confidentiality, "public");
  EXPECT_EQ(t.source, "test");
  EXPECT_EQ(t.external_id, "task-1");
  EXPECT_EQ(t.created_at, kFixedNowText);
  EXPECT_EQ(t.updated_at, kFixedNowText);
  ASSERT_EQ(t.members.size(), 2u);
  EXPECT_EQ(t.members[0].person_id, pi_id_);
  EXPECT_EQ(t.members[0].role, "pi");
  EXPECT_EQ(t.members[1].person_id, secretary_id_);
  EXPECT_EQ(t.members[1].role, "secretary");
  ASSERT_EQ(t.products.size(), in.products.size());
  for (size_t i = 0; i < in.products.size(); ++i) {
    SCOPED_TRACE("product " + std::to_string(i) + ": " + in.products[i].name);
    EXPECT_EQ(t.products[i].name, in.products[i].name);
    EXPECT_EQ(t.products[i].quantity, in.products[i].quantity);
    EXPECT_EQ(t.products[i].unit, in.products[i].unit);
    EXPECT_EQ(t.products[i].quality_target, in.products[i].quality_target);
  }
  EXPECT_TRUE(t.SameContent(in));

  // A later change moves updated_at only.
  clock_.Advance(std::chrono::hours(1));
  Task changed = in;
  changed.status = "accepted";
  auto r = reg_->Upsert(changed);
  ASSERT_TRUE(r.ok()) << Show(r.status());
  auto again = reg_->GetTask(saved->id);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->created_at, kFixedNowText);
  EXPECT_EQ(again->updated_at, "2026-01-15T09:00:00Z");
  EXPECT_EQ(again->status, "accepted");

  // A task with only the required fields reads back with empty optionals.
  Task bare;
  bare.title = "Đề xuất nhiệm vụ";
  bare.status = "proposed";
  bare.source = "test";
  bare.external_id = "bare";
  auto b = reg_->Upsert(bare);
  ASSERT_TRUE(b.ok()) << Show(b.status());
  auto bare_got = reg_->GetTask(b->id);
  ASSERT_TRUE(bare_got.ok());
  EXPECT_TRUE(bare_got->SameContent(bare));
  EXPECT_FALSE(bare_got->host_id);
  EXPECT_FALSE(bare_got->start);
  EXPECT_TRUE(bare_got->keywords.empty());
  EXPECT_TRUE(bare_got->members.empty());

  auto missing = reg_->GetTask(999999);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message().id, "registry.not_found");
}

TEST_P(RegistryTest, OrganisationAndPersonRoundTrip) {
  ASSERT_NO_FATAL_FAILURE(MakeWorld());
  auto org = reg_->GetOrganisation(host_id_);
  ASSERT_TRUE(org.ok()) << Show(org.status());
  Organisation want = HostOrg();
  EXPECT_EQ(org->name, want.name);
  EXPECT_EQ(org->short_name, want.short_name);
  EXPECT_EQ(org->name_en, want.name_en);
  EXPECT_EQ(org->type, want.type);
  EXPECT_EQ(org->parent_id, std::optional<int64_t>(parent_id_));
  EXPECT_EQ(org->tax_code, want.tax_code);
  EXPECT_EQ(org->district, want.district);
  EXPECT_EQ(org->address, want.address);
  EXPECT_EQ(org->website, want.website);

  auto pi = reg_->GetPerson(pi_id_);
  ASSERT_TRUE(pi.ok()) << Show(pi.status());
  EXPECT_EQ(pi->full_name, "Nguyễn Văn An");
  EXPECT_EQ(pi->academic_title, "PGS.");
  EXPECT_EQ(pi->degree, "TS.");
  EXPECT_EQ(pi->DisplayName(), "PGS.TS. Nguyễn Văn An");
  EXPECT_EQ(pi->orcid, "0000-0002-1825-0097");
  EXPECT_EQ(pi->affiliation_id, std::optional<int64_t>(host_id_));
  EXPECT_EQ(pi->field_codes, (std::vector<std::string>{"30218"}));

  auto prog = reg_->GetProgram(program_id_);
  ASSERT_TRUE(prog.ok()) << Show(prog.status());
  EXPECT_EQ(prog->code, "01C-06/16-20");
  EXPECT_EQ(prog->period_start, 2016);
  EXPECT_EQ(prog->period_end, 2020);
  EXPECT_EQ(prog->budget, Money::Million(50'000));
}

// ---------------------------------------------------------------------------------------------
// Normalisation.

TEST_P(RegistryTest, TextIsStoredNfcWithCollapsedSpaces) {
  // "Việt Nam" with the ệ decomposed: e + U+0323 (dot below) + U+0302 (circumflex).
  const std::string nfd = "Vie\xCC\xA3\xCC\x82t Nam";
  const std::string nfc = "Vi\xE1\xBB\x87t Nam";
  ASSERT_NE(nfd, nfc);
  struct Row {
    const char* name;
    std::string title;
  };
  const Row rows[] = {
      {"NFD", nfd},
      {"NFD with extra spaces", "  Vie\xCC\xA3\xCC\x82t \t  Nam  "},
      {"NFC with a non-breaking space", "Vi\xE1\xBB\x87t\xC2\xA0Nam"},
  };
  const std::string want = "Nghiên cứu " + nfc + " học";
  int n = 0;
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    Task t;
    t.title = "Nghiên cứu   " + row.title + "  học ";
    t.source = "test";
    t.external_id = "nfc-" + std::to_string(++n);
    t.keywords = {"  Vie\xCC\xA3\xCC\x82t   Nam ", " ", "lúa"};
    auto saved = reg_->Upsert(t);
    ASSERT_TRUE(saved.ok()) << Show(saved.status());
    auto stored = db_->Query("SELECT title, keywords FROM tasks WHERE id = ?", {saved->id});
    ASSERT_TRUE(stored.ok()) << Show(stored.status());
    ASSERT_EQ(stored->size(), 1u);
    EXPECT_EQ(stored->Text(0, 0), want) << "bytes in the database are not NFC / collapsed";
    EXPECT_EQ(stored->Text(0, 1), nfc + "; lúa");
    auto got = reg_->GetTask(saved->id);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->title, want);
    EXPECT_EQ(got->keywords, (std::vector<std::string>{nfc, "lúa"}));
    // Writing the same text in another form changes nothing.
    Task same = t;
    same.title = want;
    auto again = reg_->Upsert(same);
    ASSERT_TRUE(again.ok()) << Show(again.status());
    EXPECT_EQ(OutcomeName(again->outcome), std::string("unchanged"));
  }
  // Organisation and person names too.
  Organisation o;
  o.name = "  Sở Khoa học và Công nghệ   Ha\xCC\x80 Nô\xCC\xA3i ";
  o.type = "state_agency";
  o.source = "test";
  o.external_id = "org-nfd";
  auto org = reg_->Upsert(o);
  ASSERT_TRUE(org.ok()) << Show(org.status());
  auto org_got = reg_->GetOrganisation(org->id);
  ASSERT_TRUE(org_got.ok());
  EXPECT_EQ(org_got->name, "Sở Khoa học và Công nghệ Hà Nội");
}

// ---------------------------------------------------------------------------------------------
// Validation.

TEST_P(RegistryTest, ValidationFailuresNameTheFieldAndWriteNothing) {
  ASSERT_NO_FATAL_FAILURE(MakeWorld());
  struct Row {
    const char* name;
    std::function<Status()> attempt;
    const char* id;
    const char* field;  // "" when the message has no field parameter to check
  };
  auto task = [&](std::function<void(Task&)> modify) {
    return [this, modify]() {
      Task t = FullTask("invalid");
      modify(t);
      return reg_->Upsert(t).status();
    };
  };
  const Row rows[] = {
      {"empty title", task([](Task& t) { t.title = ""; }), "registry.required", "title"},
      {"blank title", task([](Task& t) { t.title = "  \t "; }), "registry.required", "title"},
      {"empty external id", task([](Task& t) { t.external_id = ""; }), "registry.required",
       "external_id"},
      {"kind xyz", task([](Task& t) { t.kind = "xyz"; }), "registry.bad_enum", "kind"},
      {"level", task([](Task& t) { t.level = "huyen"; }), "registry.bad_enum", "level"},
      {"status", task([](Task& t) { t.status = "done"; }), "registry.bad_enum", "status"},
      {"confidentiality", task([](Task& t) { t.confidentiality = "top"; }), "registry.bad_enum",
       "confidentiality"},
      {"member role", task([](Task& t) { t.members[1].role = "boss"; }), "registry.bad_enum",
       "members.role"},
      {"field code 99999", task([](Task& t) { t.field_code = "99999"; }), "registry.bad_field_code",
       ""},
      {"field code 7", task([](Task& t) { t.field_code = "7"; }), "registry.bad_field_code", ""},
      {"end before start", task([](Task& t) {
         t.end = Date{2016, 2, 29};
       }),
       "registry.bad_period", "end"},
      {"negative state budget", task([](Task& t) { t.budget_state = Money{-1}; }),
       "registry.negative_money", "budget_state"},
      {"negative other budget", task([](Task& t) { t.budget_other = Money{-5}; }),
       "registry.negative_money", "budget_other"},
      {"product without name", task([](Task& t) { t.products[1].name = " "; }), "registry.required",
       "products.name"},
      // The unknown-but-acceptable field code makes the repository insert a fields row before
      // the reference check fails: the rollback must remove it.
      {"host 999999", task([](Task& t) {
         t.host_id = 999999;
         t.field_code = "40188";
       }),
       "registry.bad_reference", "host"},
      {"pi 999999", task([](Task& t) { t.pi_id = 999999; }), "registry.bad_reference", "pi"},
      {"program 999999", task([](Task& t) { t.program_id = 999999; }), "registry.bad_reference",
       "program"},
      {"member 999999", task([](Task& t) { t.members[1].person_id = 999999; }),
       "registry.bad_reference", "members.person_id"},
      {"bad ORCID check digit",
       [this]() {
         Person p = PiPerson();
         p.external_id = "person-invalid";
         p.orcid = "0000-0002-1825-0098";
         return reg_->Upsert(p).status();
       },
       "authority.orcid_check", "orcid"},
      {"bad ORCID form",
       [this]() {
         Person p = PiPerson();
         p.external_id = "person-invalid";
         p.orcid = "0000000218250097";
         return reg_->Upsert(p).status();
       },
       "authority.orcid_form", "orcid"},
      {"person affiliation 999999",
       [this]() {
         Person p = PiPerson();
         p.external_id = "person-invalid";
         p.affiliation_id = 999999;
         return reg_->Upsert(p).status();
       },
       "registry.bad_reference", "affiliation_id"},
      {"tax code 12345",
       [this]() {
         Organisation o = HostOrg();
         o.external_id = "org-invalid";
         o.tax_code = "12345";
         return reg_->Upsert(o).status();
       },
       "authority.tax_form", "tax_code"},
      {"tax code check digit",
       [this]() {
         Organisation o = HostOrg();
         o.external_id = "org-invalid";
         o.tax_code = "0101234567";
         return reg_->Upsert(o).status();
       },
       "authority.tax_check", "tax_code"},
      {"ROR checksum",
       [this]() {
         Organisation o = HostOrg();
         o.external_id = "org-invalid";
         o.ror_id = "https://ror.org/03yrm5c27";
         return reg_->Upsert(o).status();
       },
       "authority.ror_check", "ror_id"},
      {"organisation type",
       [this]() {
         Organisation o = HostOrg();
         o.external_id = "org-invalid";
         o.type = "club";
         return reg_->Upsert(o).status();
       },
       "registry.bad_enum", "type"},
      {"program period",
       [this]() {
         Program p = TheProgram();
         p.code = "INVALID";
         p.period_end = 2015;
         return reg_->Upsert(p).status();
       },
       "registry.bad_period", "period_end"},
  };
  const char* tables[] = {"tasks",  "task_members", "task_products", "organisations",
                          "people", "programs",     "person_fields", "fields"};
  std::vector<int64_t> before;
  for (const char* table : tables) before.push_back(Count(table));
  const int64_t seq0 = Seq();

  for (const Row& row : rows) {
    SCOPED_TRACE(std::string("row '") + row.name + "'");
    Status s = row.attempt();
    ASSERT_FALSE(s.ok()) << "accepted";
    EXPECT_EQ(s.code(), StatusCode::kInvalid) << Show(s);
    EXPECT_EQ(s.message().id, row.id) << Show(s);
    if (*row.field) {
      EXPECT_EQ(s.message().Param("field"), row.field) << Show(s);
    }
    for (size_t i = 0; i < std::size(tables); ++i)
      EXPECT_EQ(Count(tables[i]), before[i]) << "a failed write left rows in " << tables[i];
    EXPECT_EQ(Seq(), seq0) << "a failed write left a change-log row";
    EXPECT_FALSE(db_->InTransaction());
  }

  // Control: the unmodified records are valid, so each failure above is due to its change.
  auto ok = reg_->Upsert(FullTask("invalid"));
  EXPECT_TRUE(ok.ok()) << Show(ok.status());
  Person p = PiPerson();
  p.external_id = "person-invalid";
  EXPECT_TRUE(reg_->Upsert(p).ok());
  Organisation o = HostOrg();
  o.external_id = "org-invalid";
  EXPECT_TRUE(reg_->Upsert(o).ok());
}

TEST(RegistryModel, OrcidCheckDigit) {
  struct Row {
    const char* orcid;
    bool valid;
  };
  const Row rows[] = {
      {"0000-0002-1825-0097", true},  {"0000-0002-1825-0098", false},
      {"0000-0001-5109-3700", true},  {"0000-0002-1694-233X", true},
      {"0000-0002-1694-2339", false}, {"0000-0002-1825-009", false},
      {"0000 0002 1825 0097", false}, {"", false},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(std::string("orcid '") + row.orcid + "'");
    EXPECT_EQ(ValidOrcid(row.orcid), row.valid);
  }
}

TEST_P(RegistryTest, UnknownFiveDigitFieldUnderKnownParentIsAccepted) {
  ASSERT_EQ(FindField("40199"), nullptr) << "40199 is in the shipped table; pick another code";
  ASSERT_NE(FindField("401"), nullptr);
  ASSERT_EQ(Count("fields", "code = '40199'"), 0);
  Task t;
  t.title = "Nghiên cứu cây trồng bản địa";
  t.field_code = "40199";
  t.source = "test";
  t.external_id = "field-40199";
  auto saved = reg_->Upsert(t);
  ASSERT_TRUE(saved.ok()) << Show(saved.status());
  auto row = db_->Query("SELECT parent_code, depth FROM fields WHERE code = '40199'");
  ASSERT_TRUE(row.ok()) << Show(row.status());
  ASSERT_EQ(row->size(), 1u) << "no fields row was created for 40199";
  EXPECT_EQ(row->Text(0, 0), "401");
  EXPECT_EQ(row->Int(0, 1), 3);
  auto got = reg_->GetTask(saved->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->field_code, "40199");
  // A second task under the same code reuses the row.
  t.external_id = "field-40199-b";
  ASSERT_TRUE(reg_->Upsert(t).ok());
  EXPECT_EQ(Count("fields", "code = '40199'"), 1);
}

// ---------------------------------------------------------------------------------------------
// Records, paging, deletion, statistics.

TEST_P(RegistryTest, GetTaskRecordsJoinsNamesInOrder) {
  ASSERT_NO_FATAL_FAILURE(MakeWorld());
  auto first = reg_->Upsert(FullTask("task-a"));
  ASSERT_TRUE(first.ok()) << Show(first.status());
  Task bare;
  bare.title = "Nhiệm vụ không có chủ nhiệm";
  bare.field_code = "4";
  bare.source = "test";
  bare.external_id = "task-b";
  auto second = reg_->Upsert(bare);
  ASSERT_TRUE(second.ok()) << Show(second.status());

  auto records = reg_->GetTaskRecords({second->id, 999999, first->id, 888888});
  ASSERT_TRUE(records.ok()) << Show(records.status());
  ASSERT_EQ(records->size(), 2u) << "missing ids must be skipped";
  const TaskRecord& b = (*records)[0];
  const TaskRecord& a = (*records)[1];
  EXPECT_EQ(b.task.id, second->id);
  EXPECT_EQ(a.task.id, first->id);

  struct Row {
    const char* what;
    std::string got, want;
  };
  const Row rows[] = {
      {"host name", a.host_name, "Viện Di truyền Nông nghiệp"},
      {"host short name", a.host_short_name, "AGI"},
      {"host district", a.host_district, "Bắc Từ Liêm"},
      {"host parent", a.host_parent, "Viện Hàn lâm Khoa học và Công nghệ Việt Nam"},
      {"pi name", a.pi_name, "PGS.TS. Nguyễn Văn An"},
      {"program code", a.program_code, "01C-06/16-20"},
      {"program name", a.program_name, "Chương trình phát triển nông nghiệp công nghệ cao"},
      {"field name", a.field_name_vi, "Nội tiết và chuyển hoá"},
      {"task title", a.task.title, "Nghiên cứu chọn tạo giống lúa chịu mặn cho vùng ven biển"},
      {"bare host name", b.host_name, ""},
      {"bare pi name", b.pi_name, ""},
      {"bare program", b.program_code, ""},
      {"bare field name", b.field_name_vi, "Khoa học nông nghiệp"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.what);
    EXPECT_EQ(row.got, row.want);
  }
  EXPECT_EQ(a.task.members.size(), 2u);
  EXPECT_EQ(a.task.products.size(), 3u);

  auto empty = reg_->GetTaskRecords({});
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
  // Duplicated ids come back as asked.
  auto dup = reg_->GetTaskRecords({first->id, first->id});
  ASSERT_TRUE(dup.ok()) << Show(dup.status());
  ASSERT_EQ(dup->size(), 2u);
  for (size_t i = 0; i < dup->size(); ++i) {
    SCOPED_TRACE("duplicate " + std::to_string(i));
    EXPECT_EQ((*dup)[i].task.id, first->id);
    EXPECT_EQ((*dup)[i].task.title, a.task.title);
    EXPECT_EQ((*dup)[i].task.members.size(), 2u);
    EXPECT_EQ((*dup)[i].pi_name, "PGS.TS. Nguyễn Văn An");
  }
}

TEST_P(RegistryTest, PublicIdsDeleteAndStats) {
  ASSERT_NO_FATAL_FAILURE(MakeWorld());
  struct Row {
    const char* external_id;
    const char* confidentiality;
    int64_t budget;
  };
  const Row rows[] = {
      {"t1", "public", 100},     {"t2", "secret", 200}, {"t3", "public", 300},
      {"t4", "restricted", 400}, {"t5", "public", 500},
  };
  std::vector<int64_t> ids;
  for (const Row& row : rows) {
    Task t = FullTask(row.external_id);
    t.confidentiality = row.confidentiality;
    t.budget_state = Money{row.budget};
    auto r = reg_->Upsert(t);
    ASSERT_TRUE(r.ok()) << row.external_id << ": " << Show(r.status());
    ids.push_back(r->id);
  }
  auto pub = reg_->PublicTaskIds(0, 100);
  ASSERT_TRUE(pub.ok()) << Show(pub.status());
  EXPECT_EQ(*pub, (std::vector<int64_t>{ids[0], ids[2], ids[4]}));
  // Paging.
  auto page1 = reg_->PublicTaskIds(0, 2);
  ASSERT_TRUE(page1.ok());
  EXPECT_EQ(*page1, (std::vector<int64_t>{ids[0], ids[2]}));
  auto page2 = reg_->PublicTaskIds(page1->back(), 2);
  ASSERT_TRUE(page2.ok());
  EXPECT_EQ(*page2, (std::vector<int64_t>{ids[4]}));

  auto stats = reg_->Stats();
  ASSERT_TRUE(stats.ok()) << Show(stats.status());
  EXPECT_EQ(stats->tasks, 5);
  EXPECT_EQ(stats->public_tasks, 3);
  EXPECT_EQ(stats->organisations, 2);
  EXPECT_EQ(stats->people, 2);
  EXPECT_EQ(stats->programs, 1);
  EXPECT_EQ(stats->last_change, Seq());
  EXPECT_EQ(stats->total_budget_state.dong, 1500);

  // Delete the public t3.
  int64_t seq0 = Seq();
  clock_.Advance(std::chrono::seconds(30));
  Status del = reg_->DeleteTask(ids[2]);
  ASSERT_TRUE(del.ok()) << Show(del);
  EXPECT_EQ(Seq(), seq0 + 1);
  auto change = LastChange();
  ASSERT_TRUE(change);
  EXPECT_EQ(change->entity, "task");
  EXPECT_EQ(change->entity_id, ids[2]);
  EXPECT_EQ(change->op, "delete");
  EXPECT_EQ(change->changed_at, "2026-01-15T08:00:30Z");
  auto gone = reg_->GetTask(ids[2]);
  EXPECT_EQ(gone.status().message().id, "registry.not_found") << Show(gone.status());
  EXPECT_EQ(Count("task_members", "task_id = " + std::to_string(ids[2])), 0)
      << "members of a deleted task remain";
  EXPECT_EQ(Count("task_products", "task_id = " + std::to_string(ids[2])), 0)
      << "products of a deleted task remain";
  pub = reg_->PublicTaskIds(0, 100);
  ASSERT_TRUE(pub.ok());
  EXPECT_EQ(*pub, (std::vector<int64_t>{ids[0], ids[4]}));

  // Deleting again: not found, no change row.
  Status again = reg_->DeleteTask(ids[2]);
  EXPECT_EQ(again.code(), StatusCode::kNotFound) << Show(again);
  EXPECT_EQ(again.message().id, "registry.not_found") << Show(again);
  EXPECT_EQ(Seq(), seq0 + 1);

  stats = reg_->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->tasks, 4);
  EXPECT_EQ(stats->public_tasks, 2);
  EXPECT_EQ(stats->last_change, seq0 + 1);
  EXPECT_EQ(stats->total_budget_state.dong, 1200);
  auto count = reg_->CountTasks("test");
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 4);
}

TEST_P(RegistryTest, TasksMentioning) {
  ASSERT_NO_FATAL_FAILURE(MakeWorld());
  Organisation other;
  other.name = "Trường Đại học Nông nghiệp";
  other.type = "university";
  other.source = "test";
  other.external_id = "org-other";
  auto other_id = reg_->Upsert(other);
  ASSERT_TRUE(other_id.ok()) << Show(other_id.status());

  auto add = [&](const char* ext, std::optional<int64_t> host, std::optional<int64_t> pi,
                 std::optional<int64_t> program) -> int64_t {
    Task t = FullTask(ext);
    t.host_id = host;
    t.pi_id = pi;
    t.program_id = program;
    t.members.clear();
    auto r = reg_->Upsert(t);
    EXPECT_TRUE(r.ok()) << ext << ": " << Show(r.status());
    return r.ok() ? r->id : 0;
  };
  int64_t at_host = add("m1", host_id_, pi_id_, program_id_);
  int64_t at_host2 = add("m2", host_id_, std::nullopt, std::nullopt);
  int64_t at_other = add("m3", other_id->id, secretary_id_, program_id_);
  int64_t nowhere = add("m4", std::nullopt, std::nullopt, std::nullopt);
  ASSERT_FALSE(HasFailure());
  (void)nowhere;

  struct Row {
    const char* entity;
    int64_t id;
    std::vector<int64_t> want;
  };
  const Row rows[] = {
      {"organisation", host_id_, {at_host, at_host2}},
      {"organisation", other_id->id, {at_other}},
      // Tasks of a child organisation mention the parent too.
      {"organisation", parent_id_, {at_host, at_host2}},
      {"organisation", 999999, {}},
      {"person", pi_id_, {at_host}},
      {"person", secretary_id_, {at_other}},
      {"program", program_id_, {at_host, at_other}},
      {"unknown", host_id_, {}},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(std::string(row.entity) + " " + std::to_string(row.id));
    auto got = reg_->TasksMentioning(row.entity, row.id);
    ASSERT_TRUE(got.ok()) << Show(got.status());
    std::vector<int64_t> sorted = *got;
    std::sort(sorted.begin(), sorted.end());
    std::vector<int64_t> want = row.want;
    std::sort(want.begin(), want.end());
    EXPECT_EQ(sorted, want);
  }
}

TEST_P(RegistryTest, WritesJoinTheCallersTransaction) {
  ASSERT_NO_FATAL_FAILURE(MakeWorld());
  int64_t seq0 = Seq();
  int64_t tasks0 = Count("tasks");
  int64_t changes0 = Count("change_log");
  {
    store::Transaction tx(*db_);
    ASSERT_TRUE(tx.Begin().ok());
    auto a = reg_->Upsert(FullTask("tx-a"));
    ASSERT_TRUE(a.ok()) << Show(a.status());
    auto b = reg_->Upsert(FullTask("tx-b"));
    ASSERT_TRUE(b.ok()) << Show(b.status());
    EXPECT_TRUE(db_->InTransaction()) << "a registry write ended the caller's transaction";
    // No Commit: both tasks and their change rows go.
  }
  EXPECT_EQ(Count("tasks"), tasks0);
  EXPECT_EQ(Count("change_log"), changes0);
  EXPECT_EQ(Seq(), seq0);
  {
    store::Transaction tx(*db_);
    ASSERT_TRUE(tx.Begin().ok());
    ASSERT_TRUE(reg_->Upsert(FullTask("tx-a")).ok());
    ASSERT_TRUE(reg_->Upsert(FullTask("tx-b")).ok());
    ASSERT_TRUE(tx.Commit().ok());
  }
  EXPECT_EQ(Count("tasks"), tasks0 + 2);
  // Two change rows after seq0 (PostgreSQL may leave a gap where the rolled-back ids were).
  auto changes = store::ChangesAfter(*db_, seq0, 100);
  ASSERT_TRUE(changes.ok()) << Show(changes.status());
  ASSERT_EQ(changes->size(), 2u);
  for (const store::Change& c : *changes) {
    EXPECT_EQ(c.entity, "task");
    EXPECT_EQ(c.op, "insert");
  }
}

TEST_P(RegistryTest, SeedReferenceDataIsIdempotent) {
  int64_t fields = Count("fields");
  EXPECT_EQ(fields, static_cast<int64_t>(FieldClassification().size()));
  Status s = reg_->SeedReferenceData();
  EXPECT_TRUE(s.ok()) << Show(s);
  EXPECT_EQ(Count("fields"), fields);
  EXPECT_EQ(Seq(), 0) << "reference data is not a registry change";
}

KETNOI_INSTANTIATE_ON_BACKENDS(RegistryTest);

}  // namespace
}  // namespace ketnoi::registry
