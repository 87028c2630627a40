-- The findings roll-up counts a round's question tags straight from
-- annotation_questions (which carries the annotation's round and unit) and
-- takes out the tags of deleted annotations by an anti-join. This partial
-- index holds just those few deleted ids per round, so the anti-join reads
-- ~2,000 index entries instead of scanning the 100,000-row annotations heap
-- (22 ms → <1 ms for that node in EXPLAIN ANALYZE on the bench data).
-- Measured by bench/rollup-coverage.bench.ts (see bench/README.md).
CREATE INDEX annotations_deleted_idx ON annotations (round_id) INCLUDE (id) WHERE deleted;
