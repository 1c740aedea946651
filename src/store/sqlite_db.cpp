// SQLite implementation of Db: one connection, WAL, foreign keys on, a busy timeout, and a
// cache of prepared statements keyed by SQL text.
#include <sqlite3.h>

#include <filesystem>
#include <unordered_map>

#include "store/db.h"

namespace ketnoi::store {

namespace {

class SqliteDb final : public Db {
 public:
  explicit SqliteDb(sqlite3* db) : db_(db) {}
  ~SqliteDb() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  Status Exec(std::string_view sql, const Params& params) override {
    KETNOI_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql, params));
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    Status s = rc == SQLITE_DONE ? Status::Ok() : Error(rc);
    sqlite3_reset(stmt);
    return s;
  }

  Result<Rows> Query(std::string_view sql, const Params& params) override {
    KETNOI_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql, params));
    int ncol = sqlite3_column_count(stmt);
    std::vector<std::string> columns;
    for (int c = 0; c < ncol; ++c) columns.emplace_back(sqlite3_column_name(stmt, c));
    std::vector<std::vector<Value>> rows;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      std::vector<Value> row;
      row.reserve(static_cast<size_t>(ncol));
      for (int c = 0; c < ncol; ++c) {
        switch (sqlite3_column_type(stmt, c)) {
          case SQLITE_INTEGER:
            row.emplace_back(static_cast<int64_t>(sqlite3_column_int64(stmt, c)));
            break;
          case SQLITE_FLOAT:
            row.emplace_back(sqlite3_column_double(stmt, c));
            break;
          case SQLITE_NULL:
            row.emplace_back(std::monostate{});
            break;
          default: {
            const void* p = sqlite3_column_blob(stmt, c);
            int n = sqlite3_column_bytes(stmt, c);
            row.emplace_back(std::string(static_cast<const char*>(p), static_cast<size_t>(n)));
          }
        }
      }
      rows.push_back(std::move(row));
    }
    Status s = rc == SQLITE_DONE ? Status::Ok() : Error(rc);
    sqlite3_reset(stmt);
    if (!s.ok()) return s;
    return Rows(std::move(columns), std::move(rows));
  }

  Status ExecScript(std::string_view sql) override {
    std::string text(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string reason = err ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      return Status::Internal({"store.query_failed", {{"reason", reason}}});
    }
    return Status::Ok();
  }

  Status Begin() override {
    Status s = ExecScript("BEGIN IMMEDIATE");
    if (s.ok()) in_tx_ = true;
    return s;
  }
  Status Commit() override {
    Status s = ExecScript("COMMIT");
    if (s.ok()) in_tx_ = false;
    return s;
  }
  Status Rollback() override {
    in_tx_ = false;
    if (sqlite3_get_autocommit(db_)) return Status::Ok();
    return ExecScript("ROLLBACK");
  }
  bool InTransaction() const override { return in_tx_; }

 private:
  Status Error(int rc) {
    std::string reason = sqlite3_errmsg(db_);
    int primary = rc & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
      return Status::Unavailable({"store.busy"});
    if (primary == SQLITE_CONSTRAINT)
      return Status::Conflict({"store.constraint", {{"reason", reason}}});
    return Status::Internal({"store.query_failed", {{"reason", reason}}});
  }

  Result<sqlite3_stmt*> Prepare(std::string_view sql, const Params& params) {
    std::string key(sql);
    sqlite3_stmt* stmt = nullptr;
    auto it = cache_.find(key);
    if (it != cache_.end()) {
      stmt = it->second;
    } else {
      int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()),
                                  SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
      if (rc != SQLITE_OK) return Error(rc);
      cache_.emplace(std::move(key), stmt);
    }
    sqlite3_clear_bindings(stmt);
    if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(stmt))
      return Status::Internal({"store.query_failed", {{"reason", "parameter count mismatch"}}});
    for (size_t i = 0; i < params.size(); ++i) {
      int idx = static_cast<int>(i) + 1;
      int rc = SQLITE_OK;
      const Value& v = params[i];
      if (const auto* n = std::get_if<int64_t>(&v)) {
        rc = sqlite3_bind_int64(stmt, idx, *n);
      } else if (const auto* d = std::get_if<double>(&v)) {
        rc = sqlite3_bind_double(stmt, idx, *d);
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        rc = sqlite3_bind_text64(stmt, idx, s->data(), s->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
      } else {
        rc = sqlite3_bind_null(stmt, idx);
      }
      if (rc != SQLITE_OK) return Error(rc);
    }
    return stmt;
  }

  sqlite3* db_;
  bool in_tx_ = false;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace

Result<std::unique_ptr<Db>> OpenSqlite(const std::string& path) {
  std::error_code ec;
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  sqlite3* raw = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string reason = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    sqlite3_close_v2(raw);
    return Status::Unavailable(
        {"store.open_failed", {{"url", "sqlite:" + path}, {"reason", reason}}});
  }
  auto db = std::make_unique<SqliteDb>(raw);
  sqlite3_busy_timeout(raw, 10000);
  for (const char* pragma :
       {"PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", "PRAGMA synchronous=NORMAL",
        "PRAGMA temp_store=MEMORY", "PRAGMA cache_size=-65536"}) {
    Status s = db->ExecScript(pragma);
    if (!s.ok())
      return Status::Unavailable(
          {"store.open_failed",
           {{"url", "sqlite:" + path}, {"reason", s.message().Param("reason")}}});
  }
  return std::unique_ptr<Db>(std::move(db));
}

}  // namespace ketnoi::store
