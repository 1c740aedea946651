// Tests for audit/: the canonical form and chain hash, appending (own or the caller's
// transaction), listing, and Verify() finding edited, re-hashed and deleted rows. Every TEST_P
// runs on both backends (tests/backends.h): SQLite in a temp dir and PostgreSQL from
// KETNOI_TEST_PG.
#include "audit/audit.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "backends.h"
#include "core/crypto.h"

namespace ketnoi::audit {
namespace {

using test_support::BackendTest;
using test_support::Show;
using Detail = std::vector<std::pair<std::string, std::string>>;

std::string ShowDetail(const Detail& d) {
  std::string out = "{";
  for (const auto& [k, v] : d) out += "[" + k + "]=[" + v + "] ";
  return out + "}";
}

// Every field of two entries, with the field named on failure.
void ExpectSameEntry(const Entry& got, const Entry& want) {
  SCOPED_TRACE("seq " + std::to_string(want.seq));
  EXPECT_EQ(got.seq, want.seq);
  EXPECT_EQ(got.at, want.at);
  EXPECT_EQ(got.actor_id, want.actor_id);
  EXPECT_EQ(got.actor, want.actor);
  EXPECT_EQ(got.action, want.action);
  EXPECT_EQ(got.subject, want.subject);
  EXPECT_EQ(got.detail, want.detail) << ShowDetail(got.detail) << " vs " << ShowDetail(want.detail);
  EXPECT_EQ(got.rule_set, want.rule_set);
  EXPECT_EQ(got.is_public, want.is_public);
  EXPECT_EQ(got.address, want.address);
  EXPECT_EQ(got.prev_hash, want.prev_hash);
  EXPECT_EQ(got.hash, want.hash);
}

// Five entries: 1 and 4 public; details in Vietnamese with newlines, '=' and backslashes, given
// out of key order.
std::vector<NewEntry> SampleEntries() {
  std::vector<NewEntry> out;
  out.push_back({0,
                 "system",
                 "rules.publish",
                 "rule_set:dedup",
                 {{"phiên_bản", "2026.1"}},
                 "2026.1",
                 true,
                 ""});
  out.push_back({12,
                 "Nguyễn Văn An",
                 "auth.login",
                 "user:12",
                 {{"trình_duyệt", "Firefox"}, {"kết_quả", "thành công"}},
                 "",
                 false,
                 "203.0.113.7"});
  out.push_back({12,
                 "Nguyễn Văn An",
                 "record.edit",
                 "task:345",
                 {{"tên_mới", "Nghiên cứu xử lý\nnước thải = sinh hoạt"},
                  {"lý_do", "sửa lỗi chính tả\\đánh máy\n\n"},
                  {"a=b", "khóa có dấu ="}},
                 "",
                 false,
                 "203.0.113.7"});
  out.push_back({7,
                 "Trần Thị Bình",
                 "council.decision",
                 "task:345",
                 {{"kết_luận", "Đạt\nĐề nghị nghiệm thu"}, {"điểm", "85"}},
                 "2026.1",
                 true,
                 "198.51.100.2"});
  out.push_back({0,
                 "anonymous",
                 "auth.login_failed",
                 "user:99",
                 {{"email", "khach@example.vn"}},
                 "",
                 false,
                 "192.0.2.1"});
  return out;
}

class AuditTest : public BackendTest {
 protected:
  // Appends the sample entries, one second apart; returns what Append() gave back.
  std::vector<Entry> AppendSamples(AuditLog& log) {
    std::vector<Entry> out;
    for (const NewEntry& n : SampleEntries()) {
      auto e = log.Append(n);
      EXPECT_TRUE(e.ok()) << n.action << ": " << Show(e.status());
      if (!e.ok()) return out;
      out.push_back(*e);
      clock_.Advance(std::chrono::seconds(1));
    }
    return out;
  }

  VerifyReport MustVerify(AuditLog& log) {
    auto r = log.Verify();
    EXPECT_TRUE(r.ok()) << Show(r.status());
    return r.ok() ? *r : VerifyReport{};
  }

