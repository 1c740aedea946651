-- Cross-source de-duplication (registry/merge.h). A merge keeps both records and their
-- provenance untouched: the merged task only points at the one kept (tasks.merged_into), which
-- takes it out of the public pages, search and OAI-PMH and makes its page redirect. Undoing a
-- merge clears the pointer and fills undone_*; rows are never deleted, so the history of every
-- decision stays readable. Times are ISO-8601 UTC text.
ALTER TABLE tasks ADD COLUMN merged_into BIGINT;

CREATE TABLE merges (
  id {{ID}},
  entity TEXT NOT NULL,          -- task (organisation, person later)
  kept_id BIGINT NOT NULL,
  merged_id BIGINT NOT NULL,
  reason TEXT NOT NULL,
  score DOUBLE PRECISION NOT NULL,  -- the candidate score when merged (0 when merged by hand)
  merged_by TEXT NOT NULL,       -- e-mail of the staff member
  merged_at TEXT NOT NULL,
  undone_by TEXT,
  undone_at TEXT,
  undo_reason TEXT
);
CREATE INDEX merges_merged ON merges (entity, merged_id);
CREATE INDEX merges_kept ON merges (entity, kept_id);
