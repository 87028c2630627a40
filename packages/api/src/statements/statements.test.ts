import { paragraphsToRichText } from '@rectify/domain';
import { describeEachDatabase } from '@rectify/store/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { evidenceTextSettled } from '../evidence/extract-text.ts';
import { makePng } from '../evidence/testing/files.ts';
import { uploadRaw } from '../evidence/testing/upload.ts';
import { createPortalTestApi } from './testing/portal-api.ts';
import { type PortalRound, seedPortalRound } from './testing/seed-round.ts';

describeEachDatabase('statements: drafts, versions and diffs', (db) => {
  let t: Awaited<ReturnType<typeof createPortalTestApi>>;
  let r: PortalRound;
  beforeAll(async () => {
    t = await createPortalTestApi(db().sql);
    r = await seedPortalRound(db().sql, t, 'st');
  });
  afterAll(async () => {
    await evidenceTextSettled();
    t.cleanup();
  });

  const draft = (body: unknown, token = r.tokens.contactA, task = r.tasks.T1, unit = r.units.A) =>
    t.call('PUT', '/api/statements/draft', { token, body: { taskId: task, unitId: unit, body } });
  const submit = (token = r.tokens.contactA, task = r.tasks.T1, unit = r.units.A) =>
    t.call('POST', '/api/statements/submit', { token, body: { taskId: task, unitId: unit } });

  it('refuses to submit an empty draft', async () => {
    expect((await submit()).status).toBe(400);
    expect((await draft(paragraphsToRichText(['', '  ']))).status).toBe(200);
    const res = await submit();
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/陈述内容为空/);
  });

  it('validates the body against the rich-text schema, with bounded depth and size', async () => {
    const unknownNode = await draft({ type: 'doc', content: [{ type: 'script', text: 'x' }] });
    expect(unknownNode.status).toBe(400);
    let deep: Record<string, unknown> = { type: 'text', text: 'x' };
    for (let i = 0; i < 40; i++) deep = { type: 'blockquote', content: [deep] };
    const tooDeep = await draft({ type: 'doc', content: [deep] });
    expect(tooDeep.status).toBe(400);
    const huge = await draft(paragraphsToRichText(['字'.repeat(200_001)]));
    expect([400, 413]).toContain(huge.status);
    const notDoc = await draft({ type: 'paragraph' });
    expect(notDoc.status).toBe(400);
    const extraKey = await draft({ type: 'doc', content: [], onload: 'x' });
    expect(extraKey.status).toBe(400);
  });

  it('submits immutable versions with the draft evidence, and diffs them character by character', async () => {
    expect((await draft(paragraphsToRichText(['已完成导师制实施办法修订。']))).status).toBe(200);
    const png = await uploadRaw(
      t,
      r.tokens.contactA,
      { taskId: r.tasks.T1, unitId: r.units.A, filename: '印发通知.png' },
      makePng(21),
    );
    expect(png.status).toBe(201);
    const v1 = await submit();
    expect(v1.status).toBe(201);
    expect(v1.json).toMatchObject({ version: 1, evidenceCount: 1 });

    await t.clock.advance(60_000);
    expect(
      (
        await draft(
          paragraphsToRichText([
            '已全面完成本科生导师制实施办法修订，并印发执行。',
            '下一步：督促落实。',
          ]),
        )
      ).status,
    ).toBe(200);
    const detail = await t.call('GET', `/api/tasks/${r.tasks.T1}?unitId=${r.units.A}`, {
      token: r.tokens.contactA,
    });
    expect(detail.json.statement).toMatchObject({ status: 'draft', version: 1 });
    await t.clock.advance(60_000);
    const v2 = await submit();
    expect(v2.json).toMatchObject({ version: 2, evidenceCount: 1 });
    const twice = await submit();
    expect(twice.status).toBe(409);
    expect(twice.json.error.message).toMatch(/与第 2 版相比没有改动/);

    const got = await t.call('GET', `/api/statement-versions/${v2.json.id}`, {
      token: r.tokens.member1,
    });
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({
      version: 2,
      text: '已全面完成本科生导师制实施办法修订，并印发执行。\n下一步：督促落实。',
      previousVersionId: v1.json.id,
      nextVersionId: null,
      task: { id: r.tasks.T1, title: '修订本科生导师制实施办法' },
      unit: { id: r.units.A, name: '教务处-st' },
    });
    expect(got.json.body.type).toBe('doc');
    expect(got.json.evidence.map((e: any) => e.id)).toEqual([png.json.id]);

    const diff = await t.call('GET', `/api/statement-versions/${v2.json.id}/diff`, {
      token: r.tokens.member1,
    });
    expect(diff.status).toBe(200);
    expect(diff.json).toMatchObject({
      version: 2,
      previousVersion: 1,
      previousVersionId: v1.json.id,
    });
    expect(diff.json.segments).toEqual([
      { op: 'equal', text: '已' },
      { op: 'insert', text: '全面' },
      { op: 'equal', text: '完成' },
      { op: 'insert', text: '本科生' },
      { op: 'equal', text: '导师制实施办法修订' },
      { op: 'insert', text: '，并印发执行' },
      { op: 'equal', text: '。' },
      { op: 'insert', text: '\n下一步：督促落实。' },
    ]);
    const first = await t.call('GET', `/api/statement-versions/${v1.json.id}/diff`, {
      token: r.tokens.contactA,
    });
    expect(first.json).toMatchObject({
      previousVersionId: null,
      segments: [{ op: 'insert', text: '已完成导师制实施办法修订。' }],
    });

    // Versions never change, whatever path a write takes.
    await expect(
      db().sql`UPDATE statement_versions SET body_text = 'x' WHERE id = ${v1.json.id}`,
    ).rejects.toThrow(/immutable/);
    const v1again = await t.call('GET', `/api/statement-versions/${v1.json.id}`, {
      token: r.tokens.contactA,
    });
    expect(v1again.json.text).toBe('已完成导师制实施办法修订。');
    expect(v1again.json.nextVersionId).toBe(v2.json.id);

    const audit = await db().sql<{ action: string }[]>`
      SELECT action FROM audit_log WHERE action LIKE 'statement.%' AND resource_id IN (${v1.json.id}, ${v2.json.id})`;
    expect(audit.map((a) => a.action)).toEqual(['statement.submit', 'statement.submit']);
  });

  it('lets the co-leading unit keep its own statement for the same task', async () => {
    expect(
      (
        await draft(
          paragraphsToRichText(['研究生院配合完成。']),
          r.tokens.contactB,
          r.tasks.T1,
          r.units.B,
        )
      ).status,
    ).toBe(200);
    const v = await submit(r.tokens.contactB, r.tasks.T1, r.units.B);
    expect(v.json.version).toBe(1);
  });

  it('keeps inspectors to reading, and other units out', async () => {
    const body = paragraphsToRichText(['x']);
    expect((await draft(body, r.tokens.member1)).status).toBe(403);
    expect((await submit(r.tokens.member1)).status).toBe(403);
    expect((await draft(body, r.tokens.contactB)).status).toBe(404);
    expect((await draft(body, r.tokens.contactC)).status).toBe(404);
    expect((await submit(r.tokens.contactC)).status).toBe(404);
    expect((await draft(body, r.tokens.member2)).status).toBe(404);
  });
});