  void ExpectIntact(AuditLog& log, int64_t n) {
    VerifyReport r = MustVerify(log);
    EXPECT_EQ(r.checked, n);
    EXPECT_FALSE(r.first_bad.has_value())
        << "first bad " << *r.first_bad << " (" << r.reason << ")";
    EXPECT_EQ(r.reason, "");
  }

  void ExpectBroken(AuditLog& log, int64_t seq, const std::string& reason) {
    VerifyReport r = MustVerify(log);
    ASSERT_TRUE(r.first_bad.has_value()) << "Verify found nothing wrong";
    EXPECT_EQ(*r.first_bad, seq);
    EXPECT_EQ(r.reason, reason);
  }

  void Sql(const std::string& sql, const store::Params& params = {}) {
    Status s = db_->Exec(sql, params);
    ASSERT_TRUE(s.ok()) << sql << ": " << Show(s);
  }
};

// ---------------------------------------------------------------------------------------------
// The canonical form and the hash (no database).

TEST(AuditCanonical, PinnedFormAndHash) {
  Entry e;
  e.seq = 7;
  e.at = "2026-01-15T08:00:00Z";
  e.actor_id = 12;
  e.actor = "Nguyễn Văn A";
  e.action = "role.grant";
  e.subject = "user:12";
  e.detail = {{"role", "thẩm định"}, {"ghi_chú", "a=b\nc"}};  // out of order on purpose
  e.rule_set = "2026.1";
  e.is_public = true;
  e.address = "";
  // Every field "<byte length>:<bytes>\n"; the detail as its pair count then key, value, … in
  // byte order of the keys. Changing this breaks every stored chain.
  const std::string want =
      "1:7\n"
      "20:2026-01-15T08:00:00Z\n"
      "2:12\n"
      "15:Nguyễn Văn A\n"
      "10:role.grant\n"
      "7:user:12\n"
      "1:2\n"
      "8:ghi_chú\n"
      "5:a=b\nc\n"
      "4:role\n"
      "14:thẩm định\n"
      "6:2026.1\n"
      "1:1\n"
      "0:\n";
  EXPECT_EQ(Canonical(e), want);
  EXPECT_EQ(ChainHash("", e), crypto::Blake2bHex("\n" + want));
  EXPECT_EQ(ChainHash("00ff", e), crypto::Blake2bHex("00ff\n" + want));
  EXPECT_EQ(ChainHash("", e).size(), 64u);
}

TEST(AuditCanonical, EveryFieldChangesTheHash) {
  Entry base;
  base.seq = 3;
  base.at = "2026-01-15T08:00:00Z";
  base.actor_id = 5;
  base.actor = "Lê Văn Cường";
  base.action = "record.edit";
  base.subject = "task:1";
  base.detail = {{"k", "v"}};
  base.rule_set = "r1";
  base.is_public = false;
  base.address = "192.0.2.1";
  const std::string h = ChainHash("abc", base);
  struct Row {
    const char* what;
    void (*change)(Entry&);
  };
  const Row rows[] = {
      {"seq", [](Entry& e) { e.seq = 4; }},
      {"at", [](Entry& e) { e.at = "2026-01-15T08:00:01Z"; }},
      {"actor_id", [](Entry& e) { e.actor_id = 6; }},
      {"actor", [](Entry& e) { e.actor = "Le Van Cuong"; }},
      {"action", [](Entry& e) { e.action = "record.delete"; }},
      {"subject", [](Entry& e) { e.subject = "task:2"; }},
      {"detail value", [](Entry& e) { e.detail[0].second = "w"; }},
      {"detail key", [](Entry& e) { e.detail[0].first = "j"; }},
      {"detail added", [](Entry& e) { e.detail.emplace_back("x", ""); }},
      {"detail removed", [](Entry& e) { e.detail.clear(); }},
      // Moving bytes between adjacent fields must not give the same text.
      {"field boundary",
       [](Entry& e) {
         e.action = "record.edittask:1";
         e.subject = "";
       }},
      {"detail boundary",
       [](Entry& e) {
         e.detail = {{"kv", ""}};
       }},
      {"rule_set", [](Entry& e) { e.rule_set = "r2"; }},
      {"is_public", [](Entry& e) { e.is_public = true; }},
      {"address", [](Entry& e) { e.address = "192.0.2.2"; }},
  };
  for (const Row& r : rows) {
    Entry e = base;
    r.change(e);
    EXPECT_NE(ChainHash("abc", e), h) << r.what;
  }
  EXPECT_NE(ChainHash("abd", base), h) << "prev_hash";
  // The detail is hashed in key order, whatever order it is given in.
  Entry two = base, swapped = base;
  two.detail = {{"a", "1"}, {"b", "2"}};
  swapped.detail = {{"b", "2"}, {"a", "1"}};
  EXPECT_EQ(ChainHash("abc", two), ChainHash("abc", swapped));
}

// ---------------------------------------------------------------------------------------------
// Appending and listing.

TEST_P(AuditTest, AppendChainsListsAndVerifies) {
  AuditLog log(*db_, clock_);
  std::vector<Entry> appended = AppendSamples(log);
  ASSERT_EQ(appended.size(), 5u);
  std::vector<NewEntry> samples = SampleEntries();
  for (size_t i = 0; i < appended.size(); ++i) {
    const Entry& e = appended[i];
    SCOPED_TRACE("entry " + std::to_string(i));
    EXPECT_EQ(e.seq, static_cast<int64_t>(i + 1));
    EXPECT_EQ(e.prev_hash, i == 0 ? "" : appended[i - 1].hash);
    EXPECT_EQ(e.hash, ChainHash(e.prev_hash, e));
    EXPECT_EQ(e.at, i == 0 ? std::string(test_support::kFixedNowText)
                           : "2026-01-15T08:00:0" + std::to_string(i) + "Z");
    Detail sorted = samples[i].detail;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(e.detail, sorted) << "the detail is kept sorted by key";
    EXPECT_EQ(e.actor, samples[i].actor);
    EXPECT_EQ(e.is_public, samples[i].is_public);
  }
  EXPECT_EQ(Count("audit_log"), 5);

  // Newest first, every field as appended (the detail round-trips exactly).
  auto all = log.List(false, 0, 10);
  ASSERT_TRUE(all.ok()) << Show(all.status());
  ASSERT_EQ(all->size(), 5u);
  for (size_t i = 0; i < 5; ++i) ExpectSameEntry((*all)[i], appended[4 - i]);

  auto pub = log.List(true, 0, 10);
  ASSERT_TRUE(pub.ok()) << Show(pub.status());
  ASSERT_EQ(pub->size(), 2u);
  EXPECT_EQ((*pub)[0].seq, 4);
  EXPECT_EQ((*pub)[1].seq, 1);
  ExpectSameEntry((*pub)[0], appended[3]);

  // Paging: before_seq and limit.
  auto page = log.List(false, 4, 2);
  ASSERT_TRUE(page.ok()) << Show(page.status());
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].seq, 3);
  EXPECT_EQ((*page)[1].seq, 2);
  auto pub_page = log.List(true, 4, 10);
  ASSERT_TRUE(pub_page.ok()) << Show(pub_page.status());
  ASSERT_EQ(pub_page->size(), 1u);
  EXPECT_EQ((*pub_page)[0].seq, 1);

