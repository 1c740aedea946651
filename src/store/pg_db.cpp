// PostgreSQL implementation of Db over libpq: text-format parameters, `?` placeholders turned
// into `$n`, result values typed from the column OIDs.
#include <libpq-fe.h>

#include <charconv>
#include <unordered_map>

#include "store/db.h"

namespace ketnoi::store {

namespace {

constexpr Oid kBool = 16, kBytea = 17, kInt8 = 20, kInt2 = 21, kInt4 = 23, kFloat4 = 700,
              kFloat8 = 701;

// Replaces each `?` outside quotes with $1, $2, …
std::string NumberPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  char quote = 0;
  for (char c : sql) {
    if (quote) {
      if (c == quote) quote = 0;
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      out += '$' + std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

class PgDb final : public Db {
 public:
  explicit PgDb(PGconn* conn) : conn_(conn) {}
  ~PgDb() override { PQfinish(conn_); }

  Dialect dialect() const override { return Dialect::kPostgres; }

  Status Exec(std::string_view sql, const Params& params) override {
    PGresult* res = Run(sql, params);
    Status s = Check(res);
    PQclear(res);
    return s;
  }

  Result<Rows> Query(std::string_view sql, const Params& params) override {
    PGresult* res = Run(sql, params);
    Status s = Check(res);
    if (!s.ok()) {
      PQclear(res);
      return s;
    }
    int ncol = PQnfields(res), nrow = PQntuples(res);
    std::vector<std::string> columns;
    std::vector<Oid> types;
    for (int c = 0; c < ncol; ++c) {
      columns.emplace_back(PQfname(res, c));
      types.push_back(PQftype(res, c));
    }
    std::vector<std::vector<Value>> rows;
    rows.reserve(static_cast<size_t>(nrow));
    for (int r = 0; r < nrow; ++r) {
      std::vector<Value> row;
      row.reserve(static_cast<size_t>(ncol));
      for (int c = 0; c < ncol; ++c) {
        if (PQgetisnull(res, r, c)) {
          row.emplace_back(std::monostate{});
          continue;
        }
        const char* v = PQgetvalue(res, r, c);
        switch (types[static_cast<size_t>(c)]) {
          case kInt8:
          case kInt4:
          case kInt2:
            row.emplace_back(static_cast<int64_t>(std::strtoll(v, nullptr, 10)));
            break;
          case kFloat4:
          case kFloat8:
            row.emplace_back(std::strtod(v, nullptr));
            break;
          case kBool:
            row.emplace_back(static_cast<int64_t>(v[0] == 't'));
            break;
          case kBytea: {
            size_t len = 0;
            unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(v), &len);
            row.emplace_back(std::string(reinterpret_cast<char*>(bytes), len));
            PQfreemem(bytes);
            break;
          }
          default:
            row.emplace_back(std::string(v, static_cast<size_t>(PQgetlength(res, r, c))));
        }
      }
      rows.push_back(std::move(row));
    }
    PQclear(res);
    return Rows(std::move(columns), std::move(rows));
  }

  Status ExecScript(std::string_view sql) override {
    std::string text(sql);
    PGresult* res = PQexec(conn_, text.c_str());
    Status s = Check(res);
    PQclear(res);
    return s;
  }

  Status Begin() override {
    Status s = ExecScript("BEGIN");
    if (s.ok()) in_tx_ = true;
    return s;
  }
  Status Commit() override {
    Status s = ExecScript("COMMIT");
    in_tx_ = false;  // a failed COMMIT ends the transaction too (it rolls back)
    return s;
  }
  Status Rollback() override {
    in_tx_ = false;
    if (PQtransactionStatus(conn_) == PQTRANS_IDLE) return Status::Ok();
    return ExecScript("ROLLBACK");
  }
  bool InTransaction() const override { return in_tx_; }

 private:
  PGresult* Run(std::string_view sql, const Params& params) {
    auto it = sql_cache_.find(std::string(sql));
    if (it == sql_cache_.end())
      it = sql_cache_.emplace(std::string(sql), NumberPlaceholders(sql)).first;
    std::vector<std::string> text(params.size());
    std::vector<const char*> values(params.size());
    for (size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      if (const auto* n = std::get_if<int64_t>(&v)) {
        text[i] = std::to_string(*n);
        values[i] = text[i].c_str();
      } else if (const auto* d = std::get_if<double>(&v)) {
        // Shortest text that reads back as the same double (std::to_string keeps 6 decimals).
        char buf[64];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *d);
        text[i] = ec == std::errc() ? std::string(buf, end) : std::to_string(*d);
        values[i] = text[i].c_str();
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        values[i] = s->c_str();
      } else {
        values[i] = nullptr;
      }
    }
    return PQexecParams(conn_, it->second.c_str(), static_cast<int>(params.size()), nullptr,
                        values.data(), nullptr, nullptr, 0);
  }

  Status Check(PGresult* res) {
    ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY)
      return Status::Ok();
    std::string reason = res ? PQresultErrorMessage(res) : PQerrorMessage(conn_);
    while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) reason.pop_back();
    const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    std::string code = state ? state : "";
    if (code.rfind("23", 0) == 0)
      return Status::Conflict({"store.constraint", {{"reason", reason}}});
    if (code == "40001" || code == "40P01" || code == "55P03")
      return Status::Unavailable({"store.busy"});
    if (PQstatus(conn_) == CONNECTION_BAD)
      return Status::Unavailable({"store.query_failed", {{"reason", reason}}});
    return Status::Internal({"store.query_failed", {{"reason", reason}}});
  }

  PGconn* conn_;
  bool in_tx_ = false;
  std::unordered_map<std::string, std::string> sql_cache_;
};

void IgnoreNotice(void*, const char*) {}

}  // namespace

Result<std::unique_ptr<Db>> OpenPostgres(const std::string& conninfo) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (!conn || PQstatus(conn) != CONNECTION_OK) {
    std::string reason = conn ? PQerrorMessage(conn) : "out of memory";
    while (!reason.empty() && reason.back() == '\n') reason.pop_back();
    PQfinish(conn);
    return Status::Unavailable({"store.open_failed", {{"url", conninfo}, {"reason", reason}}});
  }
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  auto db = std::make_unique<PgDb>(conn);
  KETNOI_RETURN_IF_ERROR(db->ExecScript(
      "SET client_encoding = 'UTF8'; SET client_min_messages = warning; SET TIME ZONE 'UTC'"));
  return std::unique_ptr<Db>(std::move(db));
}

}  // namespace ketnoi::store
