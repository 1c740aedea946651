// store — one relational interface (Db) with two small implementations: embedded SQLite (WAL,
// foreign keys, busy timeout) and PostgreSQL 15 via libpq. SQL is written once with `?`
// placeholders; the PostgreSQL side numbers them. Numbered migrations (migrations.h) run at
// open; the change log (change_log.h) is written in the same transaction as each change and
// is what the search index follows.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/status.h"

namespace ketnoi::store {

using Value = std::variant<std::monostate, int64_t, double, std::string>;
using Params = std::vector<Value>;

// Helpers to build a Value from optional fields: empty optional → NULL.
inline Value Opt(const std::optional<int64_t>& v) { return v ? Value(*v) : Value(); }
inline Value Opt(const std::optional<std::string>& v) { return v ? Value(*v) : Value(); }
// An empty string becomes NULL (used for optional text columns).
inline Value TextOrNull(const std::string& s) { return s.empty() ? Value() : Value(s); }

enum class Dialect { kSqlite, kPostgres };

// A fully read result set. Large scans are done in pages (keyset pagination), never all at once.
class Rows {
 public:
  Rows() = default;
  Rows(std::vector<std::string> columns, std::vector<std::vector<Value>> rows)
      : columns_(std::move(columns)), rows_(std::move(rows)) {}

  size_t size() const { return rows_.size(); }
  bool empty() const { return rows_.empty(); }
  const std::vector<std::string>& columns() const { return columns_; }
  const Value& At(size_t row, size_t col) const { return rows_.at(row).at(col); }
  bool IsNull(size_t row, size_t col) const;
  int64_t Int(size_t row, size_t col) const;  // NULL → 0
  std::optional<int64_t> OptInt(size_t row, size_t col) const;
  double Real(size_t row, size_t col) const;
  std::string Text(size_t row, size_t col) const;  // NULL → ""

 private:
  std::vector<std::string> columns_;
  std::vector<std::vector<Value>> rows_;
};

class Db {
 public:
  virtual ~Db() = default;

  // "sqlite:PATH" (the file and its directory are created) or "postgresql://…"/"postgres://…"
  // or a libpq keyword string starting with "host=" / "dbname=". Migrations are applied.
  static Result<std::unique_ptr<Db>> Open(const std::string& url);
  // The same, without applying migrations (for tests of the migration runner).
  static Result<std::unique_ptr<Db>> OpenRaw(const std::string& url);

  virtual Dialect dialect() const = 0;
  virtual Status Exec(std::string_view sql, const Params& params = {}) = 0;
  virtual Result<Rows> Query(std::string_view sql, const Params& params = {}) = 0;
  // Several statements separated by ';', no parameters (migrations).
  virtual Status ExecScript(std::string_view sql) = 0;
  // Runs an INSERT … RETURNING id and gives the id.
  Result<int64_t> InsertReturningId(std::string_view sql, const Params& params);

  // Transactions. Begin() starts a write transaction (SQLite: BEGIN IMMEDIATE so writers queue
  // on the busy timeout instead of failing at commit). Nested use is a bug.
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;
  virtual bool InTransaction() const = 0;
};

// RAII transaction: rolls back unless Commit() succeeded.
class Transaction {
 public:
  explicit Transaction(Db& db) : db_(db) {}
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  Status Begin();
  Status Commit();

 private:
  Db& db_;
  bool active_ = false;
};

// Implementations (sqlite_db.cpp, pg_db.cpp).
Result<std::unique_ptr<Db>> OpenSqlite(const std::string& path);
Result<std::unique_ptr<Db>> OpenPostgres(const std::string& conninfo);

}  // namespace ketnoi::store
