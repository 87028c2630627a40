-- Rectify: the whole domain schema (see shared/domain/DOMAIN.md).
-- Plain SQL, applied in order under an advisory lock by packages/store/src/db/migrate.ts.

-- Facts about this installation (e.g. whether demo data was seeded).
CREATE TABLE app_meta (
  key    text PRIMARY KEY,
  value  jsonb NOT NULL,
  at     timestamptz NOT NULL DEFAULT now()
);

-- People -------------------------------------------------------------------
CREATE TABLE users (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username      text NOT NULL CHECK (username ~ '^[A-Za-z0-9_.@-]{1,64}$'),
  display_name  text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  password_hash text NOT NULL,
  is_admin      boolean NOT NULL DEFAULT false,
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));

CREATE TABLE sessions (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash    text NOT NULL UNIQUE,
  user_id       uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz,
  address       text,
  user_agent    text
);
CREATE INDEX sessions_user_idx ON sessions (user_id) WHERE revoked_at IS NULL;

CREATE TABLE login_attempts (
  id         bigserial PRIMARY KEY,
  username   text NOT NULL,
  address    text NOT NULL,
  success    boolean NOT NULL,
  at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_username_idx ON login_attempts (lower(username), at);
CREATE INDEX login_attempts_address_idx ON login_attempts (address, at);

-- Rounds and their framework ----------------------------------------------
CREATE TABLE rounds (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  theme             text NOT NULL DEFAULT '',
  state             text NOT NULL DEFAULT 'setup' CHECK (state IN ('setup', 'active', 'closed')),
  starts_on         date,
  ends_on           date,
  framework_version integer NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL DEFAULT now(),
  closed_at         timestamptz,
  CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
);

-- Every edit of a round's framework is a new version; old versions are kept so
-- annotations and findings show the wording that was in force when made.
CREATE TABLE frameworks (
  round_id    uuid NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  version     integer NOT NULL CHECK (version >= 1),
  body        jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid REFERENCES users(id),
  PRIMARY KEY (round_id, version)
);

CREATE TABLE inspection_groups (
  id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id  uuid NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  name      text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  ordinal   integer NOT NULL DEFAULT 0,
  UNIQUE (round_id, name),
  UNIQUE (round_id, id)
);

-- Units of the institution (教务处, 研究生院, …) outlive rounds.
CREATE TABLE units (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX units_name_key ON units (name);

-- Which group inspects which unit in a round.
CREATE TABLE unit_assignments (
  round_id  uuid NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  unit_id   uuid NOT NULL REFERENCES units(id),
  group_id  uuid NOT NULL,
  PRIMARY KEY (round_id, unit_id),
  FOREIGN KEY (round_id, group_id) REFERENCES inspection_groups(round_id, id) ON DELETE CASCADE
);
CREATE INDEX unit_assignments_group_idx ON unit_assignments (group_id);

CREATE TABLE memberships (
  id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id  uuid NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  user_id   uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role      text NOT NULL CHECK (role IN ('admin', 'leadership', 'leader', 'member', 'unit_contact')),
  group_id  uuid,
  unit_id   uuid REFERENCES units(id),
  FOREIGN KEY (round_id, group_id) REFERENCES inspection_groups(round_id, id) ON DELETE CASCADE,
  CHECK ((role IN ('leader', 'member')) = (group_id IS NOT NULL)),
  CHECK ((role = 'unit_contact') = (unit_id IS NOT NULL))
);
CREATE UNIQUE INDEX memberships_key
  ON memberships (round_id, user_id, role, coalesce(group_id, '00000000-0000-0000-0000-000000000000'::uuid),
                  coalesce(unit_id, '00000000-0000-0000-0000-000000000000'::uuid));
CREATE INDEX memberships_user_idx ON memberships (user_id);

-- A recused member does not see that unit's material.
CREATE TABLE recusals (
  round_id  uuid NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  user_id   uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  unit_id   uuid NOT NULL REFERENCES units(id),
  reason    text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (round_id, user_id, unit_id)
);

-- The rectification ledger --------------------------------------------------
CREATE TABLE problems (
  id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id  uuid NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  ordinal   integer NOT NULL,
  title     text NOT NULL CHECK (length(title) >= 1),
  UNIQUE (round_id, title)
);

CREATE TABLE tasks (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id    uuid NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  problem_id  uuid NOT NULL REFERENCES problems(id) ON DELETE CASCADE,
  ordinal     integer NOT NULL,
  title       text NOT NULL CHECK (length(title) >= 1),
  -- A stable key from the ledger so re-importing updates rather than duplicates.
  source_key  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (round_id, source_key)
);
CREATE INDEX tasks_problem_idx ON tasks (problem_id);

CREATE TABLE measures (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  task_id        uuid NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  ordinal        integer NOT NULL DEFAULT 0,
  content        text NOT NULL DEFAULT '',
  lead_unit_id   uuid NOT NULL REFERENCES units(id),
  kind           text NOT NULL,
  deadline       date,
  deadline_text  text NOT NULL DEFAULT '',
  UNIQUE (task_id, ordinal)
);
CREATE INDEX measures_lead_unit_idx ON measures (lead_unit_id);

CREATE TABLE measure_co_units (
  measure_id  uuid NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
  unit_id     uuid NOT NULL REFERENCES units(id),
  PRIMARY KEY (measure_id, unit_id)
);
CREATE INDEX measure_co_units_unit_idx ON measure_co_units (unit_id);

-- Statements and evidence -----------------------------------------------------
CREATE TABLE statements (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id    uuid NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  task_id     uuid NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  unit_id     uuid NOT NULL REFERENCES units(id),
  draft       jsonb,
  draft_updated_at timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (task_id, unit_id)
);
CREATE INDEX statements_round_unit_idx ON statements (round_id, unit_id);

-- Submitted versions never change (enforced by trigger below).
CREATE TABLE statement_versions (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  statement_id  uuid NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
  version       integer NOT NULL CHECK (version >= 1),
  body          jsonb NOT NULL,
  body_text     text NOT NULL,
  submitted_by  uuid NOT NULL REFERENCES users(id),
  submitted_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (statement_id, version)
);

CREATE TABLE evidence (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id       uuid NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  unit_id        uuid NOT NULL REFERENCES units(id),
  task_id        uuid REFERENCES tasks(id) ON DELETE SET NULL,
  hash           text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  size           bigint NOT NULL CHECK (size >= 0),
  mime           text NOT NULL,
  original_name  text NOT NULL,
  stored_name    text NOT NULL CHECK (stored_name !~ '[/\\]' AND length(stored_name) BETWEEN 1 AND 200),
  pages          integer,
  text_state     text NOT NULL DEFAULT 'pending' CHECK (text_state IN ('pending', 'done', 'failed', 'none')),
  uploaded_by    uuid NOT NULL REFERENCES users(id),
  uploaded_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX evidence_hash_idx ON evidence (hash);
CREATE INDEX evidence_round_unit_idx ON evidence (round_id, unit_id);

-- Text extracted from evidence, per page (page 1 for formats without pages).
CREATE TABLE evidence_pages (
  evidence_id  uuid NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
  page         integer NOT NULL CHECK (page >= 1),
  text         text NOT NULL,
  PRIMARY KEY (evidence_id, page)
);

CREATE TABLE statement_evidence (
  statement_id  uuid NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
  evidence_id   uuid NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
  PRIMARY KEY (statement_id, evidence_id)
);

CREATE TABLE statement_version_evidence (
  statement_version_id  uuid NOT NULL REFERENCES statement_versions(id) ON DELETE CASCADE,
  evidence_id           uuid NOT NULL REFERENCES evidence(id),
  PRIMARY KEY (statement_version_id, evidence_id)
);

-- Live documents: an append-only update log and compacted snapshots --------------
CREATE TABLE doc_updates (
  doc_name    text NOT NULL,
  seq         bigint NOT NULL,
  bytes       bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (doc_name, seq)
);

CREATE TABLE doc_snapshots (
  doc_name    text PRIMARY KEY,
  -- the last update seq folded into this snapshot
  upto_seq    bigint NOT NULL,
  bytes       bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Projection of annotations out of review documents (kept in step by collab).
CREATE TABLE annotations (
  id                    text PRIMARY KEY,
  doc_name              text NOT NULL,
  round_id              uuid NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  unit_id               uuid NOT NULL REFERENCES units(id),
  task_id               uuid REFERENCES tasks(id) ON DELETE SET NULL,
  group_id              uuid REFERENCES inspection_groups(id) ON DELETE SET NULL,
  statement_version_id  uuid NOT NULL REFERENCES statement_versions(id) ON DELETE CASCADE,
  framework_version     integer NOT NULL DEFAULT 1,
  step                  text CHECK (step ~ '^S[0-9]+$'),
  status                text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  quote                 text NOT NULL DEFAULT '',
  body_text             text NOT NULL DEFAULT '',
  evidence_id           uuid REFERENCES evidence(id) ON DELETE SET NULL,
  evidence_page         integer,
  interview_id          uuid,
  anchor_confidence     real,
  orphaned              boolean NOT NULL DEFAULT false,
  author_id             uuid REFERENCES users(id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  deleted               boolean NOT NULL DEFAULT false
);
CREATE INDEX annotations_version_idx ON annotations (statement_version_id);
CREATE INDEX annotations_round_unit_idx ON annotations (round_id, unit_id);

CREATE TABLE annotation_questions (
  annotation_id  text NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
  question       text NOT NULL CHECK (question ~ '^Q[0-9]+$'),
  round_id       uuid NOT NULL,
  unit_id        uuid NOT NULL,
  PRIMARY KEY (annotation_id, question)
);
CREATE INDEX annotation_questions_cell_idx ON annotation_questions (round_id, unit_id, question);

-- Interviews (谈话记录): the most restricted papers ---------------------------------
CREATE TABLE interviews (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id          uuid NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  group_id          uuid NOT NULL REFERENCES inspection_groups(id),
  unit_id           uuid NOT NULL REFERENCES units(id),
  held_on           date NOT NULL,
  place             text NOT NULL DEFAULT '',
  interviewee_name  text NOT NULL,
  interviewee_post  text NOT NULL DEFAULT '',
  body_text         text NOT NULL DEFAULT '',
  created_by        uuid NOT NULL REFERENCES users(id),
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX interviews_round_unit_idx ON interviews (round_id, unit_id);
ALTER TABLE annotations ADD FOREIGN KEY (interview_id) REFERENCES interviews(id) ON DELETE SET NULL;

CREATE TABLE interview_interviewers (
  interview_id  uuid NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
  user_id       uuid NOT NULL REFERENCES users(id),
  PRIMARY KEY (interview_id, user_id)
);
CREATE INDEX interview_interviewers_user_idx ON interview_interviewers (user_id);

CREATE TABLE interview_tasks (
  interview_id  uuid NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
  task_id       uuid NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  PRIMARY KEY (interview_id, task_id)
);

CREATE TABLE interview_attachments (
  interview_id  uuid NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
  evidence_id   uuid NOT NULL REFERENCES evidence(id),
  PRIMARY KEY (interview_id, evidence_id)
);

-- Findings --------------------------------------------------------------------------
CREATE TABLE findings (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id           uuid NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  group_id           uuid NOT NULL REFERENCES inspection_groups(id),
  unit_id            uuid NOT NULL REFERENCES units(id),
  title              text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  description_text   text NOT NULL DEFAULT '',
  questions          text[] NOT NULL DEFAULT '{}',
  framework_version  integer NOT NULL DEFAULT 1,
  aspect             text,
  severity           text,
  immediate          boolean NOT NULL DEFAULT false,
  requirement        text NOT NULL DEFAULT '',
  deadline           date,
  state              text NOT NULL DEFAULT 'draft'
                     CHECK (state IN ('draft', 'confirmed', 'approved', 'issued', 'rectifying', 'closed')),
  -- The wording in force when the finding was issued, frozen with it.
  frozen             jsonb,
  report_id          uuid,
  merged_into        uuid REFERENCES findings(id),
  created_by         uuid NOT NULL REFERENCES users(id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX findings_round_unit_idx ON findings (round_id, unit_id);
CREATE INDEX findings_group_idx ON findings (group_id, state);

CREATE TABLE finding_annotations (
  finding_id     uuid NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
  annotation_id  text NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
  PRIMARY KEY (finding_id, annotation_id)
);
CREATE INDEX finding_annotations_annotation_idx ON finding_annotations (annotation_id);

CREATE TABLE finding_transitions (
  id          bigserial PRIMARY KEY,
  finding_id  uuid NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
  from_state  text,
  to_state    text NOT NULL,
  actor_id    uuid NOT NULL REFERENCES users(id),
  comment     text NOT NULL DEFAULT '',
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX finding_transitions_finding_idx ON finding_transitions (finding_id, at);

-- Weekly leader meetings ------------------------------------------------------------------
CREATE TABLE meetings (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id    uuid NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  held_on     date NOT NULL,
  title       text NOT NULL DEFAULT '组长例会',
  agenda      jsonb,
  minutes_text text NOT NULL DEFAULT '',
  created_by  uuid NOT NULL REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meetings_round_idx ON meetings (round_id, held_on);

CREATE TABLE meeting_attendees (
  meeting_id  uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  user_id     uuid NOT NULL REFERENCES users(id),
  PRIMARY KEY (meeting_id, user_id)
);

CREATE TABLE meeting_decisions (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  meeting_id  uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  text        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE action_items (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  meeting_id  uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  round_id    uuid NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  title       text NOT NULL,
  owner_id    uuid REFERENCES users(id),
  due_on      date,
  done_at     timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX action_items_round_due_idx ON action_items (round_id, due_on) WHERE done_at IS NULL;

-- Feedback reports and rectification follow-up ---------------------------------------------
CREATE TABLE reports (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id    uuid NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  -- NULL unit: the round summary
  unit_id     uuid REFERENCES units(id),
  state       text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'issued')),
  content     jsonb NOT NULL DEFAULT '{}',
  blob_hash   text CHECK (blob_hash ~ '^[0-9a-f]{64}$'),
  issued_at   timestamptz,
  issued_by   uuid REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK ((state = 'issued') = (blob_hash IS NOT NULL AND issued_at IS NOT NULL))
);
CREATE INDEX reports_round_unit_idx ON reports (round_id, unit_id);
ALTER TABLE findings ADD FOREIGN KEY (report_id) REFERENCES reports(id);

CREATE TABLE rectification_responses (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  finding_id    uuid NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
  measures      text NOT NULL,
  progress      text NOT NULL DEFAULT '',
  submitted_by  uuid NOT NULL REFERENCES users(id),
  submitted_at  timestamptz NOT NULL DEFAULT now(),
  review_state  text NOT NULL DEFAULT 'pending' CHECK (review_state IN ('pending', 'returned', 'accepted')),
  review_comment text NOT NULL DEFAULT '',
  reviewed_by   uuid REFERENCES users(id),
  reviewed_at   timestamptz
);
CREATE INDEX rectification_responses_finding_idx ON rectification_responses (finding_id, submitted_at);

CREATE TABLE rectification_evidence (
  response_id  uuid NOT NULL REFERENCES rectification_responses(id) ON DELETE CASCADE,
  evidence_id  uuid NOT NULL REFERENCES evidence(id),
  PRIMARY KEY (response_id, evidence_id)
);

-- The audit log: append-only, each row chained to the previous by its hash ------------------
CREATE TABLE audit_log (
  seq            bigserial PRIMARY KEY,
  at             timestamptz NOT NULL DEFAULT now(),
  actor_id       uuid,
  actor_label    text NOT NULL DEFAULT '',
  action         text NOT NULL,
  resource_type  text NOT NULL DEFAULT '',
  resource_id    text NOT NULL DEFAULT '',
  round_id       uuid,
  address        text NOT NULL DEFAULT '',
  outcome        text NOT NULL DEFAULT 'ok' CHECK (outcome IN ('ok', 'denied', 'failed')),
  details        jsonb NOT NULL DEFAULT '{}',
  prev_hash      text NOT NULL,
  hash           text NOT NULL UNIQUE
);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, seq);
CREATE INDEX audit_log_action_idx ON audit_log (action, seq);
CREATE INDEX audit_log_resource_idx ON audit_log (resource_type, resource_id);

-- Immutability where the domain demands it ----------------------------------------------------
CREATE FUNCTION rectify_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME USING ERRCODE = 'check_violation';
END $$;

CREATE TRIGGER statement_versions_immutable BEFORE UPDATE OR DELETE ON statement_versions
  FOR EACH ROW EXECUTE FUNCTION rectify_forbid_change();
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION rectify_forbid_change();

CREATE FUNCTION rectify_issued_report_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.state = 'issued' THEN
    RAISE EXCEPTION 'issued reports never change' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER reports_issued_frozen BEFORE UPDATE OR DELETE ON reports
  FOR EACH ROW EXECUTE FUNCTION rectify_issued_report_frozen();
