// Tests for store/: the Db interface, migrations and the change log. Every TEST_P runs on both
// backends (tests/backends.h): SQLite in a temp dir and PostgreSQL from KETNOI_TEST_PG. Tables
// of cases print the failing row.
#include "store/change_log.h"
#include "store/db.h"
#include "store/migrations.h"

#include <chrono>
#include <cstdio>
#include <cstdint>
#include <limits>
#include <string>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include "backends.h"

namespace ketnoi::store {
namespace {

using test_support::BackendTest;
using test_support::Show;

std::string ShowValue(const Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return "NULL";
  if (const auto* i = std::get_if<int64_t>(&v)) return "int64 " + std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "double %.17g", *d);
    return buf;
  }
  return "text '" + std::get<std::string>(v) + "'";
}

class StoreTest : public BackendTest {};

// ---------------------------------------------------------------------------------------------
// Migrations.

TEST_P(StoreTest, MigrationsAppliedAtOpenAndRecorded) {
  const auto& files = MigrationFiles();
  ASSERT_GE(files.size(), 2u);
  auto rows =
      db_->Query("SELECT version, name, applied_at FROM schema_migrations ORDER BY version");
  ASSERT_TRUE(rows.ok()) << Show(rows.status());
  ASSERT_EQ(rows->size(), files.size());
  struct Row {
    int64_t version;
    std::string name;
  };
  const Row expected[] = {{1, "001_change_log"}, {2, "002_registry"}};
  for (size_t i = 0; i < std::size(expected); ++i) {
    SCOPED_TRACE("migration row " + std::to_string(i) + ": version " +
                 std::to_string(expected[i].version));
    EXPECT_EQ(rows->Int(i, 0), expected[i].version);
    EXPECT_EQ(rows->Text(i, 1), expected[i].name);
    EXPECT_FALSE(rows->Text(i, 2).empty()) << "applied_at not recorded";
  }
  for (size_t i = 0; i < files.size(); ++i) {
    SCOPED_TRACE("migration file " + std::string(files[i].name));
    EXPECT_EQ(rows->Int(i, 0), files[i].version);
    EXPECT_EQ(rows->Text(i, 1), files[i].name);
  }

  auto version = SchemaVersion(*db_);
  ASSERT_TRUE(version.ok()) << Show(version.status());
  EXPECT_EQ(*version, files.back().version);
  EXPECT_EQ(*version, 10);

  // The tables of every migration exist.
  for (const char* table :
       {"change_log",    "fields",          "organisations", "people",          "person_fields",
        "programs",      "program_board",   "tasks",         "task_members",    "task_products",
        "users",         "user_roles",      "sessions",      "login_failures",  "user_tokens",
        "outbox",        "record_versions", "audit_log",     "files",           "provenance",
        "oai_published", "rule_sets",       "rounds",        "proposals",       "calls",
        "dossiers",      "councils",        "scores",        "council_results", "contracts",
        "harvest_state", "merges"}) {
    SCOPED_TRACE(table);
    EXPECT_EQ(Count(table), 0);
  }
}

TEST_P(StoreTest, OpeningAgainAppliesNothingNew) {
  int64_t before = Count("schema_migrations");
  auto applied_before = db_->Query("SELECT applied_at FROM schema_migrations ORDER BY version");
  ASSERT_TRUE(applied_before.ok()) << Show(applied_before.status());
  ASSERT_TRUE(db_->Exec("INSERT INTO change_log (entity, entity_id, op, changed_at) VALUES "
                        "('task', 1, 'update', 'x')")
                  .ok());

  for (int round = 1; round <= 2; ++round) {
    SCOPED_TRACE("reopen " + std::to_string(round));
    auto again = Reopen();
    ASSERT_TRUE(again.ok()) << Show(again.status());
    db_ = std::move(again).value();
    EXPECT_EQ(Count("schema_migrations"), before);
    auto applied = db_->Query("SELECT applied_at FROM schema_migrations ORDER BY version");
    ASSERT_TRUE(applied.ok()) << Show(applied.status());
    ASSERT_EQ(applied->size(), applied_before->size());
    for (size_t i = 0; i < applied->size(); ++i)
      EXPECT_EQ(applied->Text(i, 0), applied_before->Text(i, 0)) << "migration row " << i;
    // Data survives: the migrations were not re-run over it.
    EXPECT_EQ(Count("change_log"), 1);
    auto version = SchemaVersion(*db_);
    ASSERT_TRUE(version.ok()) << Show(version.status());
    EXPECT_EQ(*version, MigrationFiles().back().version);
  }
  // ApplyMigrations on an up-to-date database is a no-op as well.
  Status s = ApplyMigrations(*db_);
  EXPECT_TRUE(s.ok()) << Show(s);
  EXPECT_EQ(Count("schema_migrations"), before);
}

