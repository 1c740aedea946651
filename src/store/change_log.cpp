#include "store/change_log.h"

namespace ketnoi::store {

Status AppendChange(Db& db, std::string_view entity, int64_t entity_id, std::string_view op,
                    const Clock& clock) {
  if (db.dialect() == Dialect::kPostgres)
    KETNOI_RETURN_IF_ERROR(db.Exec("SELECT pg_advisory_xact_lock(7356002)"));
  return db.Exec("INSERT INTO change_log (entity, entity_id, op, changed_at) VALUES (?, ?, ?, ?)",
                 {std::string(entity), entity_id, std::string(op), clock.NowText()});
}

Result<std::vector<Change>> ChangesAfter(Db& db, int64_t after_seq, int limit) {
  KETNOI_ASSIGN_OR_RETURN(
      Rows rows, db.Query("SELECT seq, entity, entity_id, op, changed_at FROM change_log WHERE seq "
                          "> ? ORDER BY seq LIMIT ?",
                          {after_seq, static_cast<int64_t>(limit)}));
  std::vector<Change> out;
  out.reserve(rows.size());
  for (size_t r = 0; r < rows.size(); ++r)
    out.push_back(
        {rows.Int(r, 0), rows.Text(r, 1), rows.Int(r, 2), rows.Text(r, 3), rows.Text(r, 4)});
  return out;
}

Result<int64_t> LastSeq(Db& db) {
  KETNOI_ASSIGN_OR_RETURN(Rows rows, db.Query("SELECT COALESCE(MAX(seq), 0) FROM change_log"));
  return rows.Int(0, 0);
}

}  // namespace ketnoi::store