  auto task = log.ForSubject("task:345", 10);
  ASSERT_TRUE(task.ok()) << Show(task.status());
  ASSERT_EQ(task->size(), 2u);
  EXPECT_EQ((*task)[0].seq, 4);
  EXPECT_EQ((*task)[1].seq, 3);
  ExpectSameEntry((*task)[1], appended[2]);
  auto one = log.ForSubject("task:345", 1);
  ASSERT_TRUE(one.ok()) << Show(one.status());
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].seq, 4);

  ExpectIntact(log, 5);
}

TEST_P(AuditTest, StoredHashAndDetailAsComputed) {
  AuditLog log(*db_, clock_);
  std::vector<Entry> appended = AppendSamples(log);
  ASSERT_EQ(appended.size(), 5u);
  auto rows = db_->Query("SELECT seq, prev_hash, hash, detail FROM audit_log ORDER BY seq");
  ASSERT_TRUE(rows.ok()) << Show(rows.status());
  ASSERT_EQ(rows->size(), 5u);
  std::string prev;
  for (size_t i = 0; i < rows->size(); ++i) {
    const Entry& e = appended[i];
    SCOPED_TRACE("seq " + std::to_string(e.seq));
    EXPECT_EQ(rows->Int(i, 0), e.seq);
    EXPECT_EQ(rows->Text(i, 1), prev);
    EXPECT_EQ(rows->Text(i, 2), ChainHash(prev, e));
    EXPECT_EQ(rows->Text(i, 2), crypto::Blake2bHex(prev + "\n" + Canonical(e)));
    prev = rows->Text(i, 2);
  }
  // The stored detail text: "key=value" lines in key order, '\\', '\n' and '=' escaped.
  EXPECT_EQ(rows->Text(2, 3),
            "a\\=b=khóa có dấu \\=\n"
            "lý_do=sửa lỗi chính tả\\\\đánh máy\\n\\n\n"
            "tên_mới=Nghiên cứu xử lý\\nnước thải \\= sinh hoạt\n");
}