TEST_P(StoreTest, DatabaseWithNewerSchemaIsRefused) {
  int newest = MigrationFiles().back().version;
  ASSERT_TRUE(
      db_->Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                {static_cast<int64_t>(newest + 1), std::string("999_from_the_future"),
                 std::string(test_support::kFixedNowText)})
          .ok());
  auto version = SchemaVersion(*db_);
  ASSERT_TRUE(version.ok()) << Show(version.status());
  EXPECT_EQ(*version, newest + 1);

  auto reopened = Reopen();
  ASSERT_FALSE(reopened.ok()) << "a database recording version " << newest + 1
                              << " was opened by a program that knows only " << newest;
  EXPECT_EQ(reopened.status().message().id, "store.newer_schema") << Show(reopened.status());
  EXPECT_EQ(reopened.status().message().Param("found"), std::to_string(newest + 1));
  EXPECT_EQ(reopened.status().message().Param("known"), std::to_string(newest));

  // OpenRaw still works (it does not look at the schema).
  auto raw = store::Db::OpenRaw(url_);
  ASSERT_TRUE(raw.ok()) << Show(raw.status());
  Status applied = ApplyMigrations(**raw);
  EXPECT_EQ(applied.message().id, "store.newer_schema") << Show(applied);
}

TEST_P(StoreTest, ForDialectSpellsIdentityAndBlob) {
  std::string sql = ForDialect("CREATE TABLE t (id {{ID}}, b {{BLOB}})", db_->dialect());
  EXPECT_EQ(sql.find("{{"), std::string::npos) << sql;
  // The spelled-out DDL is accepted by the backend and yields generated ids.
  ASSERT_TRUE(db_->ExecScript(sql).ok()) << sql;
  for (int i = 1; i <= 3; ++i) {
    auto id = db_->InsertReturningId("INSERT INTO t (b) VALUES (NULL) RETURNING id", {});
    ASSERT_TRUE(id.ok()) << Show(id.status());
    EXPECT_EQ(*id, i);
  }
}

// ---------------------------------------------------------------------------------------------
// Values.

