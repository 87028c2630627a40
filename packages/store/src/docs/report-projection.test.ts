import { beforeAll, expect, it } from 'vitest';
import type { Sql } from '../db/client.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { PgDocStore } from './pg-doc-store.ts';
import { createReportProjector, type ReportProjection } from './report-projection.ts';

async function draftReport(sql: Sql): Promise<string> {
  const [round] = await sql<{ id: string }[]>`
    INSERT INTO rounds (name, state) VALUES ('轮次', 'active') RETURNING id`;
  const [unit] = await sql<{ id: string }[]>`
    INSERT INTO units (name) VALUES (${`单位${Math.random().toString(36).slice(2, 8)}`}) RETURNING id`;
  const [report] = await sql<{ id: string }[]>`
    INSERT INTO reports (round_id, unit_id, content)
    VALUES (${round!.id}, ${unit!.id}, ${sql.json({ texts: { subject: '事由', signature: '第一巡视组' }, groupBy: 'aspect' })})
    RETURNING id`;
  return report!.id;
}

const texts = (opening: string): ReportProjection['texts'] => ({
  opening,
  assessment: '总体评价。',
  requirements: '（一）压实责任。',
});

const update = new Uint8Array([0, 0]);

describeEachDatabase('a report’s live texts projected into its row', (db) => {
  let id: string;
  let store: PgDocStore;
  beforeAll(async () => {
    id = await draftReport(db().sql);
    store = new PgDocStore({ sql: db().sql, projectors: { report: createReportProjector() } });
  });
  const content = async () => {
    const [r] = await db().sql<{ content: Record<string, unknown> }[]>`
      SELECT content FROM reports WHERE id = ${id}`;
    return r!.content;
  };

  it('writes the three texts beside the other fields, in the transaction that stores the update', async () => {
    await store.append(`report.${id}`, update, {
      projection: { order: 1, texts: texts('开头。') },
    });
    expect(await content()).toEqual({
      texts: { subject: '事由', signature: '第一巡视组', ...texts('开头。') },
      groupBy: 'aspect',
    });
  });

  it('never lets an older capture overwrite a newer one, and drops NUL characters', async () => {
    await store.append(`report.${id}`, update, {
      projection: { order: 5, texts: texts('新\u0000的。') },
    });
    await store.append(`report.${id}`, update, {
      projection: { order: 3, texts: texts('旧的。') },
    });
    expect(((await content()).texts as { opening: string }).opening).toBe('新的。');
  });

  it('leaves an issued report as it was issued', async () => {
    await db().sql`
      UPDATE reports SET state = 'issued', blob_hash = ${'a'.repeat(64)}, issued_at = now()
      WHERE id = ${id}`;
    const before = await content();
    await store.append(`report.${id}`, update, {
      projection: { order: 9, texts: texts('签发后。') },
    });
    expect(await content()).toEqual(before);
  });
});
