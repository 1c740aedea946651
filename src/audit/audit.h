// audit — the append-only audit chain of security events and decisions. Each entry is hashed
// (BLAKE2b-256, hex) over the previous entry's hash and a canonical text form of the entry, so
// editing, deleting or reordering any row breaks the chain from that row on; Verify() recomputes
// the chain and names the first entry that does not match. Decisions carry the rule-set version
// they were taken under. Public entries are listed on the public /audit page with their hashes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "store/db.h"

namespace ketnoi::audit {

struct NewEntry {
  int64_t actor_id = 0;  // the user (0: the system or an anonymous visitor)
  std::string actor;     // display name or e-mail at the time ("system", "anonymous")
  std::string action;    // "auth.login", "auth.login_failed", "record.edit", "role.grant", …
  std::string subject;   // what it is about: "user:12", "task:345", "file:7"
  // Facts of the event, as key → value; written in canonical order (sorted by key).
  std::vector<std::pair<std::string, std::string>> detail;
  std::string rule_set;    // rule-set version of a decision ("" for security events)
  bool is_public = false;  // listed on the public page
  std::string address;     // client address when known
};

struct Entry {
  int64_t seq = 0;
  std::string at;  // ISO-8601 UTC, from the injected clock
  int64_t actor_id = 0;
  std::string actor, action, subject;
  std::vector<std::pair<std::string, std::string>> detail;  // sorted by key
  std::string rule_set;
  bool is_public = false;
  std::string address;
  std::string prev_hash;  // "" for the first entry
  std::string hash;
};

// The canonical text hashed for an entry (every field, length-prefixed, detail sorted).
std::string Canonical(const Entry& e);
// BLAKE2b-256 hex of prev_hash + canonical.
std::string ChainHash(const std::string& prev_hash, const Entry& e);

struct VerifyReport {
  int64_t checked = 0;               // entries read
  std::optional<int64_t> first_bad;  // seq of the first entry that does not match
  std::string reason;                // "hash", "prev_hash", "gap" (a missing seq)
};

class AuditLog {
 public:
  AuditLog(store::Db& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Appends one entry. Joins the caller's transaction when one is open (so a decision and its
  // audit entry commit together); otherwise runs in its own. Concurrent appenders serialise
  // (SQLite: the write transaction; PostgreSQL: a transaction-scoped advisory lock).
  Result<Entry> Append(const NewEntry& e);

  // Newest first. public_only: only is_public entries. before_seq 0: from the newest.
  Result<std::vector<Entry>> List(bool public_only, int64_t before_seq, int limit);
  Result<std::vector<Entry>> ForSubject(const std::string& subject, int limit);

  // Recomputes the whole chain in seq order, reading in pages.
  Result<VerifyReport> Verify();

 private:
  store::Db& db_;
  const Clock& clock_;
};

}  // namespace ketnoi::audit
