-- rectify_append_doc_updates runs once per group commit, so on the relay's
-- hot path. Its array parameters make PostgreSQL's plan cache keep choosing
-- custom plans, so every call planned its numbering statement afresh: on
-- PGlite (WASM, sharing the relay's core) that planning was about half of
-- each commit (1.2–1.3 ms → 0.66 ms a single-update commit; on PostgreSQL
-- 0.74 → 0.56 ms). The statement's shape does not depend on the arrays'
-- contents (per-doc index lookups, one insert), so one generic plan serves
-- every batch. Measured by bench/collab-commit-cost.bench.ts.
ALTER FUNCTION rectify_append_doc_updates(text[], bytea[]) SET plan_cache_mode = force_generic_plan;