TEST_P(AuditTest, DetailRoundTripsAwkwardText) {
  AuditLog log(*db_, clock_);
  const Detail detail = {
      {"", "khóa rỗng"},    {"b", ""},
      {"c", "\\"},          {"d", "\\n không phải xuống dòng"},
      {"e", "=\n=\r\n"},    {"f", std::string("có\0NUL", 7)},
      {"g", "dòng cuối\\"}, {"k=k\nk", "v"},
      {"z", "một"},         {"z", "hai"},  // a repeated key keeps its order
  };
  auto e = log.Append({1, "Phạm Thu Hà", "record.edit", "task:1", detail, "", false, ""});
  ASSERT_TRUE(e.ok()) << Show(e.status());
  EXPECT_EQ(e->detail, detail);
  auto all = log.List(false, 0, 1);
  ASSERT_TRUE(all.ok()) << Show(all.status());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].detail, detail) << ShowDetail((*all)[0].detail);
  EXPECT_EQ((*all)[0].hash, ChainHash("", (*all)[0]));
  ExpectIntact(log, 1);
}

TEST_P(AuditTest, RefusesEntriesItCannotStoreFaithfully) {
  AuditLog log(*db_, clock_);
  struct Row {
    const char* what;
    NewEntry entry;
    const char* id;
    const char* field;
  };
  const Row rows[] = {
      {"no action", {0, "system", "", "user:1", {}, "", false, ""}, "audit.required", "action"},
      {"bad UTF-8 actor",
       {0, "Nguy\xE1\xBB", "auth.login", "", {}, "", false, ""},
       "audit.bad_text",
       "actor"},
      {"NUL in subject",
       {0, "system", "auth.login", std::string("user:1\0x", 8), {}, "", false, ""},
       "audit.bad_text",
       "subject"},
      {"bad UTF-8 detail",
       {0, "system", "auth.login", "", {{"k", "\xFF"}}, "", false, ""},
       "audit.bad_text",
       "detail"},
  };
  for (const Row& r : rows) {
    auto e = log.Append(r.entry);
    ASSERT_FALSE(e.ok()) << r.what;
    EXPECT_EQ(e.status().code(), StatusCode::kInvalid) << r.what;
    EXPECT_EQ(e.status().message().id, r.id) << r.what;
    EXPECT_EQ(e.status().message().Param("field"), r.field) << r.what;
  }
  EXPECT_EQ(Count("audit_log"), 0);
}

// ---------------------------------------------------------------------------------------------
// Transactions and concurrency.

