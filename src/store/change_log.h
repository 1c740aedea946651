#pragma once
// The change log: one row per change to a registry entity, with a sequence number, written in
// the same transaction as the change. Followers (the search index) apply changes in sequence
// order and remember the last one applied, so nothing is lost or applied twice after a crash.
#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"
#include "store/db.h"

namespace ketnoi::store {

struct Change {
  int64_t seq = 0;
  std::string entity;  // "task", "organisation", "person", "program"
  int64_t entity_id = 0;
  // "insert" (a new record: whatever refers to it is written later, with changes of its own),
  // "update" or "delete".
  std::string op;
  std::string changed_at;
};

// Must be called inside a transaction. On PostgreSQL it takes a transaction-scoped advisory
// lock so sequence numbers become visible in commit order (a follower never skips a gap that
// fills later).
Status AppendChange(Db& db, std::string_view entity, int64_t entity_id, std::string_view op,
                    const Clock& clock);
Result<std::vector<Change>> ChangesAfter(Db& db, int64_t after_seq, int limit);
Result<int64_t> LastSeq(Db& db);

}  // namespace ketnoi::store
