-- The harvester (exchange/harvest.h): what was last harvested from each source, and the harvest
-- in progress, so a later run is incremental and a failed one continues where it stopped. Times
-- are the provider's datestamps (ISO-8601 UTC text).
CREATE TABLE harvest_state (
  source TEXT PRIMARY KEY,              -- the `source` of the records harvested from it
  url TEXT NOT NULL,                    -- the base URL
  metadata_prefix TEXT NOT NULL,
  set_spec TEXT NOT NULL,               -- '' for the whole repository
  harvested_until TEXT NOT NULL,        -- `from` of the next incremental harvest; '' before the first
  run_from TEXT NOT NULL,               -- the harvest in progress: its `from` ('' for everything),
  run_started TEXT NOT NULL,            -- the provider's responseDate of its first page,
  resumption_token TEXT NOT NULL,       -- the token of its next page ('' when none is in progress)
  run_pages BIGINT NOT NULL DEFAULT 0,  -- and its counts so far
  run_added BIGINT NOT NULL DEFAULT 0,
  run_changed BIGINT NOT NULL DEFAULT 0,
  run_unchanged BIGINT NOT NULL DEFAULT 0,
  run_rejected BIGINT NOT NULL DEFAULT 0,
  run_deleted BIGINT NOT NULL DEFAULT 0,
  last_status TEXT NOT NULL,            -- 'running', 'complete' or 'failed: <reason>'
  updated_at TEXT NOT NULL
);
