-- The change log followed by the search index (store/change_log.h).
CREATE TABLE change_log (
  seq {{ID}},
  entity TEXT NOT NULL,
  entity_id BIGINT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  changed_at TEXT NOT NULL
);
