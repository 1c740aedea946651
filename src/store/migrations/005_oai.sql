-- The OAI-PMH provider (exchange/oai.h). Times are ISO-8601 UTC text.

-- The key that signs resumption tokens: one row, a random token written on first use, so tokens
-- stay valid across restarts and every worker and process signs alike.
CREATE TABLE oai_secret (
  id BIGINT PRIMARY KEY CHECK (id = 1),
  secret TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- Every task the provider has shown as a public record (persistent deleted records): once such a
-- task is no longer public (restricted, secret or deleted) it is listed as a deleted header,
-- dated by its first change after seen_seq, in the sets it was shown in. A task never shown is
-- never mentioned. No foreign key: the row outlives a deleted task.
CREATE TABLE oai_published (
  task_id BIGINT PRIMARY KEY,
  program_code TEXT NOT NULL,           -- '' when none
  field_top TEXT NOT NULL,              -- '1' to '6', '' when none
  source TEXT NOT NULL,
  seen_seq BIGINT NOT NULL,             -- change_log seq of the version last shown
  seen_at TEXT NOT NULL
);

-- A task's changes by sequence (the provider dates deleted records from them).
CREATE INDEX change_log_entity ON change_log (entity, entity_id, seq);