TEST_P(StoreTest, ValuesRoundTrip) {
  ASSERT_TRUE(db_->ExecScript("CREATE TABLE scratch (id BIGINT PRIMARY KEY, i BIGINT, r DOUBLE "
                              "PRECISION, t TEXT)")
                  .ok());
  struct Row {
    const char* name;
    const char* column;
    Value value;
  };
  const Row rows[] = {
      {"NULL int", "i", Value()},
      {"NULL real", "r", Value()},
      {"NULL text", "t", Value()},
      {"zero", "i", Value(int64_t{0})},
      {"minus one", "i", Value(int64_t{-1})},
      {"INT64_MIN+1", "i", Value(std::numeric_limits<int64_t>::min() + 1)},
      {"INT64_MAX", "i", Value(std::numeric_limits<int64_t>::max())},
      {"budget", "i", Value(int64_t{1'250'000'000})},
      {"double", "r", Value(1234.5678901234)},
      {"double pi", "r", Value(3.141592653589793)},
      {"double tiny", "r", Value(1.5e-10)},
      {"double negative", "r", Value(-0.25)},
      {"double large", "r", Value(6.02214076e23)},
      {"empty text", "t", Value(std::string())},
      {"vietnamese", "t", Value(std::string("Nghiên cứu ứng dụng — Đống Đa"))},
      {"quote", "t", Value(std::string("Trường Đại học Bách khoa 'HUST' O'Brien"))},
      {"question mark", "t", Value(std::string("Có? Không?"))},
      {"dollar one", "t", Value(std::string("$1 and ?"))},
      {"newlines", "t", Value(std::string("dòng 1\ndòng 2\r\n\ttab"))},
  };
  int64_t id = 0;
  for (const Row& row : rows) {
    SCOPED_TRACE(std::string("row '") + row.name + "': " + ShowValue(row.value));
    ++id;
    std::string column = row.column;
    Status s = db_->Exec("INSERT INTO scratch (id, " + column + ") VALUES (?, ?)", {id, row.value});
    ASSERT_TRUE(s.ok()) << Show(s);
    auto got = db_->Query("SELECT " + column + " FROM scratch WHERE id = ?", {id});
    ASSERT_TRUE(got.ok()) << Show(got.status());
    ASSERT_EQ(got->size(), 1u);
    EXPECT_EQ(ShowValue(got->At(0, 0)), ShowValue(row.value));
    EXPECT_TRUE(got->At(0, 0) == row.value);
    // The same value found by equality in a WHERE clause (bound, not inlined).
    if (!std::holds_alternative<std::monostate>(row.value)) {
      auto found =
          db_->Query("SELECT id FROM scratch WHERE " + column + " = ? AND id = ?", {row.value, id});
      ASSERT_TRUE(found.ok()) << Show(found.status());
      EXPECT_EQ(found->size(), 1u);
    }
  }
  // The NULL accessors.
  auto nulls = db_->Query("SELECT i, r, t FROM scratch WHERE id = 1");
  ASSERT_TRUE(nulls.ok()) << Show(nulls.status());
  EXPECT_TRUE(nulls->IsNull(0, 0));
  EXPECT_EQ(nulls->OptInt(0, 0), std::nullopt);
  EXPECT_EQ(nulls->Int(0, 0), 0);
  EXPECT_EQ(nulls->Text(0, 2), "");
}

TEST_P(StoreTest, PlaceholdersSkipQuotedLiterals) {
  ASSERT_TRUE(
      db_->ExecScript("CREATE TABLE scratch (id BIGINT PRIMARY KEY, a TEXT, b TEXT, c BIGINT)")
          .ok());
  // The `?` and the doubled quote inside the literal are SQL text, not parameters: there are
  // exactly three parameters, numbered around the literal on PostgreSQL.
  Status s = db_->Exec("INSERT INTO scratch (id, a, b, c) VALUES (?, 'it''s a ? here', ?, ?)",
                       {int64_t{1}, std::string("sau ? dấu"), int64_t{42}});
  ASSERT_TRUE(s.ok()) << Show(s);
  auto got =
      db_->Query("SELECT a, b, c FROM scratch WHERE id = ? AND a = 'it''s a ? here'", {int64_t{1}});
  ASSERT_TRUE(got.ok()) << Show(got.status());
  ASSERT_EQ(got->size(), 1u);
  EXPECT_EQ(got->Text(0, 0), "it's a ? here");
  EXPECT_EQ(got->Text(0, 1), "sau ? dấu");
  EXPECT_EQ(got->Int(0, 2), 42);

  // A quoted identifier containing '?' is not a parameter either.
  ASSERT_TRUE(db_->ExecScript("CREATE TABLE \"odd?name\" (v TEXT)").ok());
  s = db_->Exec("INSERT INTO \"odd?name\" (v) VALUES (?)", {std::string("x")});
  EXPECT_TRUE(s.ok()) << Show(s);
  EXPECT_EQ(Count("\"odd?name\"", "v = 'x'"), 1);

  // Too many or too few parameters is an error, not a silent bind.
  s = db_->Exec("INSERT INTO scratch (id, a) VALUES (?, '?')", {int64_t{2}, std::string("extra")});
  EXPECT_FALSE(s.ok()) << "an extra parameter was accepted";
  EXPECT_EQ(Count("scratch", "id = 2"), 0);
}

// ---------------------------------------------------------------------------------------------
// Transactions.

class TransactionTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    ASSERT_TRUE(db_->ExecScript("CREATE TABLE scratch (id BIGINT PRIMARY KEY, name TEXT NOT NULL "
                                "UNIQUE)")
                    .ok());
  }
};

TEST_P(TransactionTest, DestroyedWithoutCommitRollsBack) {
  {
    Transaction tx(*db_);
    ASSERT_TRUE(tx.Begin().ok());
    EXPECT_TRUE(db_->InTransaction());
    ASSERT_TRUE(db_->Exec("INSERT INTO scratch (id, name) VALUES (?, ?)",
                          {int64_t{1}, std::string("uncommitted")})
                    .ok());
    EXPECT_EQ(Count("scratch"), 1) << "the row is visible inside its own transaction";
  }
  EXPECT_FALSE(db_->InTransaction());
  EXPECT_EQ(Count("scratch"), 0) << "a transaction destroyed without Commit() kept its row";
  // The connection is usable afterwards, and a new transaction can start.
  Transaction tx(*db_);
  EXPECT_TRUE(tx.Begin().ok());
}

TEST_P(TransactionTest, CommittedRowIsPresent) {
  {
    Transaction tx(*db_);
    ASSERT_TRUE(tx.Begin().ok());
    ASSERT_TRUE(db_->Exec("INSERT INTO scratch (id, name) VALUES (?, ?)",
                          {int64_t{1}, std::string("committed")})
                    .ok());
    Status s = tx.Commit();
    ASSERT_TRUE(s.ok()) << Show(s);
  }
  EXPECT_FALSE(db_->InTransaction());
  EXPECT_EQ(Count("scratch", "name = 'committed'"), 1);
  // Visible to another connection too.
  db_.reset();
  auto other = store::Db::Open(url_);
  ASSERT_TRUE(other.ok()) << Show(other.status());
  db_ = std::move(other).value();
  EXPECT_EQ(Count("scratch", "name = 'committed'"), 1);
}

TEST_P(TransactionTest, FailedStatementThenRollbackLeavesNothing) {
  Transaction tx(*db_);
  ASSERT_TRUE(tx.Begin().ok());
  Status first = db_->Exec("INSERT INTO scratch (id, name) VALUES (?, ?)",
                           {int64_t{1}, std::string("Viện Hóa học")});
  ASSERT_TRUE(first.ok()) << Show(first);
  Status second = db_->Exec("INSERT INTO scratch (id, name) VALUES (?, ?)",
                            {int64_t{2}, std::string("Viện Hóa học")});
  ASSERT_FALSE(second.ok()) << "a duplicate UNIQUE value was accepted";
  EXPECT_EQ(second.code(), StatusCode::kConflict) << Show(second);
  EXPECT_EQ(second.message().id, "store.constraint") << Show(second);
  EXPECT_FALSE(second.message().Param("reason").empty());
  Status rb = db_->Rollback();
  EXPECT_TRUE(rb.ok()) << Show(rb);
  EXPECT_FALSE(db_->InTransaction());
  EXPECT_EQ(Count("scratch"), 0) << "a half-written transaction survived its rollback";
  // The connection recovered: a fresh write works.
  Status after =
      db_->Exec("INSERT INTO scratch (id, name) VALUES (?, ?)", {int64_t{3}, std::string("sau")});
  EXPECT_TRUE(after.ok()) << Show(after);
  EXPECT_EQ(Count("scratch"), 1);
}

TEST_P(TransactionTest, ConstraintErrorsOutsideTransactions) {
  ASSERT_TRUE(db_->Exec("INSERT INTO scratch (id, name) VALUES (1, 'a')").ok());
  struct Row {
    const char* name;
    const char* sql;
  };
  const Row rows[] = {
      {"duplicate primary key", "INSERT INTO scratch (id, name) VALUES (1, 'b')"},
      {"duplicate unique", "INSERT INTO scratch (id, name) VALUES (2, 'a')"},
      {"not null", "INSERT INTO scratch (id, name) VALUES (3, NULL)"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    Status s = db_->Exec(row.sql);
    EXPECT_EQ(s.code(), StatusCode::kConflict) << Show(s);
    EXPECT_EQ(s.message().id, "store.constraint") << Show(s);
  }
  EXPECT_EQ(Count("scratch"), 1);
}

// ---------------------------------------------------------------------------------------------
// Foreign keys.

TEST_P(StoreTest, ForeignKeysAreEnforced) {
  // A real organisation, field and person so that the control row is valid.
  ASSERT_TRUE(db_->Exec("INSERT INTO fields (code, parent_code, depth, name_vi, name_en) VALUES "
                        "('3', NULL, 1, 'Khoa học y, dược', 'Medical sciences')")
                  .ok());
  auto org = db_->InsertReturningId(
      "INSERT INTO organisations (name, type, source, external_id, created_at, updated_at) VALUES "
      "(?, 'institute', 'test', 'o1', 'now', 'now') RETURNING id",
      {std::string("Viện Vệ sinh dịch tễ")});
  ASSERT_TRUE(org.ok()) << Show(org.status());

  const std::string insert =
      "INSERT INTO tasks (title, kind, level, status, field_code, host_id, pi_id, program_id, "
      "source, external_id, created_at, updated_at) VALUES (?, 'de_tai', 'tinh', 'in_progress', "
      "?, ?, ?, ?, 'test', ?, 'now', 'now')";
  struct Row {
    const char* name;
    Value field_code, host_id, pi_id, program_id;
    bool ok;
  };
  const Row rows[] = {
      {"valid references", Value(std::string("3")), Value(*org), Value(), Value(), true},
      {"missing organisation", Value(), Value(int64_t{424242}), Value(), Value(), false},
      {"missing person", Value(), Value(*org), Value(int64_t{424242}), Value(), false},
      {"missing program", Value(), Value(), Value(), Value(int64_t{424242}), false},
      {"missing field", Value(std::string("999")), Value(), Value(), Value(), false},
  };
  int n = 0;
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    Status s = db_->Exec(insert, {std::string(row.name), row.field_code, row.host_id, row.pi_id,
                                  row.program_id, "t" + std::to_string(++n)});
    if (row.ok) {
      EXPECT_TRUE(s.ok()) << Show(s);
    } else {
      ASSERT_FALSE(s.ok()) << "a task referencing a missing row was inserted";
      EXPECT_EQ(s.code(), StatusCode::kConflict) << Show(s);
      EXPECT_EQ(s.message().id, "store.constraint") << Show(s);
    }
  }
  EXPECT_EQ(Count("tasks"), 1);

  // Deleting a referenced organisation is refused too.
  Status del = db_->Exec("DELETE FROM organisations WHERE id = ?", {*org});
  EXPECT_EQ(del.message().id, "store.constraint") << Show(del);
  EXPECT_EQ(Count("organisations"), 1);
}

// ---------------------------------------------------------------------------------------------
// Change log.

TEST_P(StoreTest, ChangeLogInSeqOrder) {
  auto last = LastSeq(*db_);
  ASSERT_TRUE(last.ok()) << Show(last.status());
  EXPECT_EQ(*last, 0);

  struct Row {
    const char* entity;
    int64_t id;
    const char* op;
  };
  const Row rows[] = {
      {"task", 7, "update"},
      {"organisation", 3, "update"},
      {"person", 5, "update"},
      {"task", 7, "delete"},
  };
  {
    Transaction tx(*db_);
    ASSERT_TRUE(tx.Begin().ok());
    for (const Row& row : rows) {
      Status s = AppendChange(*db_, row.entity, row.id, row.op, clock_);
      ASSERT_TRUE(s.ok()) << row.entity << " " << row.op << ": " << Show(s);
      clock_.Advance(std::chrono::seconds(1));
    }
    ASSERT_TRUE(tx.Commit().ok());
  }
  auto changes = ChangesAfter(*db_, 0, 100);
  ASSERT_TRUE(changes.ok()) << Show(changes.status());
  ASSERT_EQ(changes->size(), std::size(rows));
  const char* times[] = {"2026-01-15T08:00:00Z", "2026-01-15T08:00:01Z", "2026-01-15T08:00:02Z",
                         "2026-01-15T08:00:03Z"};
  int64_t prev = 0;
  for (size_t i = 0; i < changes->size(); ++i) {
    const Change& c = (*changes)[i];
    SCOPED_TRACE("change " + std::to_string(i) + ": " + rows[i].entity + " " + rows[i].op);
    EXPECT_GT(c.seq, prev);
    prev = c.seq;
    EXPECT_EQ(c.entity, rows[i].entity);
    EXPECT_EQ(c.entity_id, rows[i].id);
    EXPECT_EQ(c.op, rows[i].op);
    EXPECT_EQ(c.changed_at, times[i]);
  }
  last = LastSeq(*db_);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(*last, changes->back().seq);

  // After a given seq: only the later ones.
  auto tail = ChangesAfter(*db_, (*changes)[1].seq, 100);
  ASSERT_TRUE(tail.ok());
  ASSERT_EQ(tail->size(), 2u);
  EXPECT_EQ((*tail)[0].seq, (*changes)[2].seq);
  auto none = ChangesAfter(*db_, *last, 100);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());

  // An op outside ('insert', 'update', 'delete') is refused by the schema.
  {
    Transaction tx(*db_);
    ASSERT_TRUE(tx.Begin().ok());
    Status s = AppendChange(*db_, "task", 1, "rename", clock_);
    EXPECT_FALSE(s.ok()) << "op 'rename' was accepted";
  }
  EXPECT_EQ(*LastSeq(*db_), *last);
}

