#include "audit/audit.h"

#include <algorithm>

#include "core/crypto.h"
#include "text/text.h"

namespace ketnoi::audit {

using store::Rows;

namespace {

// The advisory lock that serialises appenders on PostgreSQL (the migration runner takes
// 7356001, the change log 7356002).
constexpr std::string_view kLockSql = "SELECT pg_advisory_xact_lock(7356003)";

constexpr int kVerifyPage = 1000;
constexpr int kMaxListLimit = 1000;

constexpr std::string_view kColumns =
    "seq, at, actor_id, actor, action, subject, detail, rule_set, is_public, address, prev_hash, "
    "hash";

void AppendField(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += '\n';
}

std::vector<std::pair<std::string, std::string>> SortedDetail(
    std::vector<std::pair<std::string, std::string>> detail) {
  // Stable: pairs with equal keys keep the order they were given in (and are stored in).
  std::stable_sort(detail.begin(), detail.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  return detail;
}

// The detail column: one "key=value\n" line per pair, in canonical (sorted) order. In keys and
// values '\\', '\n', '\r', '=' and NUL are written as "\\\\", "\\n", "\\r", "\\=" and "\\0", so
// a raw '\n' only ends a line and the first raw '=' of a line only separates key from value.
void AppendEscaped(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '=':
        out += "\\=";
        break;
      case '\0':
        out += "\\0";
        break;
      default:
        out += c;
    }
  }
}

std::string EncodeDetail(const std::vector<std::pair<std::string, std::string>>& detail) {
  std::string out;
  for (const auto& [k, v] : detail) {
    AppendEscaped(out, k);
    out += '=';
    AppendEscaped(out, v);
    out += '\n';
  }
  return out;
}

// The inverse of EncodeDetail. Never fails: text that EncodeDetail cannot have written (an
// unknown escape, a line without '=', a missing final newline) still decodes to something, and
// Verify() notices because re-encoding does not give the stored text back.
std::vector<std::pair<std::string, std::string>> DecodeDetail(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t i = 0;
  while (i < text.size()) {
    std::string key, value;
    std::string* cur = &key;
    bool in_value = false;
    for (; i < text.size() && text[i] != '\n'; ++i) {
      char c = text[i];
      if (c == '\\' && i + 1 < text.size()) {
        char e = text[++i];
        switch (e) {
          case 'n':
            *cur += '\n';
            break;
          case 'r':
            *cur += '\r';
            break;
          case '0':
            *cur += '\0';
            break;
          default:
            *cur += e;  // '\\', '=' and anything else stand for themselves
        }
      } else if (c == '=' && !in_value) {
        in_value = true;
        cur = &value;
      } else {
        *cur += c;
      }
    }
    if (i < text.size()) ++i;  // the '\n'
    out.emplace_back(std::move(key), std::move(value));
  }
  return out;
}

Entry EntryFromRow(const Rows& r, size_t i) {
  Entry e;
  size_t c = 0;
  e.seq = r.Int(i, c++);
  e.at = r.Text(i, c++);
  e.actor_id = r.Int(i, c++);
  e.actor = r.Text(i, c++);
  e.action = r.Text(i, c++);
  e.subject = r.Text(i, c++);
  e.detail = DecodeDetail(r.Text(i, c++));
  e.rule_set = r.Text(i, c++);
  e.is_public = r.Int(i, c++) != 0;
  e.address = r.Text(i, c++);
  e.prev_hash = r.Text(i, c++);
  e.hash = r.Text(i, c++);
  return e;
}

std::vector<Entry> EntriesFromRows(const Rows& rows) {
  std::vector<Entry> out;
  out.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(EntryFromRow(rows, i));
  return out;
}

// Text columns are stored byte for byte (no NFC: the audit records what was seen), so they must
// be valid UTF-8 (PostgreSQL refuses anything else) without NUL (libpq would cut the text there
// and the stored row would differ from the hashed one). Detail escapes NUL itself.
Status CheckText(std::string_view field, std::string_view value) {
  if (value.find('\0') != std::string_view::npos || !text::IsValidUtf8(value))
    return Status::Invalid({"audit.bad_text", {{"field", std::string(field)}}});
  return Status::Ok();
}

Status CheckNewEntry(const NewEntry& e) {
  if (e.action.empty()) return Status::Invalid({"audit.required", {{"field", "action"}}});
  KETNOI_RETURN_IF_ERROR(CheckText("actor", e.actor));
  KETNOI_RETURN_IF_ERROR(CheckText("action", e.action));
  KETNOI_RETURN_IF_ERROR(CheckText("subject", e.subject));
  KETNOI_RETURN_IF_ERROR(CheckText("rule_set", e.rule_set));
  KETNOI_RETURN_IF_ERROR(CheckText("address", e.address));
  for (const auto& [k, v] : e.detail) {
    if (!text::IsValidUtf8(k) || !text::IsValidUtf8(v))
      return Status::Invalid({"audit.bad_text", {{"field", "detail"}}});
  }
  return Status::Ok();
}

int64_t ClampLimit(int limit) {
  if (limit < 0) return 0;
  return limit > kMaxListLimit ? kMaxListLimit : limit;
}

}  // namespace

