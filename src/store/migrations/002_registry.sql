-- The registry: S&T field classification, organisations, people, programs and tasks
-- (DOMAIN.md §2). Money columns are integer đồng; dates are ISO text; text is NFC.

CREATE TABLE fields (
  code TEXT PRIMARY KEY,            -- "3", "302", "30218" (QĐ 12/2008/QĐ-BKHCN)
  parent_code TEXT REFERENCES fields (code),
  depth BIGINT NOT NULL,            -- 1 top field, 2 three-digit, 3 five-digit
  name_vi TEXT NOT NULL,
  name_en TEXT NOT NULL
);

CREATE TABLE organisations (
  id {{ID}},
  name TEXT NOT NULL,
  short_name TEXT,
  name_en TEXT,
  type TEXT NOT NULL,               -- university, institute, enterprise, state_agency, intermediary, hospital, other
  parent_id BIGINT REFERENCES organisations (id),
  parent_body TEXT,                 -- the governing body by name when it is not itself a record
  ror_id TEXT,
  tax_code TEXT,
  district TEXT,
  address TEXT,
  website TEXT,
  source TEXT NOT NULL,
  external_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (source, external_id)
);

CREATE TABLE people (
  id {{ID}},
  full_name TEXT NOT NULL,
  academic_title TEXT,              -- GS., PGS.
  degree TEXT,                      -- TS., ThS., CN., KS., BS.
  affiliation_id BIGINT REFERENCES organisations (id),
  orcid TEXT,
  email TEXT,
  source TEXT NOT NULL,
  external_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (source, external_id)
);
CREATE INDEX people_affiliation ON people (affiliation_id);

CREATE TABLE person_fields (
  person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  field_code TEXT NOT NULL REFERENCES fields (code),
  PRIMARY KEY (person_id, field_code)
);

CREATE TABLE programs (
  id {{ID}},
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  period_start BIGINT NOT NULL,     -- first year
  period_end BIGINT NOT NULL,       -- last year
  budget BIGINT NOT NULL DEFAULT 0, -- đồng
  is_sample BIGINT NOT NULL DEFAULT 0, -- 1 when the name is invented demo data
  description TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE program_board (
  program_id BIGINT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES people (id),
  role TEXT NOT NULL,               -- chair, vice_chair, secretary, member
  PRIMARY KEY (program_id, person_id)
);

CREATE TABLE tasks (
  id {{ID}},
  code TEXT,
  title TEXT NOT NULL,
  kind TEXT NOT NULL,               -- de_tai, du_an_sxtn, de_an, du_an_khcn, chuong_trinh
  level TEXT NOT NULL,              -- quoc_gia, bo, tinh, co_so
  field_code TEXT REFERENCES fields (code),
  program_id BIGINT REFERENCES programs (id),
  host_id BIGINT REFERENCES organisations (id),
  pi_id BIGINT REFERENCES people (id),
  start_date TEXT,
  end_date TEXT,
  budget_state BIGINT NOT NULL DEFAULT 0,
  budget_other BIGINT NOT NULL DEFAULT 0,
  objectives TEXT,
  content TEXT,
  abstract TEXT,
  keywords TEXT,                    -- separated by "; "
  status TEXT NOT NULL,             -- proposed, approved, in_progress, accepted, registered, terminated
  result_summary TEXT,
  archive_no TEXT,
  applied_at TEXT,
  confidentiality TEXT NOT NULL DEFAULT 'public', -- public, restricted, secret
  source TEXT NOT NULL,
  external_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (source, external_id)
);
CREATE INDEX tasks_host ON tasks (host_id);
CREATE INDEX tasks_pi ON tasks (pi_id);
CREATE INDEX tasks_program ON tasks (program_id);
CREATE INDEX tasks_code ON tasks (code);

CREATE TABLE task_members (
  task_id BIGINT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  ord BIGINT NOT NULL,
  person_id BIGINT NOT NULL REFERENCES people (id),
  role TEXT NOT NULL,               -- pi, secretary, key_member, member
  PRIMARY KEY (task_id, ord)
);
CREATE INDEX task_members_person ON task_members (person_id);

CREATE TABLE task_products (
  task_id BIGINT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  ord BIGINT NOT NULL,
  name TEXT NOT NULL,
  quantity BIGINT,
  unit TEXT,
  quality_target TEXT,
  PRIMARY KEY (task_id, ord)
);
