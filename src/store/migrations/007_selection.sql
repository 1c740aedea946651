-- Ordering and competitive selection (selection/workflow.h). Times are ISO-8601 UTC text, dates
-- YYYY-MM-DD, money integer đồng. Raw scores and votes are insert-only; every decision row names
-- the rule-set version it was taken under (rule_sets.code@vN).

CREATE TABLE rule_sets (
  id {{ID}},
  code TEXT NOT NULL,
  version INTEGER NOT NULL,
  body TEXT NOT NULL,                   -- canonical JSON (selection::ToJson)
  created_at TEXT NOT NULL,
  created_by BIGINT NOT NULL,           -- user id, 0 = shipped with Ketnoi
  frozen_at TEXT,                       -- set when a round or call first uses it; never edited after
  UNIQUE (code, version)
);

-- Declared family relations between people, used by the conflict check (both directions count).
CREATE TABLE person_relations (
  person_id BIGINT NOT NULL REFERENCES people (id),
  relative_id BIGINT NOT NULL REFERENCES people (id),
  kind TEXT NOT NULL,                   -- spouse, parent, child, sibling
  declared_by BIGINT NOT NULL,
  declared_at TEXT NOT NULL,
  PRIMARY KEY (person_id, relative_id)
);

-- An ordering round (đợt đề xuất đặt hàng) of one program.
CREATE TABLE rounds (
  id {{ID}},
  program_id BIGINT NOT NULL REFERENCES programs (id),
  title TEXT NOT NULL,
  year INTEGER NOT NULL,
  rule_set_id BIGINT NOT NULL REFERENCES rule_sets (id),
  closes_at TEXT NOT NULL,              -- proposals accepted until this instant
  state TEXT NOT NULL,                  -- open, published
  published_at TEXT,
  created_by BIGINT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE proposals (
  id {{ID}},
  round_id BIGINT NOT NULL REFERENCES rounds (id),
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  field_code TEXT NOT NULL DEFAULT '',
  urgency TEXT NOT NULL DEFAULT '',
  objectives TEXT NOT NULL DEFAULT '',
  content TEXT NOT NULL DEFAULT '',
  products TEXT NOT NULL DEFAULT '',
  budget_dong BIGINT NOT NULL DEFAULT 0,
  proposer_user BIGINT NOT NULL REFERENCES users (id),
  proposer_person BIGINT REFERENCES people (id),
  proposer_org BIGINT REFERENCES organisations (id),
  stage TEXT NOT NULL,                  -- see workflow.h ProposalStages()
  dupcheck TEXT NOT NULL DEFAULT '',    -- the stored check: JSON lines of matches
  dupcheck_rules TEXT NOT NULL DEFAULT '',
  dupcheck_top_band TEXT NOT NULL DEFAULT '',
  applicant_answer TEXT NOT NULL DEFAULT '',
  method TEXT NOT NULL DEFAULT '',      -- selection, direct (settled by the identification council)
  assigned_org BIGINT REFERENCES organisations (id),  -- direct assignment
  final_title TEXT NOT NULL DEFAULT '',
  final_objectives TEXT NOT NULL DEFAULT '',
  final_products TEXT NOT NULL DEFAULT '',
  decision_reason TEXT NOT NULL DEFAULT '',
  task_id BIGINT REFERENCES tasks (id),  -- the registry task once on the approved list
  submitted_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX proposals_round ON proposals (round_id);

-- Board comments, applicant answers, council remarks on a proposal.
CREATE TABLE proposal_comments (
  id {{ID}},
  proposal_id BIGINT NOT NULL REFERENCES proposals (id),
  user_id BIGINT NOT NULL,
  author TEXT NOT NULL,
  kind TEXT NOT NULL,                   -- board, applicant, staff
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- Every stage change of a proposal / dossier / task, with who, when and on what basis.
CREATE TABLE transitions (
  id {{ID}},
  subject TEXT NOT NULL,                -- proposal:12, dossier:3, task:45
  from_stage TEXT NOT NULL,
  to_stage TEXT NOT NULL,
  actor_id BIGINT NOT NULL,
  actor TEXT NOT NULL,
  basis TEXT NOT NULL,
  rule_set TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX transitions_subject ON transitions (subject, id);

-- Calls: competitive selection, direct assignment, grant (Law 93/2025).
CREATE TABLE calls (
  id {{ID}},
  kind TEXT NOT NULL,                   -- selection, direct, grant
  title TEXT NOT NULL,
  program_id BIGINT REFERENCES programs (id),
  rule_set_id BIGINT NOT NULL REFERENCES rule_sets (id),
  deadline TEXT NOT NULL,               -- dossiers accepted until this instant
  budget_line_dong BIGINT NOT NULL DEFAULT 0,
  state TEXT NOT NULL,                  -- open, opened, decided
  opened_at TEXT,
  created_by BIGINT NOT NULL,
  created_at TEXT NOT NULL
);

-- The titles a call offers (from the approved list).
CREATE TABLE call_topics (
  id {{ID}},
  call_id BIGINT NOT NULL REFERENCES calls (id),
  proposal_id BIGINT REFERENCES proposals (id),
  task_id BIGINT REFERENCES tasks (id),
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  field_code TEXT NOT NULL DEFAULT '',
  assigned_org BIGINT REFERENCES organisations (id)  -- direct assignment: only this host applies
);

CREATE TABLE dossiers (
  id {{ID}},
  call_id BIGINT NOT NULL REFERENCES calls (id),
  topic_id BIGINT NOT NULL REFERENCES call_topics (id),
  applicant_user BIGINT NOT NULL REFERENCES users (id),
  applicant_person BIGINT REFERENCES people (id),
  host_id BIGINT NOT NULL REFERENCES organisations (id),
  title TEXT NOT NULL,
  requested_dong BIGINT NOT NULL,
  approved_dong BIGINT,
  stage TEXT NOT NULL,                  -- draft, submitted, valid, invalid, selected, reserve, not_passed, approved, contracted
  receipt TEXT,
  submitted_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX dossiers_call ON dossiers (call_id);

-- People and organisations named in a dossier (PI, secretary, key members; coordinators).
CREATE TABLE dossier_parties (
  dossier_id BIGINT NOT NULL REFERENCES dossiers (id),
  role TEXT NOT NULL,                   -- pi, secretary, key_member, coordinator
  person_id BIGINT REFERENCES people (id),
  organisation_id BIGINT REFERENCES organisations (id)
);
CREATE INDEX dossier_parties_dossier ON dossier_parties (dossier_id);

CREATE TABLE dossier_items (
  dossier_id BIGINT NOT NULL REFERENCES dossiers (id),
  item TEXT NOT NULL,                   -- application, description, org_profile, cv, commitment, legal
  file_id BIGINT NOT NULL REFERENCES files (id),
  valid INTEGER,                        -- set at the public opening: 1 valid, 0 not
  note TEXT NOT NULL DEFAULT '',
  added_at TEXT NOT NULL,
  PRIMARY KEY (dossier_id, item, file_id)
);

-- Councils: identification (of a round's proposals) or selection (of a call's dossiers).
CREATE TABLE councils (
  id {{ID}},
  kind TEXT NOT NULL,                   -- identification, selection
  round_id BIGINT REFERENCES rounds (id),
  call_id BIGINT REFERENCES calls (id),
  rule_set_id BIGINT NOT NULL REFERENCES rule_sets (id),
  title TEXT NOT NULL,
  state TEXT NOT NULL,                  -- forming, sitting, concluded
  concluded_at TEXT,
  created_by BIGINT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE council_members (
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  user_id BIGINT REFERENCES users (id),
  seat TEXT NOT NULL,                   -- chair, vice_chair, secretary, reviewer, member
  present INTEGER NOT NULL DEFAULT 1,
  appointed_by BIGINT NOT NULL,
  appointed_at TEXT NOT NULL,
  PRIMARY KEY (council_id, person_id)
);

-- Conflicts found by the system or declared by the member: the member sees nothing of the
-- subject (proposal:ID or dossier:ID) and cannot score it.
CREATE TABLE council_conflicts (
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  subject TEXT NOT NULL,
  reason TEXT NOT NULL,
  detail TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX council_conflicts_key ON council_conflicts (council_id, person_id);

-- Raw scores: one row per member, subject and criterion; never updated or deleted.
CREATE TABLE scores (
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  subject TEXT NOT NULL,
  criterion TEXT NOT NULL,
  points INTEGER NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  rule_set TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (council_id, person_id, subject, criterion)
);

-- Identification council votes on a proposal (approve / reject) and reviewers' written reviews.
CREATE TABLE votes (
  council_id BIGINT NOT NULL REFERENCES councils (id),
  person_id BIGINT NOT NULL REFERENCES people (id),
  subject TEXT NOT NULL,
  vote TEXT NOT NULL,                   -- approve, reject; for reviews: review
  body TEXT NOT NULL DEFAULT '',
  at TEXT NOT NULL,
  PRIMARY KEY (council_id, person_id, subject, vote)
);

-- What a council concluded about each subject, computed under the rule set and kept as made.
CREATE TABLE council_results (
  council_id BIGINT NOT NULL REFERENCES councils (id),
  subject TEXT NOT NULL,
  present INTEGER NOT NULL,
  first_average DOUBLE PRECISION NOT NULL,
  set_aside INTEGER NOT NULL,
  average DOUBLE PRECISION NOT NULL,
  passed INTEGER NOT NULL,
  fail_reason TEXT NOT NULL,
  rank INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  tie_break TEXT NOT NULL,
  detail TEXT NOT NULL,                 -- per-criterion zeros and averages, as text
  rule_set TEXT NOT NULL,
  decided_by BIGINT NOT NULL,
  decided_at TEXT NOT NULL,
  PRIMARY KEY (council_id, subject)
);

CREATE TABLE appraisals (
  id {{ID}},
  dossier_id BIGINT NOT NULL REFERENCES dossiers (id),
  requested_dong BIGINT NOT NULL,
  approved_dong BIGINT NOT NULL,
  reason TEXT NOT NULL,
  rule_set TEXT NOT NULL,
  by_user BIGINT NOT NULL,
  at TEXT NOT NULL
);

CREATE TABLE contracts (
  id {{ID}},
  dossier_id BIGINT NOT NULL UNIQUE REFERENCES dossiers (id),
  task_id BIGINT NOT NULL REFERENCES tasks (id),
  number TEXT NOT NULL UNIQUE,
  orderer TEXT NOT NULL,                -- bên đặt hàng
  host_id BIGINT NOT NULL REFERENCES organisations (id),
  pi_id BIGINT REFERENCES people (id),
  total_dong BIGINT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  rule_set TEXT NOT NULL,
  signed_by BIGINT NOT NULL,
  signed_at TEXT NOT NULL
);
CREATE TABLE contract_lines (
  contract_id BIGINT NOT NULL REFERENCES contracts (id),
  kind TEXT NOT NULL,                   -- budget (year, dong), milestone (due, text), product (text)
  year INTEGER,
  dong BIGINT,
  due TEXT,
  body TEXT NOT NULL DEFAULT ''
);