std::string Canonical(const Entry& e) {
  std::string out;
  AppendField(out, std::to_string(e.seq));
  AppendField(out, e.at);
  AppendField(out, std::to_string(e.actor_id));
  AppendField(out, e.actor);
  AppendField(out, e.action);
  AppendField(out, e.subject);
  std::vector<std::pair<std::string, std::string>> detail = SortedDetail(e.detail);
  AppendField(out, std::to_string(detail.size()));
  for (const auto& [k, v] : detail) {
    AppendField(out, k);
    AppendField(out, v);
  }
  AppendField(out, e.rule_set);
  AppendField(out, e.is_public ? "1" : "0");
  AppendField(out, e.address);
  return out;
}

std::string ChainHash(const std::string& prev_hash, const Entry& e) {
  return crypto::Blake2bHex(prev_hash + "\n" + Canonical(e));
}

Result<Entry> AuditLog::Append(const NewEntry& ne) {
  KETNOI_RETURN_IF_ERROR(CheckNewEntry(ne));
  Entry e;
  e.at = clock_.NowText();
  e.actor_id = ne.actor_id;
  e.actor = ne.actor;
  e.action = ne.action;
  e.subject = ne.subject;
  e.detail = SortedDetail(ne.detail);
  e.rule_set = ne.rule_set;
  e.is_public = ne.is_public;
  e.address = ne.address;

  // seq = last + 1, read and written in one transaction that holds the write lock (SQLite's
  // BEGIN IMMEDIATE; on PostgreSQL the advisory lock, held to commit or rollback), so two
  // appenders never read the same last entry and a rolled-back append leaves no gap.
  auto append = [&]() -> Status {
    if (db_.dialect() == store::Dialect::kPostgres) KETNOI_RETURN_IF_ERROR(db_.Exec(kLockSql));
    KETNOI_ASSIGN_OR_RETURN(Rows last,
                            db_.Query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
    e.seq = last.empty() ? 1 : last.Int(0, 0) + 1;
    e.prev_hash = last.empty() ? "" : last.Text(0, 1);
    e.hash = ChainHash(e.prev_hash, e);
    return db_.Exec(
        "INSERT INTO audit_log (seq, at, actor_id, actor, action, subject, detail, rule_set, "
        "is_public, address, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {e.seq, e.at, e.actor_id, e.actor, e.action, e.subject, EncodeDetail(e.detail), e.rule_set,
         int64_t{e.is_public ? 1 : 0}, e.address, e.prev_hash, e.hash});
  };

  if (db_.InTransaction()) {
    KETNOI_RETURN_IF_ERROR(append());
  } else {
    store::Transaction tx(db_);
    KETNOI_RETURN_IF_ERROR(tx.Begin());
    KETNOI_RETURN_IF_ERROR(append());
    KETNOI_RETURN_IF_ERROR(tx.Commit());
  }
  return e;
}

Result<std::vector<Entry>> AuditLog::List(bool public_only, int64_t before_seq, int limit) {
  std::string sql = "SELECT " + std::string(kColumns) + " FROM audit_log WHERE 1 = 1";
  store::Params params;
  if (public_only) sql += " AND is_public = 1";
  if (before_seq > 0) {
    sql += " AND seq < ?";
    params.emplace_back(before_seq);
  }
  sql += " ORDER BY seq DESC LIMIT ?";
  params.emplace_back(ClampLimit(limit));
  KETNOI_ASSIGN_OR_RETURN(Rows rows, db_.Query(sql, params));
  return EntriesFromRows(rows);
}

Result<std::vector<Entry>> AuditLog::ForSubject(const std::string& subject, int limit) {
  KETNOI_ASSIGN_OR_RETURN(Rows rows,
                          db_.Query("SELECT " + std::string(kColumns) +
                                        " FROM audit_log WHERE subject = ? ORDER BY seq DESC "
                                        "LIMIT ?",
                                    {subject, ClampLimit(limit)}));
  return EntriesFromRows(rows);
}

Result<VerifyReport> AuditLog::Verify() {
  VerifyReport report;
  int64_t prev_seq = 0;
  std::string prev_hash;
  const std::string sql =
      "SELECT " + std::string(kColumns) + " FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?";
  for (;;) {
    KETNOI_ASSIGN_OR_RETURN(Rows rows, db_.Query(sql, {prev_seq, int64_t{kVerifyPage}}));
    for (size_t i = 0; i < rows.size(); ++i) {
      Entry e = EntryFromRow(rows, i);
      ++report.checked;
      auto bad = [&](const char* reason) {
        report.first_bad = e.seq;
        report.reason = reason;
        return report;
      };
      if (e.seq != prev_seq + 1) return bad("gap");
      if (e.prev_hash != prev_hash) return bad("prev_hash");
      // The stored columns must be exactly what the hash was computed over: a detail text that
      // decodes to the same pairs but is spelled differently, or an is_public other than 0/1,
      // was not written by Append().
      bool stored_as_written = rows.Text(i, 6) == EncodeDetail(e.detail) &&
                               rows.Int(i, 8) == (e.is_public ? 1 : 0) &&
                               e.detail == SortedDetail(e.detail);
      if (!stored_as_written || e.hash != ChainHash(e.prev_hash, e)) return bad("hash");
      prev_seq = e.seq;
      prev_hash = e.hash;
    }
    if (rows.size() < static_cast<size_t>(kVerifyPage)) break;
  }
  return report;
}

}  // namespace ketnoi::audit
