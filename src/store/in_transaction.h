#pragma once
// Runs a write in the caller's transaction when one is open, else in a transaction of its own
// (committed only when the write succeeded). Used by every repository that writes.
#include "store/db.h"

namespace ketnoi::store {

template <typename F>
auto InTransaction(Db& db, F&& f) -> decltype(f()) {
  if (db.InTransaction()) return f();
  Transaction tx(db);
  KETNOI_RETURN_IF_ERROR(tx.Begin());
  auto result = f();
  if (!result.ok()) return result;
  KETNOI_RETURN_IF_ERROR(tx.Commit());
  return result;
}

}  // namespace ketnoi::store
