import {
  type AnnotationProjectionRow,
  createAnnotationProjector,
  type ReviewProjection,
  type Sql,
} from '@rectify/store';
import { describeEachDatabase } from '@rectify/store/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedWorld, type World } from '../lib/test-world.ts';
import { createTestApi } from '../testing.ts';

/** A submitted version of a statement of `unitId`, as the portal would leave it. */
async function version(sql: Sql, w: World, unitId: string, n: number): Promise<string> {
  const [p] = await sql<{ id: string }[]>`
    INSERT INTO problems (round_id, ordinal, title) VALUES (${w.roundId}, ${n}, ${`问题${n}`})
    RETURNING id`;
  const [t] = await sql<{ id: string }[]>`
    INSERT INTO tasks (round_id, problem_id, ordinal, title, source_key)
    VALUES (${w.roundId}, ${p!.id}, 1, ${`任务${n}`}, ${`k${n}`}) RETURNING id`;
  const [s] = await sql<{ id: string }[]>`
    INSERT INTO statements (round_id, task_id, unit_id) VALUES (${w.roundId}, ${t!.id}, ${unitId})
    RETURNING id`;
  const [v] = await sql<{ id: string }[]>`
    INSERT INTO statement_versions (statement_id, version, body, body_text, submitted_by)
    VALUES (${s!.id}, 1, ${sql.json({ type: 'doc' })}, '陈述', ${w.userIds.contact})
    RETURNING id`;
  return v!.id;
}

const row = (
  id: string,
  authorId: string,
  over: Partial<AnnotationProjectionRow> = {},
): AnnotationProjectionRow => ({
  id,
  quote: { text: '每名导师指导学生不超过15人', prefix: '', suffix: '' },
  questions: ['Q3', 'Q1'],
  frameworkVersion: 1,
  step: 'S2',
  evidence: null,
  interviewId: null,
  status: 'open',
  authorId,
  createdAt: '2026-03-02T09:00:00.000Z',
  updatedAt: '2026-03-02T09:05:00.000Z',
  bodyText: '请补充导师名册',
  anchorConfidence: null,
  orphaned: false,
  deleted: false,
  ...over,
});

let order = 0;
/** Writes rows through the store's projector, as collab does when it commits an update. */
async function project(sql: Sql, versionId: string, rows: AnnotationProjectionRow[]) {
  const projector = createAnnotationProjector();
  const projection: ReviewProjection = { order: ++order, upserts: rows, removed: [] };
  await sql.begin((tx) => projector.project(tx, `review.${versionId}`, [projection]));
}

describeEachDatabase('annotations API', (db) => {
  let t: Awaited<ReturnType<typeof createTestApi>>;
  let w: World;
  let va: string;
  let vb: string;
  const get = (path: string, who: keyof World['tokens']) =>
    t.call('GET', path, { token: w.tokens[who] });

  beforeAll(async () => {
    const sql = db().sql;
    t = await createTestApi(sql);
    w = await seedWorld(t, sql);
    va = await version(sql, w, w.units.a1, 1); // group 1's unit
    vb = await version(sql, w, w.units.b1, 2); // group 2's unit
    await project(sql, va, [
      row(`a-open-${va}`, w.userIds.member1),
      row(`a-orphan-${va}`, w.userIds.member1, {
        orphaned: true,
        anchorConfidence: 0.3,
        status: 'open',
        questions: [],
      }),
      row(`a-gone-${va}`, w.userIds.member1, { deleted: true }),
    ]);
    await project(sql, vb, [row(`b-${vb}`, w.userIds.member2)]);
  });
  afterAll(() => t.cleanup());

  it('gives a member of the unit’s group one annotation, and audits the read', async () => {
    const id = `a-open-${va}`;
    const r = await get(`/api/annotations/${id}`, 'member1');
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({
      id,
      statementVersionId: va,
      unitId: w.units.a1,
      groupId: w.groups.g1,
      questions: ['Q1', 'Q3'],
      step: 'S2',
      status: 'open',
      quote: '每名导师指导学生不超过15人',
      bodyText: '请补充导师名册',
      orphaned: false,
      anchorConfidence: null,
      author: { id: w.userIds.member1, name: 'member1' },
      createdAt: '2026-03-02T09:00:00.000Z',
    });
    const [audit] = await db().sql<{ action: string; outcome: string }[]>`
      SELECT action, outcome FROM audit_log
      WHERE resource_id = ${id} AND actor_id = ${w.userIds.member1} ORDER BY seq DESC LIMIT 1`;
    expect(audit).toEqual({ action: 'annotation.read', outcome: 'ok' });
  });

  it('answers 404 to a member of another group, as if the annotation did not exist', async () => {
    const r = await get(`/api/annotations/b-${vb}`, 'member1');
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe('not_found');
    const missing = await get('/api/annotations/no-such-annotation', 'member1');
    expect(missing.status).toBe(404);
    expect(await get(`/api/annotations/b-${vb}`, 'member2')).toMatchObject({ status: 200 });
  });

  it('denies a recused member and the unit’s own contact, and audits the refusals', async () => {
    const id = `a-open-${va}`;
    for (const who of ['recused', 'contact'] as const) {
      const r = await get(`/api/annotations/${id}`, who);
      expect(r.status, who).toBe(404);
      const [audit] = await db().sql<{ outcome: string }[]>`
        SELECT outcome FROM audit_log
        WHERE resource_id = ${id} AND actor_id = ${w.userIds[who]} ORDER BY seq DESC LIMIT 1`;
      expect(audit?.outcome, who).toBe('denied');
    }
  });

  it('lets the leadership group read, and hides a deleted annotation', async () => {
    expect((await get(`/api/annotations/a-open-${va}`, 'leadership')).status).toBe(200);
    expect((await get(`/api/annotations/a-gone-${va}`, 'member1')).status).toBe(404);
  });

  it('lists a version’s annotations without the deleted, flags orphans, and filters', async () => {
    const all = await get(`/api/statement-versions/${va}/annotations`, 'member1');
    expect(all.status, all.text).toBe(200);
    expect((all.json as unknown as Array<{ id: string }>).map((a) => a.id).sort()).toEqual(
      [`a-open-${va}`, `a-orphan-${va}`].sort(),
    );
    const orphans = await get(`/api/statement-versions/${va}/annotations?orphaned=true`, 'member1');
    expect(orphans.json).toEqual([
      expect.objectContaining({ id: `a-orphan-${va}`, orphaned: true, anchorConfidence: 0.3 }),
    ]);
    const resolved = await get(
      `/api/statement-versions/${va}/annotations?status=resolved`,
      'member1',
    );
    expect(resolved.json).toEqual([]);
    const bad = await get(`/api/statement-versions/${va}/annotations?orphaned=maybe`, 'member1');
    expect(bad.status).toBe(400);
  });

  it('refuses the list to another group, the recused member and the unit contact', async () => {
    for (const who of ['member2', 'recused', 'contact'] as const) {
      const r = await get(`/api/statement-versions/${va}/annotations`, who);
      expect(r.status, who).toBe(404);
    }
    expect((await get(`/api/statement-versions/${va}/annotations`, 'stranger')).status).toBe(404);
  });
});
