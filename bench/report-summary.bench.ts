/**
 * report-summary: how long the round summary of a large round takes to build
 * and render, and whether memory stays flat.
 *
 *   npx tsx bench/report-summary.bench.ts
 *   (REPORT_BENCH_UNITS=200, REPORT_BENCH_FINDINGS=5 approved findings per unit,
 *    REPORT_BENCH_RUNS=3 summary runs)
 *
 * Embedded PGlite in memory (in this process, so its memory is counted too),
 * migrated as in production, seeded with UNITS units in four groups, each with
 * FINDINGS approved findings (every one backed by an annotation that points at
 * a page of an evidence file) and one draft finding that must stay out. Then:
 *   1. the round summary, RUNS times: load findings + evidence references and
 *      build the content model (the API's `draftModel`), render the DOCX
 *      (`reportDocx`); time of each part, and peak RSS over the RSS before the run;
 *   2. every unit's own report, one after another (UNITS reports), with RSS
 *      sampled after each quarter: a leak would show as steady growth.
 * RSS is sampled every 10 ms.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { reportDocx } from '../packages/api/src/reports/report-docx.ts';
import { draftModel, type ReportFacts } from '../packages/api/src/reports/report-store.ts';
import { defaultFramework } from '../packages/domain/src/index.ts';
import { connect } from '../packages/store/src/db/client.ts';
import { startEmbeddedPostgres } from '../packages/store/src/db/embedded.ts';
import { migrate } from '../packages/store/src/db/migrate.ts';

const UNITS = Number(process.env.REPORT_BENCH_UNITS ?? 200);
const FINDINGS = Number(process.env.REPORT_BENCH_FINDINGS ?? 5);
const RUNS = Number(process.env.REPORT_BENCH_RUNS ?? 3);
const MB = 1024 * 1024;

function rssSampler() {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss());
    },
  };
}

const embedded = await startEmbeddedPostgres({ maxConnections: 4 });
const sql = connect({ path: embedded.socketPath, max: 1 });
await migrate(sql);

const seedStart = performance.now();
const [user] = await sql<{ id: string }[]>`
  INSERT INTO users (username, display_name, password_hash) VALUES ('bench', '测试', 'x') RETURNING id`;
const [round] = await sql<{ id: string }[]>`
  INSERT INTO rounds (name, state) VALUES ('基准轮次', 'active') RETURNING id`;
const roundId = round!.id;
await sql`INSERT INTO frameworks (round_id, version, body) VALUES (${roundId}, 1, ${sql.json(defaultFramework as never)})`;
await sql`INSERT INTO inspection_groups (round_id, name, ordinal)
          SELECT ${roundId}, '第' || g || '巡视组', g FROM generate_series(1, 4) g`;
await sql`INSERT INTO units (name) SELECT '单位' || lpad(n::text, 3, '0') FROM generate_series(1, ${UNITS}) n`;
await sql`
  INSERT INTO unit_assignments (round_id, unit_id, group_id)
  SELECT ${roundId}, u.id, g.id
  FROM (SELECT id, row_number() OVER (ORDER BY name) AS n FROM units) u
  JOIN inspection_groups g ON g.round_id = ${roundId} AND g.ordinal = 1 + (u.n % 4)`;
const [problem] = await sql<{ id: string }[]>`
  INSERT INTO problems (round_id, ordinal, title) VALUES (${roundId}, 1, '问题') RETURNING id`;
await sql`
  INSERT INTO tasks (round_id, problem_id, ordinal, title, source_key)
  SELECT ${roundId}, ${problem!.id}, row_number() OVER (), '任务' || name, id::text FROM units`;
await sql`
  INSERT INTO statements (round_id, task_id, unit_id)
  SELECT ${roundId}, t.id, u.id FROM tasks t JOIN units u ON u.id::text = t.source_key`;
await sql`
  INSERT INTO statement_versions (statement_id, version, body, body_text, submitted_by)
  SELECT id, 1, '{}', '陈述', ${user!.id} FROM statements`;
await sql`
  INSERT INTO evidence (round_id, unit_id, task_id, hash, size, mime, original_name, stored_name, uploaded_by)
  SELECT ${roundId}, s.unit_id, s.task_id, lpad(to_hex(row_number() OVER ()), 64, '0'), 1000,
    'application/pdf', '整改佐证材料-' || u.name || '.pdf', 'e.pdf', ${user!.id}
  FROM statements s JOIN units u ON u.id = s.unit_id`;
const description =
  '经查阅整改台账和佐证材料，该单位整改进展表述称相关工作已全面完成，但佐证材料仅有会议通知，未见落实记录，存在“把说了当做了”的情况。';
await sql`
  INSERT INTO findings (round_id, group_id, unit_id, title, description_text, questions, aspect,
    requirement, deadline, state, created_by, created_at)
  SELECT ${roundId}, ua.group_id, ua.unit_id, '发现问题' || k || '：整改措施落实不到位',
    ${description}, ARRAY['Q' || (1 + (k * 5) % 12)], 'A' || (1 + k % 5), '限期整改到位，建立长效机制',
    DATE '2026-12-31', CASE WHEN k > ${FINDINGS} THEN 'draft' ELSE 'approved' END, ${user!.id},
    TIMESTAMPTZ '2026-03-01' + (k || ' minutes')::interval
  FROM unit_assignments ua, generate_series(1, ${FINDINGS + 1}) k
  WHERE ua.round_id = ${roundId}`;
await sql`
  INSERT INTO annotations (id, doc_name, round_id, unit_id, task_id, group_id, statement_version_id,
    quote, body_text, evidence_id, evidence_page)
  SELECT f.id::text, 'review.' || v.id, ${roundId}, f.unit_id, s.task_id, f.group_id, v.id,
    '已全面完成', '与佐证不符', e.id, 1 + (row_number() OVER ()) % 20
  FROM findings f
  JOIN statements s ON s.unit_id = f.unit_id
  JOIN statement_versions v ON v.statement_id = s.id
  JOIN evidence e ON e.unit_id = f.unit_id`;
await sql`INSERT INTO finding_annotations (finding_id, annotation_id) SELECT id, id::text FROM findings`;
const seeded = (performance.now() - seedStart) / 1000;

const facts = (unit: { id: string; name: string } | null): ReportFacts => ({
  id: randomUUID(),
  roundId,
  roundState: 'active',
  roundName: '基准轮次',
  unitId: unit?.id ?? null,
  unitName: unit?.name ?? null,
  groupId: null,
  groupName: unit ? '第一巡视组' : null,
  state: 'draft',
  content: { groupBy: 'focus' },
  blobHash: null,
  issuedAt: null,
  issuedBy: null,
  createdAt: new Date(),
});

console.log(
  `report-summary: ${UNITS} units × ${FINDINGS} approved findings (+1 draft each), seeded in ${seeded.toFixed(1)} s; Node ${process.version}`,
);
console.log('run | model s | docx s | total s | problems | docx KB | peak RSS MB | growth MB');
for (let run = 1; run <= RUNS; run++) {
  const before = process.memoryUsage.rss();
  const sampler = rssSampler();
  const t0 = performance.now();
  const { model } = await draftModel(sql, facts(null), '2026-11-27');
  const t1 = performance.now();
  const bytes = await reportDocx(model);
  const t2 = performance.now();
  const peak = sampler.stop();
  if (model.findingIds.length !== UNITS * FINDINGS) {
    throw new Error(`expected ${UNITS * FINDINGS} problems, got ${model.findingIds.length}`);
  }
  console.log(
    [
      run,
      ((t1 - t0) / 1000).toFixed(2),
      ((t2 - t1) / 1000).toFixed(2),
      ((t2 - t0) / 1000).toFixed(2),
      model.findingIds.length,
      (bytes.byteLength / 1024).toFixed(0),
      (peak / MB).toFixed(0),
      ((peak - before) / MB).toFixed(1),
    ].join(' | '),
  );
}

const units = await sql<{ id: string; name: string }[]>`SELECT id, name FROM units ORDER BY name`;
const start = process.memoryUsage.rss();
const t0 = performance.now();
const samples: string[] = [];
for (const [i, u] of units.entries()) {
  await reportDocx((await draftModel(sql, facts(u), '2026-11-27')).model);
  if ((i + 1) % Math.ceil(units.length / 4) === 0 || i === units.length - 1) {
    samples.push(`${i + 1}: ${((process.memoryUsage.rss() - start) / MB).toFixed(1)}`);
  }
}
console.log(
  `${units.length} unit reports one after another: ${((performance.now() - t0) / 1000).toFixed(1)} s; RSS growth MB after n reports — ${samples.join(', ')}`,
);

await sql.end({ timeout: 5 });
await embedded.stop();
