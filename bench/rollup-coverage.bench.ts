/**
 * rollup-coverage: how long the findings roll-up and the coverage matrix take
 * on a big round, on PostgreSQL.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/rollup-coverage.bench.ts
 *   npm run rollup-coverage -w @rectify/bench   (TEST_DATABASE_URL also works)
 *   (ROLLUP_BENCH_UNITS=200 ROLLUP_BENCH_ANNOTATIONS=100000 ROLLUP_BENCH_FINDINGS=3000 ROLLUP_BENCH_RUNS=50)
 *
 * Creates a scratch database `rectify_bench_rollup`, migrates it as in
 * production, and fills one round: 200 units in 4 groups, 10 statements per
 * unit (a fifth with a second version that has annotations of its own, so the
 * coverage's "carried annotations" rule has work to do), 100k annotations
 * (steps S1–S3 or none, 30 % resolved, 2 % deleted, 0–3 question tags each,
 * some questions rarer than others so that cells stay empty), and a few
 * thousand findings (questions, aspects, states, some merged). Then, after an
 * unmeasured warm-up, each query runs ~50 times as an administrator and as a
 * group member, two ways:
 *
 * - **query**: the API's own code for the numbers — `findingRollup` (through a
 *   minimal Hono context carrying the caller) and `coverageCounts` (the
 *   coverage matrix's SQL, for the units of one group, as the route asks it);
 * - **route**: the whole HTTP handler in process (`createApi(...).request`):
 *   session, policy, audit row, SQL, JSON — what a user waits for, less the network.
 *
 * Prints p50/p95/max in ms. The database is dropped at the end.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Hono } from 'hono';
import { createApi } from '../packages/api/src/app.ts';
import { hashPassword } from '../packages/api/src/auth/passwords.ts';
import { coverageCounts, groupUnits } from '../packages/api/src/coverage/coverage-store.ts';
import { DEFAULT_AUTH } from '../packages/api/src/deps.ts';
import type { ApiEnv } from '../packages/api/src/env.ts';
import { findingRollup } from '../packages/api/src/findings/rollup.ts';
import { loadPolicyActor } from '../packages/api/src/queries/policy-actor.ts';
import { defaultFramework, type User } from '../packages/domain/src/index.ts';
import { createBlobStore } from '../packages/store/src/blobs/index.ts';
import { connect, type Sql } from '../packages/store/src/db/client.ts';
import { migrate } from '../packages/store/src/db/migrate.ts';
import { insertStatements } from './lib/api-seed.ts';

const UNITS = Number(process.env.ROLLUP_BENCH_UNITS ?? 200);
const STATEMENTS_PER_UNIT = 10;
const ANNOTATIONS = Number(process.env.ROLLUP_BENCH_ANNOTATIONS ?? 100_000);
const FINDINGS = Number(process.env.ROLLUP_BENCH_FINDINGS ?? 3000);
const RUNS = Number(process.env.ROLLUP_BENCH_RUNS ?? 50);
/** Load the data, time nothing (with ROLLUP_BENCH_KEEP=1: a database to EXPLAIN in). */
const SEED_ONLY = process.env.ROLLUP_BENCH_SEED_ONLY === '1';
const WARMUP = 5;
const base = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!base) {
  console.error('Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server.');
  process.exit(2);
}
const NAME = 'rectify_bench_rollup';
/** Keep the scratch database afterwards (to EXPLAIN by hand); dropped at the next run. */
const KEEP = process.env.ROLLUP_BENCH_KEEP === '1';
const PASSWORD = 'bench-password';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Seeded {
  roundId: string;
  groups: string[];
  adminId: string;
  memberId: string;
  counts: Record<string, number>;
}

