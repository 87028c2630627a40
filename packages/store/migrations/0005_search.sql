-- Search across a round. Chinese has no spaces between words, so text is
-- indexed by overlapping two-character grams (bigrams) in a GIN index; a
-- query's bigrams narrow the candidates through the index and an exact
-- substring test keeps only true matches ("导师制" never matches a text that
-- holds only "导师"). Plain SQL and plpgsql: the same on PGlite and PostgreSQL.

-- Linear in the text's length: split into characters once and pair each with
-- the next (substr per position would rescan the UTF-8 string every time).
CREATE FUNCTION rectify_grams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT COALESCE(array_agg(DISTINCT g), '{}')
  FROM (
    SELECT c || lead(c) OVER (ORDER BY i) AS g
    FROM unnest(string_to_array(lower(left(t, 200000)), NULL)) WITH ORDINALITY AS u(c, i)
  ) s
  WHERE g IS NOT NULL AND g !~ '\s'
$$;

-- One row per searchable piece: a statement version, an evidence page, an
-- annotation, a finding, an interview record, a meeting's minutes. `scope`
-- carries what access depends on beyond the unit (a finding's state).
CREATE TABLE search_entries (
  kind      text NOT NULL CHECK (kind IN ('statement', 'evidence', 'annotation', 'finding', 'interview', 'minutes')),
  ref_id    text NOT NULL,
  part      integer NOT NULL DEFAULT 0,
  round_id  uuid NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  unit_id   uuid,
  scope     text NOT NULL DEFAULT '',
  body      text NOT NULL,
  grams     text[] NOT NULL,
  at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, ref_id, part)
);
CREATE INDEX search_entries_grams_idx ON search_entries USING gin (grams);
CREATE INDEX search_entries_round_idx ON search_entries (round_id, kind);

CREATE FUNCTION rectify_search_put(
  p_kind text, p_ref text, p_part integer, p_round uuid, p_unit uuid, p_scope text, p_body text, p_at timestamptz
) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_body IS NULL OR btrim(p_body) = '' THEN
    DELETE FROM search_entries WHERE kind = p_kind AND ref_id = p_ref AND part = p_part;
    RETURN;
  END IF;
  INSERT INTO search_entries (kind, ref_id, part, round_id, unit_id, scope, body, grams, at)
  VALUES (p_kind, p_ref, p_part, p_round, p_unit, COALESCE(p_scope, ''), p_body, rectify_grams(p_body), p_at)
  ON CONFLICT (kind, ref_id, part) DO UPDATE
    SET round_id = EXCLUDED.round_id, unit_id = EXCLUDED.unit_id, scope = EXCLUDED.scope,
        body = EXCLUDED.body, grams = EXCLUDED.grams, at = EXCLUDED.at;
END $$;

-- Statement versions (never change once submitted).
CREATE FUNCTION rectify_search_statement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE s record;
BEGIN
  SELECT round_id, unit_id INTO s FROM statements WHERE id = NEW.statement_id;
  PERFORM rectify_search_put('statement', NEW.id::text, 0, s.round_id, s.unit_id, '', NEW.body_text, NEW.submitted_at);
  RETURN NULL;
END $$;
CREATE TRIGGER statement_versions_search AFTER INSERT ON statement_versions
  FOR EACH ROW EXECUTE FUNCTION rectify_search_statement();

-- Evidence text, page by page, as extraction stores it.
CREATE FUNCTION rectify_search_evidence() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE e record;
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM search_entries WHERE kind = 'evidence' AND ref_id = OLD.evidence_id::text AND part = OLD.page;
    RETURN NULL;
  END IF;
  SELECT round_id, unit_id, uploaded_at INTO e FROM evidence WHERE id = NEW.evidence_id;
  PERFORM rectify_search_put('evidence', NEW.evidence_id::text, NEW.page, e.round_id, e.unit_id, '', NEW.text, e.uploaded_at);
  RETURN NULL;
END $$;
CREATE TRIGGER evidence_pages_search AFTER INSERT OR UPDATE OR DELETE ON evidence_pages
  FOR EACH ROW EXECUTE FUNCTION rectify_search_evidence();

