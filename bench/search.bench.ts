/**
 * search: how fast a phrase is found across a big round, on PostgreSQL.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/search.bench.ts
 *   (SEARCH_BENCH_STATEMENTS=10000 SEARCH_BENCH_ANNOTATIONS=100000 SEARCH_BENCH_QUERIES=200)
 *
 * Creates a scratch database `rectify_bench_search`, migrates it, and fills one
 * round with N statement versions (~300 Chinese characters each, from a
 * vocabulary of inspection phrases) across 40 units in 4 groups, and M
 * annotations on them; the search index is filled by the same triggers as in
 * production. Then runs the API's search query (policy scopes in the WHERE
 * clause, counts and the first page) for a mix of phrases, as an administrator
 * (everything visible) and as a group member (a quarter of the units), and
 * reports p50/p95/max latency. The database is dropped at the end.
 */
import { performance } from 'node:perf_hooks';
import { searchScopes } from '../packages/api/src/search/scopes.ts';
import { SEARCH_KINDS, searchRound } from '../packages/api/src/search/search.ts';
import { defaultFramework, type PolicyActor } from '../packages/domain/src/index.ts';
import { connect } from '../packages/store/src/db/client.ts';
import { migrate } from '../packages/store/src/db/migrate.ts';

const STATEMENTS = Number(process.env.SEARCH_BENCH_STATEMENTS ?? 10_000);
const ANNOTATIONS = Number(process.env.SEARCH_BENCH_ANNOTATIONS ?? 100_000);
const QUERIES = Number(process.env.SEARCH_BENCH_QUERIES ?? 200);
const base = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!base) {
  console.error('Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server.');
  process.exit(2);
}
const NAME = 'rectify_bench_search';