TEST_P(AuditTest, JoinsTheCallersTransaction) {
  AuditLog log(*db_, clock_);
  ASSERT_TRUE(log.Append({0, "system", "a.first", "x", {}, "", false, ""}).ok());

  // Rolled back: no row, and the next append takes the same seq (no gap).
  ASSERT_TRUE(db_->Begin().ok());
  auto inside = log.Append({1, "u", "a.rolled_back", "x", {{"k", "v"}}, "", false, ""});
  ASSERT_TRUE(inside.ok()) << Show(inside.status());
  EXPECT_EQ(inside->seq, 2);
  EXPECT_TRUE(db_->InTransaction()) << "Append must not end the caller's transaction";
  ASSERT_TRUE(db_->Rollback().ok());
  EXPECT_EQ(Count("audit_log"), 1);
  EXPECT_EQ(Count("audit_log", "action = 'a.rolled_back'"), 0);

  auto after = log.Append({0, "system", "a.after", "x", {}, "", false, ""});
  ASSERT_TRUE(after.ok()) << Show(after.status());
  EXPECT_EQ(after->seq, 2);

  // Committed with the caller's other writes.
  ASSERT_TRUE(db_->Begin().ok());
  auto committed = log.Append({1, "u", "a.committed", "x", {}, "", false, ""});
  ASSERT_TRUE(committed.ok()) << Show(committed.status());
  ASSERT_TRUE(db_->Commit().ok());
  EXPECT_EQ(committed->seq, 3);
  EXPECT_EQ(Count("audit_log"), 3);
  ExpectIntact(log, 3);
}

