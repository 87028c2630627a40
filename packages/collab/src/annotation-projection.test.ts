import {
  type AnnotationData,
  annotationsOf,
  createAnnotation,
  deleteAnnotation,
  docName,
  paragraphsToRichText,
  readAnnotations,
  seedReviewDoc,
  setStatus,
  setStep,
  toggleQuestion,
} from '@rectify/domain';
import type { Sql } from '@rectify/store';
import { describeEachDatabase } from '@rectify/store/testing';
import fc from 'fast-check';
import { afterEach, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { trackSaves } from './client/index.ts';
import { type Client, Harness, waitFor } from './test-helpers.ts';
import { createPgDocStore } from './yjs-merge.ts';

const STATEMENT = [
  '我处于2023年5月完成《本科生导师制实施办法》修订工作。',
  '新办法明确了导师职责，规定每名导师指导学生不超过15人。',
];

interface World {
  authorId: string;
  roundId: string;
  unitId: string;
  groupId: string;
  taskId: string;
  statementId: string;
}

async function seedWorld(sql: Sql): Promise<World> {
  const [user] = await sql<{ id: string }[]>`
    INSERT INTO users (username, display_name, password_hash)
    VALUES (${`author${Date.now()}`}, '张三', 'x') RETURNING id`;
  const [round] = await sql<{ id: string }[]>`
    INSERT INTO rounds (name, state) VALUES ('投影测试', 'active') RETURNING id`;
  const roundId = round!.id;
  const [group] = await sql<{ id: string }[]>`
    INSERT INTO inspection_groups (round_id, name, ordinal) VALUES (${roundId}, '第一巡视组', 1)
    RETURNING id`;
  const [unit] = await sql<
    { id: string }[]
  >`INSERT INTO units (name) VALUES ('教务处') RETURNING id`;
  await sql`INSERT INTO unit_assignments (round_id, unit_id, group_id)
            VALUES (${roundId}, ${unit!.id}, ${group!.id})`;
  const [problem] = await sql<{ id: string }[]>`
    INSERT INTO problems (round_id, ordinal, title) VALUES (${roundId}, 1, '导师制落实不到位')
    RETURNING id`;
  const [task] = await sql<{ id: string }[]>`
    INSERT INTO tasks (round_id, problem_id, ordinal, title, source_key)
    VALUES (${roundId}, ${problem!.id}, 1, '修订导师制办法', 'p1.1') RETURNING id`;
  const [statement] = await sql<{ id: string }[]>`
    INSERT INTO statements (round_id, task_id, unit_id) VALUES (${roundId}, ${task!.id}, ${unit!.id})
    RETURNING id`;
  return {
    authorId: user!.id,
    roundId,
    unitId: unit!.id,
    groupId: group!.id,
    taskId: task!.id,
    statementId: statement!.id,
  };
}

let versions = 0;
async function newVersion(sql: Sql, w: World): Promise<string> {
  const [v] = await sql<{ id: string }[]>`
    INSERT INTO statement_versions (statement_id, version, body, body_text, submitted_by)
    VALUES (${w.statementId}, ${++versions}, ${sql.json(paragraphsToRichText(STATEMENT) as never)},
            ${STATEMENT.join('\n')}, ${w.authorId})
    RETURNING id`;
  return v!.id;
}

function seedUpdate(versionId: string): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = 1;
  seedReviewDoc(doc, paragraphsToRichText(STATEMENT), versionId);
  return Y.encodeStateAsUpdate(doc);
}

type Op =
  | { kind: 'create'; who: number; slot: number; start: number; q: number }
  | { kind: 'tag'; who: number; slot: number; q: number }
  | { kind: 'step'; who: number; slot: number; step: number }
  | { kind: 'status'; who: number; slot: number; resolved: boolean }
  | { kind: 'body'; who: number; slot: number; text: string; cut: boolean }
  | { kind: 'softDelete'; who: number; slot: number }
  | { kind: 'remove'; who: number; slot: number };

const who = fc.nat(1);
const slot = fc.nat(4);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('create' as const),
    who,
    slot,
    start: fc.nat(40),
    q: fc.integer({ min: 0, max: 12 }),
  }),
  fc.record({ kind: fc.constant('tag' as const), who, slot, q: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('step' as const), who, slot, step: fc.nat(3) }),
  fc.record({ kind: fc.constant('status' as const), who, slot, resolved: fc.boolean() }),
  fc.record({
    kind: fc.constant('body' as const),
    who,
    slot,
    text: fc.string({ minLength: 1, maxLength: 6 }),
    cut: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('softDelete' as const), who, slot }),
  fc.record({ kind: fc.constant('remove' as const), who, slot }),
);

/** Annotation ids are global (the editor makes UUIDs): each run's are its own. */
function apply(doc: Y.Doc, op: Op, w: World, at: Date, run: string): void {
  const id = `ann-${op.slot}-${run}`;
  const exists = annotationsOf(doc).has(id);
  if (op.kind === 'create') {
    createAnnotation(doc, {
      id,
      start: op.start,
      end: op.start + 5,
      authorId: w.authorId,
      authorName: '张三',
      questions: op.q ? [`Q${op.q}`] : [],
      now: at,
    });
    return;
  }
  if (!exists) return;
  switch (op.kind) {
    case 'tag':
      toggleQuestion(doc, id, `Q${op.q}`, at);
      return;
    case 'step':
      setStep(doc, id, op.step ? `S${op.step}` : null, at);
      return;
    case 'status':
      setStatus(doc, id, op.resolved ? 'resolved' : 'open', w.authorId, at);
      return;
    case 'softDelete':
      deleteAnnotation(doc, id, at);
      return;
    case 'remove':
      annotationsOf(doc).delete(id);
      return;
    case 'body': {
      const body = annotationsOf(doc).get(id)!.get('body') as Y.XmlFragment;
      doc.transact(() => {
        const p = body.get(0) as Y.XmlElement | undefined;
        const t = p?.get(0) as Y.XmlText | undefined;
        if (!p || !t) {
          const para = new Y.XmlElement('paragraph');
          para.insert(0, [new Y.XmlText(op.text)]);
          body.insert(body.length, [para]);
        } else if (op.cut && t.length > 0) t.delete(0, 1);
        else t.insert(t.length, op.text);
      });
      return;
    }
  }
}