const PHRASES = [
  '本科生导师制',
  '课程思政',
  '一流学科建设',
  '科研经费管理',
  '干部选拔任用',
  '意识形态工作',
  '巡视反馈问题',
  '整改措施',
  '长效机制',
  '制度建设',
  '立行立改',
  '纸面整改',
  '研究生培养方案',
  '师德师风',
  '招生录取',
  '国有资产管理',
  '基建项目',
  '三重一大',
  '民主生活会',
  '基层党组织',
];
const FILLER =
  '我校高度重视，认真落实，召开专题会议研究部署，明确责任分工，制定工作方案，按期推进各项工作，取得阶段性成效。';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function main() {
  const admin = connect({ url: base, max: 1 });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${NAME}`);
  await admin.unsafe(`CREATE DATABASE ${NAME}`);
  const url = new URL(base!);
  url.pathname = `/${NAME}`;
  const sql = connect({ url: url.toString(), max: 4 });
  try {
    await migrate(sql);
    const random = rng(42);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const text = (chars: number) => {
      let s = '';
      while (s.length < chars)
        s +=
          random() < 0.3 ? `${pick(PHRASES)}，` : FILLER.slice(0, 10 + Math.floor(random() * 30));
      return s;
    };

    const [user] = await sql<{ id: string }[]>`
      INSERT INTO users (username, display_name, password_hash) VALUES ('bench', '基准', 'x') RETURNING id`;
    const [member] = await sql<{ id: string }[]>`
      INSERT INTO users (username, display_name, password_hash) VALUES ('member', '组员', 'x') RETURNING id`;
    const [round] = await sql<{ id: string }[]>`
      INSERT INTO rounds (name, state) VALUES ('基准轮次', 'active') RETURNING id`;
    const roundId = round!.id;
    await sql`INSERT INTO frameworks (round_id, version, body) VALUES (${roundId}, 1, ${sql.json(defaultFramework as never)})`;
    const groups: string[] = [];
    for (let g = 1; g <= 4; g++) {
      const [row] = await sql<{ id: string }[]>`
        INSERT INTO inspection_groups (round_id, name, ordinal) VALUES (${roundId}, ${`第${g}组`}, ${g}) RETURNING id`;
      groups.push(row!.id);
    }
    await sql`INSERT INTO memberships (round_id, user_id, role, group_id) VALUES (${roundId}, ${member!.id}, 'member', ${groups[0]!})`;
    const units: string[] = [];
    for (let u = 0; u < 40; u++) {
      const [row] = await sql<
        { id: string }[]
      >`INSERT INTO units (name) VALUES (${`单位${u}`}) RETURNING id`;
      units.push(row!.id);
      await sql`INSERT INTO unit_assignments (round_id, unit_id, group_id) VALUES (${roundId}, ${row!.id}, ${groups[u % 4]!})`;
    }
    const [problem] = await sql<{ id: string }[]>`
      INSERT INTO problems (round_id, ordinal, title) VALUES (${roundId}, 1, '问题') RETURNING id`;

    const t0 = performance.now();
    const versions: Array<{ id: string; unit: string; task: string; group: string }> = [];
    for (let i = 0; i < STATEMENTS; i += 500) {
      const batch = Math.min(500, STATEMENTS - i);
      const rows = Array.from({ length: batch }, (_, k) => {
        const n = i + k;
        return { n, unit: units[n % units.length]!, body: text(300) };
      });
      const tasks = await sql<{ id: string }[]>`
        INSERT INTO tasks ${sql(rows.map((r) => ({ roundId, problemId: problem!.id, ordinal: r.n, title: `任务${r.n}`, sourceKey: `k${r.n}` })))}
        RETURNING id`;
      const statements = await sql<{ id: string }[]>`
        INSERT INTO statements ${sql(rows.map((r, k) => ({ roundId, taskId: tasks[k]!.id, unitId: r.unit })))}
        RETURNING id`;
      const vs = await sql<{ id: string }[]>`
        INSERT INTO statement_versions ${sql(
          rows.map((r, k) => ({
            statementId: statements[k]!.id,
            version: 1,
            body: sql.json({}),
            bodyText: r.body,
            submittedBy: user!.id,
          })) as never,
        )}
        RETURNING id`;
      for (const [k, v] of vs.entries()) {
        versions.push({
          id: v.id,
          unit: rows[k]!.unit,
          task: tasks[k]!.id,
          group: groups[units.indexOf(rows[k]!.unit) % 4]!,
        });
      }
    }
    const tStatements = performance.now() - t0;
    const t1 = performance.now();
    for (let i = 0; i < ANNOTATIONS; i += 2000) {
      const batch = Math.min(2000, ANNOTATIONS - i);
      const rows = Array.from({ length: batch }, (_, k) => {
        const v = versions[(i + k) % versions.length]!;
        return {
          id: `a${i + k}`,
          docName: `review.${v.id}`,
          roundId,
          unitId: v.unit,
          taskId: v.task,
          groupId: v.group,
          statementVersionId: v.id,
          quote: text(20),
          bodyText: text(60),
          authorId: user!.id,
        };
      });
      await sql`INSERT INTO annotations ${sql(rows)}`;
    }
    const tAnnotations = performance.now() - t1;
    await sql`ANALYZE search_entries`;
    const [{ n: entries } = { n: 0 }] = await sql<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM search_entries`;

    const actors: Array<[string, PolicyActor]> = [
      ['administrator', { userId: user!.id, isAdmin: true, memberships: [], recusals: [] }],
      [
        'group member',
        {
          userId: member!.id,
          isAdmin: false,
          memberships: [{ roundId, groupId: groups[0]!, unitId: null, role: 'member' }],
          recusals: [],
        },
      ],
    ];
    const roundFacts = { id: roundId, state: 'active' as const };
    console.log(
      `\nsearch bench — ${new Date().toISOString()} — PostgreSQL ${base!.replace(/\/\/[^@]*@/, '//')}`,
    );
    console.log(
      `data: ${STATEMENTS} statements (${(tStatements / 1000).toFixed(1)} s to load), ${ANNOTATIONS} annotations (${(tAnnotations / 1000).toFixed(1)} s), ${entries} index entries`,
    );
    console.log('| caller | queries | p50 ms | p95 ms | max ms | mean hits |');
    console.log('|---|---|---|---|---|---|');
    for (const [label, actor] of actors) {
      const times: number[] = [];
      let hits = 0;
      const scopes = await searchScopes(sql, actor, roundFacts);
      for (let i = 0; i < QUERIES; i++) {
        const q = i % 5 === 4 ? pick(PHRASES).slice(0, 2) : pick(PHRASES);
        const start = performance.now();
        // Scopes are computed per request in the API; include them.
        const s = i === 0 ? scopes : await searchScopes(sql, actor, roundFacts);
        const r = await searchRound(sql, roundId, s, q, {
          kinds: SEARCH_KINDS,
          limit: 20,
          offset: 0,
        });
        times.push(performance.now() - start);
        hits += r.total;
      }
      times.sort((a, b) => a - b);
      const at = (p: number) =>
        times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(1);
      console.log(
        `| ${label} | ${QUERIES} | ${at(0.5)} | ${at(0.95)} | ${times.at(-1)!.toFixed(1)} | ${Math.round(hits / QUERIES)} |`,
      );
    }
  } finally {
    await sql.end();
    await admin.unsafe(`DROP DATABASE IF EXISTS ${NAME}`);
    await admin.end();
  }
}

await main();