TEST_P(StoreTest, RolledBackTransactionLeavesNoChangeRow) {
  {
    Transaction tx(*db_);
    ASSERT_TRUE(tx.Begin().ok());
    ASSERT_TRUE(AppendChange(*db_, "task", 1, "update", clock_).ok());
    ASSERT_TRUE(tx.Commit().ok());
  }
  auto before = LastSeq(*db_);
  ASSERT_TRUE(before.ok());
  ASSERT_GT(*before, 0);
  {
    Transaction tx(*db_);
    ASSERT_TRUE(tx.Begin().ok());
    ASSERT_TRUE(AppendChange(*db_, "task", 2, "update", clock_).ok());
    ASSERT_TRUE(AppendChange(*db_, "task", 3, "delete", clock_).ok());
    // No Commit.
  }
  auto after = LastSeq(*db_);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(*after, *before);
  EXPECT_EQ(Count("change_log"), 1);
  auto changes = ChangesAfter(*db_, 0, 100);
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ((*changes)[0].entity_id, 1);
}

TEST_P(StoreTest, ChangesAfterPagesWithLimit) {
  const int kTotal = 7;
  {
    Transaction tx(*db_);
    ASSERT_TRUE(tx.Begin().ok());
    for (int i = 1; i <= kTotal; ++i)
      ASSERT_TRUE(AppendChange(*db_, "task", i, "update", clock_).ok());
    ASSERT_TRUE(tx.Commit().ok());
  }
  struct Row {
    int limit;
    std::vector<size_t> page_sizes;
  };
  const Row rows[] = {
      {1, {1, 1, 1, 1, 1, 1, 1, 0}},
      {3, {3, 3, 1, 0}},
      {7, {7, 0}},
      {100, {7, 0}},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE("limit " + std::to_string(row.limit));
    int64_t after = 0;
    std::vector<int64_t> ids;
    std::vector<size_t> sizes;
    for (int guard = 0; guard < 20; ++guard) {
      auto page = ChangesAfter(*db_, after, row.limit);
      ASSERT_TRUE(page.ok()) << Show(page.status());
      sizes.push_back(page->size());
      if (page->empty()) break;
      for (const Change& c : *page) {
        EXPECT_GT(c.seq, after);
        after = c.seq;
        ids.push_back(c.entity_id);
      }
    }
    EXPECT_EQ(sizes, row.page_sizes);
    std::vector<int64_t> expected;
    for (int i = 1; i <= kTotal; ++i) expected.push_back(i);
    EXPECT_EQ(ids, expected) << "pages lost, repeated or reordered changes";
  }
}