async function seed(sql: Sql): Promise<Seeded> {
  const random = rng(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const hash = await hashPassword(PASSWORD);
  const [admin] = await sql<{ id: string }[]>`
    INSERT INTO users (username, display_name, password_hash, is_admin)
    VALUES ('admin', '巡视办', ${hash}, true) RETURNING id`;
  const [round] = await sql<{ id: string }[]>`
    INSERT INTO rounds (name, state) VALUES ('基准轮次', 'active') RETURNING id`;
  const roundId = round!.id;
  await sql`INSERT INTO frameworks (round_id, version, body)
            VALUES (${roundId}, 1, ${sql.json(defaultFramework as never)})`;
  const groups: string[] = [];
  const authors: string[][] = [];
  for (let g = 1; g <= 4; g++) {
    const [row] = await sql<{ id: string }[]>`
      INSERT INTO inspection_groups (round_id, name, ordinal)
      VALUES (${roundId}, ${`第${g}巡视组`}, ${g}) RETURNING id`;
    groups.push(row!.id);
    // A leader and five members a group; they write the annotations of its units.
    const people = await sql<{ id: string }[]>`
      INSERT INTO users ${sql(
        Array.from({ length: 6 }, (_, k) => ({
          username: `g${g}u${k}`,
          displayName: `${g}组${k === 0 ? '组长' : `组员${k}`}`,
          passwordHash: hash,
        })),
      )} RETURNING id`;
    await sql`INSERT INTO memberships ${sql(
      people.map((p, k) => ({
        roundId,
        userId: p.id,
        role: k === 0 ? 'leader' : 'member',
        groupId: row!.id,
      })),
    )}`;
    authors.push(people.map((p) => p.id));
  }
  const memberId = authors[0]![1]!;

  const units = await sql<{ id: string }[]>`
    INSERT INTO units ${sql(Array.from({ length: UNITS }, (_, u) => ({ name: `单位${String(u).padStart(3, '0')}` })))}
    RETURNING id`;
  await sql`INSERT INTO unit_assignments ${sql(
    units.map((u, i) => ({ roundId, unitId: u.id, groupId: groups[i % 4]! })),
  )}`;
  const groupOf = (unitIndex: number) => unitIndex % 4;
  const [problem] = await sql<{ id: string }[]>`
    INSERT INTO problems (round_id, ordinal, title) VALUES (${roundId}, 1, '问题') RETURNING id`;

  // Statements: 10 a unit, each with version 1; a fifth also with a version 2.
  const versions = await insertStatements(sql, {
    roundId,
    problemId: problem!.id,
    submittedBy: admin!.id,
    unitIds: units.map((u) => u.id),
    perUnit: STATEMENTS_PER_UNIT,
    firstOrdinal: 0,
    label: (unit, j) => ({ title: `任务${unit}-${j}`, sourceKey: `k${unit}-${j}` }),
  });

  // Questions are not equally popular: Q1–Q3 often, Q10–Q12 rarely, so some cells stay empty.
  const questionWeights = defaultFramework.questions.map((q, i) => ({
    code: q.code,
    w: 12 - i + 1,
  }));
  const totalWeight = questionWeights.reduce((s, q) => s + q.w, 0);
  const question = () => {
    let x = random() * totalWeight;
    for (const q of questionWeights) {
      x -= q.w;
      if (x < 0) return q.code;
    }
    return 'Q1';
  };
  const STEPS = ['S1', 'S1', 'S2', 'S2', 'S3', null] as const;
  for (let i = 0; i < ANNOTATIONS; i += 2000) {
    const batch = Math.min(2000, ANNOTATIONS - i);
    const rows = Array.from({ length: batch }, (_, k) => {
      const v = versions[Math.floor(random() * versions.length)]!;
      const g = groupOf(v.unit);
      return {
        id: `a${i + k}`,
        docName: `review.${v.id}`,
        roundId,
        unitId: units[v.unit]!.id,
        taskId: v.task,
        groupId: groups[g]!,
        statementVersionId: v.id,
        step: pick(STEPS),
        status: random() < 0.3 ? 'resolved' : 'open',
        quote: '引文',
        bodyText: '批注',
        authorId: pick(authors[g]!),
        deleted: random() < 0.02,
      };
    });
    await sql`INSERT INTO annotations ${sql(rows)}`;
    const tags = rows.flatMap((r) => {
      const n = random() < 0.05 ? 0 : random() < 0.7 ? 1 : random() < 0.8 ? 2 : 3;
      const qs = new Set(Array.from({ length: n }, question));
      return [...qs].map((q) => ({
        annotationId: r.id,
        question: q,
        roundId,
        unitId: r.unitId,
      }));
    });
    if (tags.length > 0) await sql`INSERT INTO annotation_questions ${sql(tags)}`;
  }

  const STATES = ['draft', 'draft', 'confirmed', 'approved', 'issued', 'rectifying', 'closed'];
  const ASPECTS = [...defaultFramework.aspects.map((a) => a.code), null];
  const findingIds: Array<{ id: string; unit: number }> = [];
  for (let i = 0; i < FINDINGS; i += 1000) {
    const batch = Math.min(1000, FINDINGS - i);
    const rows = Array.from({ length: batch }, () => {
      const unit = Math.floor(random() * units.length);
      const qs = [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, question))];
      return {
        unit,
        row: {
          roundId,
          groupId: groups[groupOf(unit)]!,
          unitId: units[unit]!.id,
          title: '发现问题',
          questions: qs,
          aspect: pick(ASPECTS),
          state: pick(STATES),
          createdBy: admin!.id,
        },
      };
    });
    const ids = await sql<{ id: string }[]>`
      INSERT INTO findings ${sql(rows.map((r) => r.row) as never)} RETURNING id`;
    for (const [k, f] of ids.entries()) findingIds.push({ id: f.id, unit: rows[k]!.unit });
  }
  // One in twenty merged into another finding of its unit.
  const byUnit = new Map<number, string[]>();
  for (const f of findingIds) byUnit.set(f.unit, [...(byUnit.get(f.unit) ?? []), f.id]);
  for (const ids of byUnit.values()) {
    for (let k = 1; k < ids.length; k++) {
      if (random() < 0.05) {
        await sql`UPDATE findings SET merged_into = ${ids[0]!} WHERE id = ${ids[k]!}`;
      }
    }
  }
  // What autovacuum does on a server after a bulk load: statistics, and the visibility map
  // that lets index-only scans skip the heap.
  await sql`VACUUM ANALYZE`;
  const counts: Record<string, number> = {};
  for (const table of [
    'units',
    'statements',
    'statement_versions',
    'annotations',
    'annotation_questions',
    'findings',
  ]) {
    const [row] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM ${sql(table)}`;
    counts[table] = row!.n;
  }
  return { roundId, groups, adminId: admin!.id, memberId, counts };
}

function stats(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95), max: sorted.at(-1)! };
}

/**
 * CPU time (ms) the database's client backends have used so far, read from
 * /proc (the server runs on this machine); undefined when it does not. On a
 * shared, busy machine wall times swing with the other processes' load, CPU
 * time much less: it says what a call costs.
 */
async function backendCpuMs(sql: Sql): Promise<number | undefined> {
  const rows = await sql<{ pid: number }[]>`
    SELECT pid FROM pg_stat_activity
    WHERE datname = current_database() AND backend_type = 'client backend'`;
  let ticks = 0;
  for (const { pid } of rows) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    } catch {
      return undefined;
    }
  }
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

interface Timing {
  wall: ReturnType<typeof stats>;
  /** Mean CPU ms per call: PostgreSQL backends, and this Node process. */
  pgCpu: number | undefined;
  nodeCpu: number;
}

async function time(sql: Sql, run: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < WARMUP; i++) await run();
  const times: number[] = [];
  const pg0 = await backendCpuMs(sql);
  const node0 = process.cpuUsage();
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  const node = process.cpuUsage(node0);
  const pg1 = await backendCpuMs(sql);
  return {
    wall: stats(times),
    pgCpu: pg0 === undefined || pg1 === undefined ? undefined : (pg1 - pg0) / RUNS,
    nodeCpu: (node.user + node.system) / 1000 / RUNS,
  };
}

async function main() {
  const admin = connect({ url: base!, max: 1 });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${NAME}`);
  await admin.unsafe(`CREATE DATABASE ${NAME}`);
  const url = new URL(base!);
  url.pathname = `/${NAME}`;
  const sql = connect({ url: url.toString(), max: 4 });
  const dir = mkdtempSync(join(tmpdir(), 'rectify-bench-rollup-'));
  try {
    await migrate(sql);
    const t0 = performance.now();
    const s = await seed(sql);
    const loadSeconds = (performance.now() - t0) / 1000;
    if (SEED_ONLY) {
      console.log(`seeded ${NAME} in ${loadSeconds.toFixed(1)} s: round ${s.roundId}`, s.counts);
      return;
    }
    const [{ version } = { version: '?' }] = await sql<
      { version: string }[]
    >`SELECT current_setting('server_version') AS version`;

    const blobs = await createBlobStore({ kind: 'disk', root: join(dir, 'blobs') });
    const deps = {
      sql,
      blobs,
      version: 'bench',
      clock: () => new Date(),
      auth: DEFAULT_AUTH,
    };
    const api = createApi(deps);
    const login = async (username: string) => {
      const r = await api.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD }),
      });
      if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
      return ((await r.json()) as { token: string }).token;
    };
    const round = { id: s.roundId, state: 'active' as const };
    const group1 = s.groups[0]!;
    const group1Units = (await groupUnits(sql, s.roundId, group1)).map((u) => u.id);

    const callers = [
      { label: 'administrator', userId: s.adminId, isAdmin: true, username: 'admin' },
      { label: 'group member', userId: s.memberId, isAdmin: false, username: 'g1u1' },
    ];
    const rows: string[] = [];
    for (const caller of callers) {
      const policyActor = await loadPolicyActor(sql, caller.userId, caller.isAdmin);
      const user = { id: caller.userId, username: caller.username, isAdmin: caller.isAdmin };
      // The smallest Hono context findingRollup needs: the deps and the caller, as the session
      // middleware sets them.
      const mini = new Hono<ApiEnv>().get('/', async (c) => {
        c.set('deps', deps);
        c.set('actor', { user: user as unknown as User, sessionId: 'bench' });
        c.set('policyActor', policyActor);
        c.set('address', '127.0.0.1');
        return c.json(await findingRollup(c, round));
      });
      const token = await login(caller.username);
      const get = async (path: string) => {
        const r = await api.request(path, { headers: { authorization: `Bearer ${token}` } });
        if (r.status !== 200) throw new Error(`${path}: ${r.status} ${await r.text()}`);
        return r.json();
      };

      const check = (await (await mini.request('/')).json()) as {
        units: unknown[];
        suggestions: unknown[];
      };
      const rollupQuery = await time(sql, async () => (await mini.request('/')).json());
      const rollupRoute = await time(sql, () => get(`/api/rounds/${s.roundId}/findings/rollup`));
      const coverageQuery = await time(sql, () => coverageCounts(sql, s.roundId, group1Units));
      const coverageRoute = await time(sql, () =>
        get(`/api/rounds/${s.roundId}/coverage?groupId=${group1}`),
      );
      const f = (x: Timing) =>
        `${x.wall.p50.toFixed(1)} | ${x.wall.p95.toFixed(1)} | ${x.wall.max.toFixed(1)} | ${x.pgCpu?.toFixed(1) ?? '–'} | ${x.nodeCpu.toFixed(1)}`;
      rows.push(
        `| roll-up | ${caller.label} | query | ${check.units.length} units | ${f(rollupQuery)} |`,
        `| roll-up | ${caller.label} | route | ${check.units.length} units | ${f(rollupRoute)} |`,
        `| coverage | ${caller.label} | query | ${group1Units.length} units | ${f(coverageQuery)} |`,
        `| coverage | ${caller.label} | route | ${group1Units.length} units | ${f(coverageRoute)} |`,
      );
    }

    console.log(
      `\nrollup-coverage bench — ${new Date().toISOString()} — PostgreSQL ${version} at ${base!.replace(/\/\/[^@]*@/, '//')}`,
    );
    console.log(
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}; Node ${process.version}; data loaded in ${loadSeconds.toFixed(1)} s`,
    );
    console.log(
      `load average at the end: ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}; data: ${Object.entries(s.counts)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ')}; ${RUNS} runs each after ${WARMUP} warm-up`,
    );
    console.log(
      '| query | caller | measured | scope | p50 ms | p95 ms | max ms | PostgreSQL CPU ms/call | Node CPU ms/call |',
    );
    console.log('|---|---|---|---|---:|---:|---:|---:|---:|');
    for (const r of rows) console.log(r);
  } finally {
    await sql.end();
    rmSync(dir, { recursive: true, force: true });
    if (!KEEP) await admin.unsafe(`DROP DATABASE IF EXISTS ${NAME}`);
    await admin.end();
  }
}

await main();
