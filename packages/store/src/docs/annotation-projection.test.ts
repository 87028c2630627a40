import { beforeAll, expect, it } from 'vitest';
import type { Sql } from '../db/client.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import {
  type AnnotationProjectionRow,
  createAnnotationProjector,
  type ReviewProjection,
} from './annotation-projection.ts';
import { PgDocStore } from './pg-doc-store.ts';

/** A statement version to review: the projection takes round, unit, task and group from it. */
async function statementVersion(sql: Sql): Promise<{ versionId: string; authorId: string }> {
  const [user] = await sql<{ id: string }[]>`
    INSERT INTO users (username, display_name, password_hash)
    VALUES (${`p${Date.now()}${Math.random().toString(36).slice(2, 6)}`}, '张三', 'x') RETURNING id`;
  const [round] = await sql<{ id: string }[]>`
    INSERT INTO rounds (name, state) VALUES ('轮次', 'active') RETURNING id`;
  const [unit] = await sql<
    { id: string }[]
  >`INSERT INTO units (name) VALUES ('教务处') RETURNING id`;
  const [problem] = await sql<{ id: string }[]>`
    INSERT INTO problems (round_id, ordinal, title) VALUES (${round!.id}, 1, '问题') RETURNING id`;
  const [task] = await sql<{ id: string }[]>`
    INSERT INTO tasks (round_id, problem_id, ordinal, title, source_key)
    VALUES (${round!.id}, ${problem!.id}, 1, '任务', 'k') RETURNING id`;
  const [statement] = await sql<{ id: string }[]>`
    INSERT INTO statements (round_id, task_id, unit_id)
    VALUES (${round!.id}, ${task!.id}, ${unit!.id}) RETURNING id`;
  const [version] = await sql<{ id: string }[]>`
    INSERT INTO statement_versions (statement_id, version, body, body_text, submitted_by)
    VALUES (${statement!.id}, 1, ${sql.json({ type: 'doc' })}, '陈述', ${user!.id}) RETURNING id`;
  return { versionId: version!.id, authorId: user!.id };
}

const row = (id: string, over: Partial<AnnotationProjectionRow> = {}): AnnotationProjectionRow => ({
  id,
  quote: { text: '引文', prefix: '', suffix: '' },
  questions: ['Q1'],
  frameworkVersion: 1,
  step: 'S1',
  evidence: null,
  interviewId: null,
  status: 'open',
  authorId: '',
  createdAt: '2026-03-02T09:00:00.000Z',
  updatedAt: '2026-03-02T09:00:00.000Z',
  bodyText: '',
  anchorConfidence: null,
  orphaned: false,
  deleted: false,
  ...over,
});

const update = new Uint8Array([0, 0]);

describeEachDatabase('the annotations projection in the commit transaction', (db) => {
  let versionId: string;
  let authorId: string;
  let doc: string;
  beforeAll(async () => {
    ({ versionId, authorId } = await statementVersion(db().sql));
    doc = `review.${versionId}`;
  });

  it('writes the rows with the statement version’s facts, in the transaction that stores the update', async () => {
    const store = new PgDocStore({
      sql: db().sql,
      projectors: { review: createAnnotationProjector() },
    });
    const projection: ReviewProjection = {
      order: 1,
      upserts: [row(`f-${versionId}`, { authorId, questions: ['Q3', 'Q1'] })],
      removed: [],
    };
    await store.append(doc, update, { projection });
    const rows = await db().sql<{ id: string; authorId: string; unitId: string | null }[]>`
      SELECT id, author_id, unit_id FROM annotations WHERE doc_name = ${doc}`;
    expect(rows).toEqual([{ id: `f-${versionId}`, authorId, unitId: expect.any(String) }]);
    const tags = await db().sql<{ question: string }[]>`
      SELECT question FROM annotation_questions WHERE annotation_id = ${`f-${versionId}`}
      ORDER BY question`;
    expect(tags.map((t) => t.question)).toEqual(['Q1', 'Q3']);
  });

  it('cleans what a client could put in the document before it reaches a typed column', async () => {
    const store = new PgDocStore({
      sql: db().sql,
      projectors: { review: createAnnotationProjector() },
    });
    const id = `odd-${versionId}`;
    const odd = row(id, {
      step: 'step one',
      questions: ['Q2', 'not-a-question'],
      authorId: 'not-a-uuid',
      createdAt: 'yesterday',
      frameworkVersion: 2 ** 40,
      bodyText: 'a\u0000b\uD800c',
      evidence: { evidenceId: '00000000-0000-4000-8000-000000000000', page: 1.5 },
      interviewId: '00000000-0000-4000-8000-000000000001',
      anchorConfidence: Number.NaN,
    });
    await store.append(doc, update, { projection: { order: 2, upserts: [odd], removed: [] } });
    const [stored] = await db().sql<Record<string, unknown>[]>`
      SELECT step, author_id, framework_version, body_text, evidence_id, evidence_page,
             interview_id, anchor_confidence, created_at IS NOT NULL AS has_created
      FROM annotations WHERE id = ${id}`;
    expect(stored).toEqual({
      interviewId: null,
      step: null,
      authorId: null,
      frameworkVersion: 1,
      bodyText: 'ab\uFFFDc',
      evidenceId: null,
      evidencePage: null,
      anchorConfidence: null,
      hasCreated: true,
    });
  });

  it('stores the update even when its projection fails, and says so', async () => {
    const errors: string[] = [];
    const store = new PgDocStore({
      sql: db().sql,
      projectors: {
        review: {
          async project(tx) {
            await tx`SELECT 1 / 0`;
          },
        },
      },
      onError: (_e, context) => errors.push(context.during),
    });
    const name = `${doc}-failing`;
    await store.append(name, update, { projection: { order: 3, upserts: [], removed: [] } });
    expect(await store.load(name)).toHaveLength(1);
    expect(errors).toEqual(['projection']);
  });

  it('never lets an older capture, retried late, overwrite a newer one; removes what the doc removed', async () => {
    const store = new PgDocStore({
      sql: db().sql,
      projectors: { review: createAnnotationProjector() },
    });
    const id = `late-${versionId}`;
    await store.append(doc, update, {
      projection: { order: 20, upserts: [row(id, { step: 'S2' })], removed: [] },
    });
    await store.append(doc, update, {
      projection: { order: 10, upserts: [row(id, { step: 'S1' })], removed: [] },
    });
    const [kept] = await db().sql<
      { step: string }[]
    >`SELECT step FROM annotations WHERE id = ${id}`;
    expect(kept?.step).toBe('S2');
    await store.append(doc, update, { projection: { order: 30, upserts: [], removed: [id] } });
    expect(await db().sql`SELECT 1 FROM annotations WHERE id = ${id}`).toHaveLength(0);
  });
});