// ---------------------------------------------------------------------------------------------
// Opening.

TEST(StoreOpen, UnknownUrlScheme) {
  const char* urls[] = {"mysql://x", "", "sqlite", "file:/tmp/x.db", "postgresq://x"};
  for (const char* url : urls) {
    SCOPED_TRACE(std::string("url '") + url + "'");
    auto db = Db::Open(url);
    ASSERT_FALSE(db.ok());
    EXPECT_EQ(db.status().code(), StatusCode::kInvalid) << Show(db.status());
    EXPECT_EQ(db.status().message().id, "store.bad_url") << Show(db.status());
  }
}

TEST_P(StoreTest, UnreachableDatabaseFailsToOpen) {
  std::string bad;
  if (IsPostgres()) {
    bad =
        "host=/nonexistent/ketnoi-no-such-socket-dir port=54329 user=postgres dbname=x "
        "connect_timeout=2";
  } else {
    bad = "sqlite:/proc/ketnoi/x.db";
  }
  SCOPED_TRACE(bad);
  auto db = Db::Open(bad);
  ASSERT_FALSE(db.ok()) << "opened " << bad;
  EXPECT_EQ(db.status().message().id, "store.open_failed") << Show(db.status());
  EXPECT_EQ(db.status().code(), StatusCode::kUnavailable) << Show(db.status());
  EXPECT_FALSE(db.status().message().Param("reason").empty());
}

KETNOI_INSTANTIATE_ON_BACKENDS(StoreTest);
KETNOI_INSTANTIATE_ON_BACKENDS(TransactionTest);

}  // namespace
}  // namespace ketnoi::store
