-- Where each imported record came from (exchange/import.h): the latest import that added or
-- changed it.
CREATE TABLE provenance (
  entity TEXT NOT NULL,        -- task, organisation, person
  entity_id BIGINT NOT NULL,
  source TEXT NOT NULL,
  file_name TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,
  row_no BIGINT NOT NULL,
  imported_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  PRIMARY KEY (entity, entity_id)
);
