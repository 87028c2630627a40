-- The roll-up of findings and the coverage matrix count a round's live
-- annotations per unit (by step, status, author and statement version), and
-- join them to their question tags by id. Without this index every count read
-- the whole annotations heap (a unit's annotations are spread over all of it);
-- with it the scans are index-only. Partial: deleted annotations never count.
-- Measured by bench/rollup-coverage.bench.ts (see bench/README.md).
CREATE INDEX annotations_rollup_idx ON annotations (round_id, unit_id, step, status)
  INCLUDE (id, statement_version_id, author_id)
  WHERE NOT deleted;