-- Annotations (the projection): quote and body.
CREATE FUNCTION rectify_search_annotation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM search_entries WHERE kind = 'annotation' AND ref_id = OLD.id;
    RETURN NULL;
  END IF;
  IF NEW.deleted THEN
    DELETE FROM search_entries WHERE kind = 'annotation' AND ref_id = NEW.id;
  ELSE
    PERFORM rectify_search_put('annotation', NEW.id, 0, NEW.round_id, NEW.unit_id, '',
      concat_ws(E'\n', NULLIF(NEW.quote, ''), NULLIF(NEW.body_text, '')), NEW.updated_at);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER annotations_search AFTER INSERT OR UPDATE OR DELETE ON annotations
  FOR EACH ROW EXECUTE FUNCTION rectify_search_annotation();

-- Findings: title, description and requirement; the state decides who may see it.
CREATE FUNCTION rectify_search_finding() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM search_entries WHERE kind = 'finding' AND ref_id = OLD.id::text;
    RETURN NULL;
  END IF;
  IF NEW.merged_into IS NOT NULL THEN
    DELETE FROM search_entries WHERE kind = 'finding' AND ref_id = NEW.id::text;
  ELSE
    PERFORM rectify_search_put('finding', NEW.id::text, 0, NEW.round_id, NEW.unit_id, NEW.state,
      concat_ws(E'\n', NEW.title, NULLIF(NEW.description_text, ''), NULLIF(NEW.requirement, '')), NEW.updated_at);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER findings_search AFTER INSERT OR UPDATE OR DELETE ON findings
  FOR EACH ROW EXECUTE FUNCTION rectify_search_finding();

-- Interview records: the record's text (who was interviewed stays in the record only).
CREATE FUNCTION rectify_search_interview() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM search_entries WHERE kind = 'interview' AND ref_id = OLD.id::text;
    RETURN NULL;
  END IF;
  PERFORM rectify_search_put('interview', NEW.id::text, 0, NEW.round_id, NEW.unit_id, '',
    concat_ws(E'\n', NULLIF(NEW.place, ''), NULLIF(NEW.body_text, '')), NEW.created_at);
  RETURN NULL;
END $$;
CREATE TRIGGER interviews_search AFTER INSERT OR UPDATE OR DELETE ON interviews
  FOR EACH ROW EXECUTE FUNCTION rectify_search_interview();

-- Meeting minutes.
CREATE FUNCTION rectify_search_minutes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM search_entries WHERE kind = 'minutes' AND ref_id = OLD.id::text;
    RETURN NULL;
  END IF;
  PERFORM rectify_search_put('minutes', NEW.id::text, 0, NEW.round_id, NULL, '',
    concat_ws(E'\n', NEW.title, NULLIF(NEW.minutes_text, '')), NEW.created_at);
  RETURN NULL;
END $$;
CREATE TRIGGER meetings_search AFTER INSERT OR UPDATE OR DELETE ON meetings
  FOR EACH ROW EXECUTE FUNCTION rectify_search_minutes();

-- What existed before this migration.
INSERT INTO search_entries (kind, ref_id, part, round_id, unit_id, scope, body, grams, at)
SELECT 'statement', v.id::text, 0, s.round_id, s.unit_id, '', v.body_text, rectify_grams(v.body_text), v.submitted_at
FROM statement_versions v JOIN statements s ON s.id = v.statement_id WHERE btrim(v.body_text) <> '';
INSERT INTO search_entries (kind, ref_id, part, round_id, unit_id, scope, body, grams, at)
SELECT 'evidence', p.evidence_id::text, p.page, e.round_id, e.unit_id, '', p.text, rectify_grams(p.text), e.uploaded_at
FROM evidence_pages p JOIN evidence e ON e.id = p.evidence_id WHERE btrim(p.text) <> '';
INSERT INTO search_entries (kind, ref_id, part, round_id, unit_id, scope, body, grams, at)
SELECT 'annotation', a.id, 0, a.round_id, a.unit_id, '', b.body, rectify_grams(b.body), a.updated_at
FROM annotations a CROSS JOIN LATERAL (SELECT concat_ws(E'\n', NULLIF(a.quote, ''), NULLIF(a.body_text, '')) AS body) b
WHERE NOT a.deleted AND btrim(b.body) <> '';
INSERT INTO search_entries (kind, ref_id, part, round_id, unit_id, scope, body, grams, at)
SELECT 'finding', f.id::text, 0, f.round_id, f.unit_id, f.state, b.body, rectify_grams(b.body), f.updated_at
FROM findings f CROSS JOIN LATERAL (SELECT concat_ws(E'\n', f.title, NULLIF(f.description_text, ''), NULLIF(f.requirement, '')) AS body) b
WHERE f.merged_into IS NULL;
