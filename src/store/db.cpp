#include "store/db.h"

#include <charconv>

#include "store/migrations.h"

namespace ketnoi::store {

bool Rows::IsNull(size_t row, size_t col) const {
  return std::holds_alternative<std::monostate>(At(row, col));
}

int64_t Rows::Int(size_t row, size_t col) const { return OptInt(row, col).value_or(0); }

std::optional<int64_t> Rows::OptInt(size_t row, size_t col) const {
  const Value& v = At(row, col);
  if (const auto* i = std::get_if<int64_t>(&v)) return *i;
  if (const auto* d = std::get_if<double>(&v)) return static_cast<int64_t>(*d);
  if (const auto* s = std::get_if<std::string>(&v)) {
    int64_t out = 0;
    auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), out);
    if (ec == std::errc() && p == s->data() + s->size()) return out;
  }
  return std::nullopt;
}

double Rows::Real(size_t row, size_t col) const {
  const Value& v = At(row, col);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* i = std::get_if<int64_t>(&v)) return static_cast<double>(*i);
  if (const auto* s = std::get_if<std::string>(&v)) {
    try {
      return std::stod(*s);
    } catch (const std::exception&) {
    }
  }
  return 0;
}

std::string Rows::Text(size_t row, size_t col) const {
  const Value& v = At(row, col);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) return std::to_string(*d);
  return "";
}

Result<int64_t> Db::InsertReturningId(std::string_view sql, const Params& params) {
  KETNOI_ASSIGN_OR_RETURN(Rows rows, Query(sql, params));
  if (rows.empty()) return Status::Internal({"store.query_failed", {{"reason", "no id returned"}}});
  return rows.Int(0, 0);
}

Result<std::unique_ptr<Db>> Db::OpenRaw(const std::string& url) {
  if (url.rfind("sqlite:", 0) == 0) return OpenSqlite(url.substr(7));
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0 ||
      url.rfind("host=", 0) == 0 || url.rfind("dbname=", 0) == 0)
    return OpenPostgres(url);
  return Status::Invalid({"store.bad_url", {{"url", url}}});
}

Result<std::unique_ptr<Db>> Db::Open(const std::string& url) {
  KETNOI_ASSIGN_OR_RETURN(std::unique_ptr<Db> db, OpenRaw(url));
  KETNOI_RETURN_IF_ERROR(ApplyMigrations(*db));
  return db;
}

Transaction::~Transaction() {
  if (active_) (void)db_.Rollback();
}

Status Transaction::Begin() {
  KETNOI_RETURN_IF_ERROR(db_.Begin());
  active_ = true;
  return Status::Ok();
}

Status Transaction::Commit() {
  Status s = db_.Commit();
  if (s.ok()) active_ = false;
  return s;
}

}  // namespace ketnoi::store