/** The projection's view of one annotation, comparable with the table. */
function expected(a: AnnotationData, versionId: string, w: World) {
  return {
    id: a.id,
    docName: docName('review', versionId),
    statementVersionId: versionId,
    roundId: w.roundId,
    unitId: w.unitId,
    taskId: w.taskId,
    groupId: w.groupId,
    step: a.step,
    status: a.status,
    quote: a.quote.text,
    bodyText: a.bodyText,
    authorId: a.authorId,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    deleted: a.deleted,
    orphaned: a.orphaned,
    questions: [...a.questions].sort(),
  };
}

async function projected(sql: Sql, versionId: string) {
  const rows = await sql<
    {
      id: string;
      docName: string;
      statementVersionId: string;
      roundId: string;
      unitId: string;
      taskId: string;
      groupId: string;
      step: string | null;
      status: string;
      quote: string;
      bodyText: string;
      authorId: string;
      createdAt: Date;
      updatedAt: Date;
      deleted: boolean;
      orphaned: boolean;
      questions: string[];
    }[]
  >`
    SELECT a.id, a.doc_name, a.statement_version_id, a.round_id, a.unit_id, a.task_id, a.group_id,
           a.step, a.status, a.quote, a.body_text, a.author_id, a.created_at, a.updated_at,
           a.deleted, a.orphaned,
           ARRAY(SELECT q.question FROM annotation_questions q
                 WHERE q.annotation_id = a.id ORDER BY q.question) AS questions
    FROM annotations a WHERE a.statement_version_id = ${versionId} ORDER BY a.id`;
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

const h = new Harness();
afterEach(() => h.cleanup());

describeEachDatabase('the annotations projection over live review documents', (db) => {
  let w: World;
  beforeAll(async () => {
    w = await seedWorld(db().sql);
  });

  it('keeps the annotations table equal to what the document says after random edits of two clients', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), async (ops) => {
        const sql = db().sql;
        const versionId = await newVersion(sql, w);
        const name = docName('review', versionId);
        const store = createPgDocStore(sql);
        await store.append(name, seedUpdate(versionId));
        const { base } = await h.start({ store });
        const clients: Client[] = [0, 1].map(() => h.client(base, name, { acks: '1' }));
        const trackers = clients.map((c) => trackSaves(c.provider, c.doc));
        try {
          await Promise.all(clients.map((c) => h.synced(c)));
          let tick = Date.parse('2026-03-02T09:00:00Z');
          for (const [i, op] of ops.entries()) {
            tick += 1000;
            apply(clients[op.who]!.doc, op, w, new Date(tick), versionId);
            if (i % 4 === 3) await new Promise((r) => setTimeout(r, 5));
          }
          const [a, b] = clients as [Client, Client];
          await waitFor('saved and converged', () => {
            if (!trackers.every((t) => t.state() === 'saved')) return false;
            const av = Y.encodeStateVector(a.doc);
            const bv = Y.encodeStateVector(b.doc);
            return (
              Buffer.compare(Buffer.from(av), Buffer.from(bv)) === 0 &&
              JSON.stringify(readAnnotations(a.doc)) === JSON.stringify(readAnnotations(b.doc))
            );
          });
          const want = readAnnotations(a.doc)
            .map((x) => expected(x, versionId, w))
            .sort((x, y) => (x.id < y.id ? -1 : 1));
          expect(await projected(sql, versionId)).toEqual(want);
        } finally {
          for (const t of trackers) t.destroy();
          await h.cleanup();
        }
      }),
      { numRuns: 8, seed: 20260302 },
    );
  }, 120_000);

  it('leaves the projection alone when an annotation id of another document is reused', async () => {
    const sql = db().sql;
    const [first, second] = [await newVersion(sql, w), await newVersion(sql, w)];
    const store = createPgDocStore(sql);
    for (const v of [first, second]) await store.append(docName('review', v), seedUpdate(v));
    const { base } = await h.start({ store });
    for (const [v, author] of [
      [first, '第一位'],
      [second, '冒名者'],
    ] as const) {
      const c = h.client(base, docName('review', v), { acks: '1' });
      const saves = trackSaves(c.provider, c.doc);
      await h.synced(c);
      createAnnotation(c.doc, {
        id: 'same-id',
        start: 0,
        end: 4,
        authorId: w.authorId,
        authorName: author,
      });
      setStep(c.doc, 'same-id', v === first ? 'S1' : 'S2');
      await waitFor('saved', () => saves.state() === 'saved');
      saves.destroy();
    }
    const rows = await sql<{ docName: string; step: string }[]>`
      SELECT doc_name, step FROM annotations WHERE id = 'same-id'`;
    expect(rows).toEqual([{ docName: docName('review', first), step: 'S1' }]);
  });
});