TEST_P(AuditTest, ConcurrentAppendersKeepOneChain) {
  constexpr int kThreads = 3, kEach = 15;
  std::vector<std::thread> threads;
  std::vector<std::string> errors(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto db = store::Db::Open(url_);
      if (!db.ok()) {
        errors[t] = Show(db.status());
        return;
      }
      AuditLog log(**db, clock_);
      for (int i = 0; i < kEach; ++i) {
        auto e = log.Append({t,
                             "worker " + std::to_string(t),
                             "test.append",
                             "thread:" + std::to_string(t),
                             {{"i", std::to_string(i)}},
                             "",
                             false,
                             ""});
        if (!e.ok()) {
          errors[t] = Show(e.status());
          return;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(errors[t], "") << "thread " << t;
  AuditLog log(*db_, clock_);
  ExpectIntact(log, kThreads * kEach);
}

// ---------------------------------------------------------------------------------------------
// Verify() against tampering.

TEST_P(AuditTest, EditedColumnNamesItsSeqWithReasonHash) {
  AuditLog log(*db_, clock_);
  ASSERT_EQ(AppendSamples(log).size(), 5u);
  ExpectIntact(log, 5);
  struct Row {
    const char* column;
    store::Value value;
  };
  const Row rows[] = {
      {"detail", std::string("lý_do=sửa lỗi chính tả\n")},
      {"actor", std::string("Nguyễn Văn Án")},
      {"action", std::string("record.view")},
      {"subject", std::string("task:346")},
      {"at", std::string("2026-01-15T08:00:03Z")},
      {"actor_id", int64_t{13}},
      {"rule_set", std::string("2026.2")},
      {"is_public", int64_t{1}},
      {"address", std::string("203.0.113.8")},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(r.column);
    auto original = db_->Query(std::string("SELECT ") + r.column + " FROM audit_log WHERE seq = 3");
    ASSERT_TRUE(original.ok()) << Show(original.status());
    Sql(std::string("UPDATE audit_log SET ") + r.column + " = ? WHERE seq = 3", {r.value});
    VerifyReport report = MustVerify(log);
    ASSERT_TRUE(report.first_bad.has_value()) << "edit not detected";
    EXPECT_EQ(*report.first_bad, 3);
    EXPECT_EQ(report.reason, "hash");
    EXPECT_EQ(report.checked, 3);
    Sql(std::string("UPDATE audit_log SET ") + r.column + " = ? WHERE seq = 3",
        {original->At(0, 0)});
    ExpectIntact(log, 5);
  }
}

TEST_P(AuditTest, DetailSpelledDifferentlyIsAnEdit) {
  // "\\x" decodes to "x": the same pairs, but not the text Append() wrote.
  AuditLog log(*db_, clock_);
  ASSERT_EQ(AppendSamples(log).size(), 5u);
  Sql("UPDATE audit_log SET detail = ? WHERE seq = 2",
      {std::string("k\\ết_quả=thành công\ntrình_duyệt=Firefox\n")});
  ExpectBroken(log, 2, "hash");
}

TEST_P(AuditTest, RehashedEditIsCaughtByTheNextEntry) {
  // Whoever edits a row and recomputes its hash still breaks the next entry's prev_hash.
  AuditLog log(*db_, clock_);
  std::vector<Entry> appended = AppendSamples(log);
  ASSERT_EQ(appended.size(), 5u);
  Entry forged = appended[2];
  forged.detail = {{"lý_do", "không có gì"}};
  Sql("UPDATE audit_log SET detail = ?, hash = ? WHERE seq = 3",
      {std::string("lý_do=không có gì\n"), ChainHash(forged.prev_hash, forged)});
  ExpectBroken(log, 4, "prev_hash");

  // Edited without re-hashing: found at the row itself.
  Sql("UPDATE audit_log SET detail = ?, hash = ? WHERE seq = 3", {std::string(), appended[2].hash});
  ExpectBroken(log, 3, "hash");
}

TEST_P(AuditTest, DeletedRowIsAGap) {
  AuditLog log(*db_, clock_);
  ASSERT_EQ(AppendSamples(log).size(), 5u);
  Sql("DELETE FROM audit_log WHERE seq = 3");
  ExpectBroken(log, 4, "gap");
  VerifyReport r = MustVerify(log);
  EXPECT_EQ(r.checked, 3);
}

TEST_P(AuditTest, DeletedFirstRowIsAGap) {
  AuditLog log(*db_, clock_);
  ASSERT_EQ(AppendSamples(log).size(), 5u);
  Sql("DELETE FROM audit_log WHERE seq = 1");
  ExpectBroken(log, 2, "gap");
}

TEST_P(AuditTest, SwappedRowsAreDetected) {
  // Rows 2 and 3 exchange their seq numbers (reordering): the row now at seq 2 is entry 3, whose
  // prev_hash is entry 2's hash, not entry 1's.
  AuditLog log(*db_, clock_);
  ASSERT_EQ(AppendSamples(log).size(), 5u);
  Sql("UPDATE audit_log SET seq = 100 WHERE seq = 2");
  Sql("UPDATE audit_log SET seq = 2 WHERE seq = 3");
  Sql("UPDATE audit_log SET seq = 3 WHERE seq = 100");
  ExpectBroken(log, 2, "prev_hash");
}

TEST_P(AuditTest, VerifyReadsPastTheFirstPage) {
  // 1000 entries a page: an edit on the second page is found, and everything is counted.
  AuditLog log(*db_, clock_);
  ASSERT_TRUE(db_->Begin().ok());
  for (int i = 0; i < 1003; ++i) {
    auto e = log.Append(
        {0, "system", "test.bulk", "bulk", {{"i", std::to_string(i)}}, "", i % 2 == 0, ""});
    ASSERT_TRUE(e.ok()) << i << ": " << Show(e.status());
  }
  ASSERT_TRUE(db_->Commit().ok());
  ExpectIntact(log, 1003);
  Sql("UPDATE audit_log SET detail = ? WHERE seq = 1002", {std::string("i=0\n")});
  ExpectBroken(log, 1002, "hash");
  VerifyReport r = MustVerify(log);
  EXPECT_EQ(r.checked, 1002);
}

TEST_P(AuditTest, EmptyLogVerifies) {
  AuditLog log(*db_, clock_);
  ExpectIntact(log, 0);
  auto all = log.List(false, 0, 10);
  ASSERT_TRUE(all.ok()) << Show(all.status());
  EXPECT_TRUE(all->empty());
}

KETNOI_INSTANTIATE_ON_BACKENDS(AuditTest);

}  // namespace
}  // namespace ketnoi::audit
