-- Live documents: appending to the update log (see src/docs/pg-doc-store.ts) ----------

-- Appends a batch of updates, possibly for many docs, in one statement, and
-- returns each input position with the seq it got. A doc's next seq follows
-- both its last update and its snapshot, since compaction deletes the folded
-- updates. Two processes may append to one doc: a transaction-scoped advisory
-- lock per doc (class 7365, keys taken in ascending order so two batches never
-- deadlock) makes the second wait until the first commits; the numbering
-- statement runs after the locks, so in READ COMMITTED it sees those rows.
CREATE FUNCTION rectify_append_doc_updates(doc_names text[], updates bytea[])
RETURNS TABLE (input_ord integer, new_seq bigint)
LANGUAGE plpgsql AS $$
DECLARE
  lock_key integer;
BEGIN
  IF cardinality(doc_names) IS DISTINCT FROM cardinality(updates) THEN
    RAISE EXCEPTION 'doc_names and updates differ in length' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  FOR lock_key IN SELECT DISTINCT hashtext(n) FROM unnest(doc_names) AS n ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(7365, lock_key);
  END LOOP;
  RETURN QUERY
  WITH input AS (
    SELECT t.doc_name, t.bytes, t.ord::integer AS ord
    FROM unnest(doc_names, updates) WITH ORDINALITY AS t(doc_name, bytes, ord)
  ), base AS (
    SELECT d.doc_name, greatest(
      (SELECT max(u.seq) FROM doc_updates u WHERE u.doc_name = d.doc_name),
      (SELECT s.upto_seq FROM doc_snapshots s WHERE s.doc_name = d.doc_name),
      0
    ) AS last_seq
    FROM (SELECT DISTINCT i.doc_name FROM input i) d
  ), numbered AS (
    SELECT i.ord, i.doc_name, i.bytes,
      b.last_seq + row_number() OVER (PARTITION BY i.doc_name ORDER BY i.ord) AS seq
    FROM input i JOIN base b ON b.doc_name = i.doc_name
  ), inserted AS (
    INSERT INTO doc_updates (doc_name, seq, bytes)
    SELECT n.doc_name, n.seq, n.bytes FROM numbered n
  )
  SELECT n.ord, n.seq FROM numbered n ORDER BY n.ord;
END $$;
