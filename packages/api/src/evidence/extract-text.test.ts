import { Readable } from 'node:stream';
import { describeEachDatabase } from '@rectify/store/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPortalTestApi } from '../statements/testing/portal-api.ts';
import { type PortalRound, seedPortalRound } from '../statements/testing/seed-round.ts';
import { evidenceTextSettled, extractPendingEvidenceText } from './extract-text.ts';
import { makePdf } from './testing/files.ts';
import { uploadRaw } from './testing/upload.ts';

describeEachDatabase('evidence text extraction', (db) => {
  let t: Awaited<ReturnType<typeof createPortalTestApi>>;
  let r: PortalRound;
  beforeAll(async () => {
    t = await createPortalTestApi(db().sql);
    r = await seedPortalRound(db().sql, t, 'ex');
  });
  afterAll(async () => {
    await evidenceTextSettled();
    t.cleanup();
  });

  it('extracts large files after answering the upload', async () => {
    const line = '第一条 各学院应当建立导师工作记录。\n';
    const text = line.repeat(Math.ceil((3 * 1024 * 1024) / Buffer.byteLength(line)));
    const up = await uploadRaw(
      t,
      r.tokens.contactA,
      { taskId: r.tasks.T1, unitId: r.units.A, filename: '导师工作记录汇编.txt' },
      Buffer.from(text),
    );
    expect(up.status).toBe(201);
    expect(up.json.textState).toBe('pending');
    await evidenceTextSettled();
    const after = await t.call('GET', `/api/evidence/${up.json.id}`, { token: r.tokens.member1 });
    expect(after.json.textState).toBe('done');
    const page = await t.call('GET', `/api/evidence/${up.json.id}/pages/1/text`, {
      token: r.tokens.member1,
    });
    expect(page.json.text).toBe(text);
  });

  it('marks a broken PDF as failed instead of failing the upload', async () => {
    const up = await uploadRaw(
      t,
      r.tokens.contactA,
      { taskId: r.tasks.T1, unitId: r.units.A, filename: '损坏.pdf' },
      Buffer.from('%PDF-1.7\nthis is not really a pdf\n%%EOF\n'),
    );
    expect(up.status).toBe(201);
    expect(up.json.textState).toBe('failed');
    const [audit] = await db().sql<{ outcome: string }[]>`
      SELECT outcome FROM audit_log WHERE resource_id = ${up.json.id} AND action = 'evidence.extract_text'`;
    expect(audit?.outcome).toBe('failed');
  });

  it('extracts evidence still pending, as the server does for demo files at startup', async () => {
    const pdf = await makePdf([['Demo page one'], ['Demo page two']]);
    const put = await t.deps.blobs.put(Readable.from([pdf]), { size: pdf.length });
    const [row] = await db().sql<{ id: string }[]>`
      INSERT INTO evidence (round_id, unit_id, task_id, hash, size, mime, original_name, stored_name,
                            text_state, uploaded_by)
      VALUES (${r.roundId}, ${r.units.A}, ${r.tasks.T2}, ${put.hash}, ${put.size}, 'application/pdf',
              'demo.pdf', 'demo.pdf', 'pending', ${r.users.contactA})
      RETURNING id`;
    expect(await extractPendingEvidenceText(db().sql, t.deps.blobs)).toBeGreaterThanOrEqual(1);
    const pages = await db().sql<{ page: number; text: string }[]>`
      SELECT page, text FROM evidence_pages WHERE evidence_id = ${row!.id} ORDER BY page`;
    expect(pages).toEqual([
      { page: 1, text: 'Demo page one' },
      { page: 2, text: 'Demo page two' },
    ]);
    const [ev] = await db().sql<{ pages: number; textState: string }[]>`
      SELECT pages, text_state FROM evidence WHERE id = ${row!.id}`;
    expect(ev).toEqual({ pages: 2, textState: 'done' });
  });
});
