-- The audit chain (audit/audit.h) and the content-addressed file store (files/files.h).
-- Times are ISO-8601 UTC text.

-- One row per security event or decision. seq is assigned by the appender (last + 1, under the
-- write transaction / an advisory lock), so it has no gaps: a missing seq means a deleted row.
CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  at TEXT NOT NULL,
  actor_id BIGINT NOT NULL,             -- 0: the system or an anonymous visitor
  actor TEXT NOT NULL,
  action TEXT NOT NULL,                 -- "auth.login", "record.edit", "role.grant", …
  subject TEXT NOT NULL,                -- "user:12", "task:345", "file:7"
  detail TEXT NOT NULL,                 -- "key=value" lines, sorted by key; \\, \n, \r, = and NUL escaped
  rule_set TEXT NOT NULL,               -- '' for security events
  is_public BIGINT NOT NULL CHECK (is_public IN (0, 1)),
  address TEXT NOT NULL,
  prev_hash TEXT NOT NULL,              -- '' for the first entry
  hash TEXT NOT NULL                    -- BLAKE2b-256 hex of prev_hash, "\n" and the canonical form
);
CREATE INDEX audit_log_subject ON audit_log (subject, seq);
CREATE INDEX audit_log_public ON audit_log (is_public, seq);

-- One row per upload; the bytes live once under DATA/files/ab/cd/<sha256>.
CREATE TABLE files (
  id {{ID}},
  sha256 TEXT NOT NULL,                 -- lower-case hex of the content
  name TEXT NOT NULL,                   -- sanitised, NFC, extension from the sniffed type
  mime TEXT NOT NULL,                   -- sniffed from the content
  size BIGINT NOT NULL,
  owner_user_id BIGINT NOT NULL,
  visibility TEXT NOT NULL CHECK (visibility IN ('private', 'public')),
  created_at TEXT NOT NULL
);
CREATE INDEX files_owner ON files (owner_user_id, id);
CREATE INDEX files_sha256 ON files (sha256);
