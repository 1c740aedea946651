-- Accounts, roles, sessions, login throttling, e-mail tokens, the mail outbox, server secrets
-- and record versions (auth/accounts.h, registry edit history). Times are ISO-8601 UTC text.

CREATE TABLE users (
  id {{ID}},
  email TEXT NOT NULL UNIQUE,           -- lower-cased
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,          -- argon2id string ("" until set)
  status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'disabled')),
  person_id BIGINT REFERENCES people (id),
  organisation_id BIGINT REFERENCES organisations (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE user_roles (
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  scope TEXT NOT NULL DEFAULT '',       -- '' or 'organisation:12', 'council:3', 'program:7', 'listing:9'
  granted_by BIGINT NOT NULL,
  granted_at TEXT NOT NULL,
  PRIMARY KEY (user_id, role, scope)
);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,             -- BLAKE2b of the cookie token; the token itself is never stored
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT,
  address TEXT,
  user_agent TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_failures (
  id {{ID}},
  key TEXT NOT NULL,                    -- 'account:<email>' or 'address:<ip>'
  at TEXT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (key, at);

CREATE TABLE user_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CHECK (purpose IN ('verify', 'reset')),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);

CREATE TABLE outbox (
  id {{ID}},
  to_addr TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  attempts BIGINT NOT NULL DEFAULT 0,
  last_error TEXT
);

CREATE TABLE record_versions (
  id {{ID}},
  entity TEXT NOT NULL,                 -- organisation, person, program, task
  entity_id BIGINT NOT NULL,
  version BIGINT NOT NULL,
  at TEXT NOT NULL,
  actor_id BIGINT NOT NULL,
  actor TEXT NOT NULL,
  data TEXT NOT NULL,                   -- "field\tvalue" lines, the fields a person edits
  UNIQUE (entity, entity_id, version)
);
