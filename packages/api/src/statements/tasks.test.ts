import { paragraphsToRichText } from '@rectify/domain';
import { describeEachDatabase } from '@rectify/store/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { evidenceTextSettled } from '../evidence/extract-text.ts';
import { makePng } from '../evidence/testing/files.ts';
import { uploadRaw } from '../evidence/testing/upload.ts';
import { createPortalTestApi } from './testing/portal-api.ts';
import { type PortalRound, seedPortalRound } from './testing/seed-round.ts';

describeEachDatabase('portal tasks', (db) => {
  let t: Awaited<ReturnType<typeof createPortalTestApi>>;
  let r: PortalRound;
  beforeAll(async () => {
    t = await createPortalTestApi(db().sql);
    r = await seedPortalRound(db().sql, t, 'tk');
  });
  afterAll(async () => {
    await evidenceTextSettled();
    t.cleanup();
  });

  it("lists a contact's tasks grouped by problem, with kind, deadline and statement state", async () => {
    await t.call('PUT', '/api/statements/draft', {
      token: r.tokens.contactA,
      body: { taskId: r.tasks.T2, unitId: r.units.A, body: paragraphsToRichText(['草稿']) },
    });
    const res = await t.call('GET', `/api/rounds/${r.roundId}/my-tasks`, {
      token: r.tokens.contactA,
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual([
      {
        roundId: r.roundId,
        unit: { id: r.units.A, name: '教务处-tk' },
        problems: [
          {
            id: expect.any(String),
            ordinal: 1,
            title: '落实立德树人根本任务有差距',
            tasks: [
              expect.objectContaining({
                id: r.tasks.T1,
                title: '修订本科生导师制实施办法',
                role: 'lead',
                kind: 'rules',
                kindLabel: '制度建设',
                deadline: '2023年6月底前',
                statement: {
                  status: 'none',
                  version: null,
                  submittedAt: null,
                  draftUpdatedAt: null,
                },
                evidenceCount: 0,
              }),
              expect.objectContaining({
                id: r.tasks.T2,
                kind: 'long_term',
                deadline: '长期坚持',
                statement: expect.objectContaining({ status: 'draft', version: null }),
              }),
            ],
          },
        ],
      },
    ]);
    const b = await t.call('GET', `/api/rounds/${r.roundId}/my-tasks`, {
      token: r.tokens.contactB,
    });
    expect(b.json[0].problems[0].tasks).toEqual([
      expect.objectContaining({ id: r.tasks.T1, role: 'co' }),
    ]);
    // Inspectors answer for no unit: an empty portal, not an error.
    const m = await t.call('GET', `/api/rounds/${r.roundId}/my-tasks`, { token: r.tokens.member1 });
    expect(m.json).toEqual([]);
  });

  it("shows a unit's tasks to its group and hides them from the other group and other units", async () => {
    const path = `/api/rounds/${r.roundId}/units/${r.units.A}/tasks`;
    const member = await t.call('GET', path, { token: r.tokens.member1 });
    expect(member.status).toBe(200);
    expect(member.json.problems[0].tasks.map((x: any) => x.id)).toEqual([r.tasks.T1, r.tasks.T2]);
    expect((await t.call('GET', path, { token: r.tokens.contactA })).status).toBe(200);
    expect((await t.call('GET', path, { token: r.tokens.admin })).status).toBe(200);
    expect((await t.call('GET', path, { token: r.tokens.member2 })).status).toBe(404);
    expect((await t.call('GET', path, { token: r.tokens.contactB })).status).toBe(404);
    expect((await t.call('GET', path)).status).toBe(401);
  });

  it('gives the task page with measures, co-units, draft, versions and evidence', async () => {
    await t.call('PUT', '/api/statements/draft', {
      token: r.tokens.contactA,
      body: { taskId: r.tasks.T1, unitId: r.units.A, body: paragraphsToRichText(['第一版']) },
    });
    const first = await uploadRaw(
      t,
      r.tokens.contactA,
      { taskId: r.tasks.T1, unitId: r.units.A, filename: '一.png' },
      makePng(31),
    );
    const v1 = await t.call('POST', '/api/statements/submit', {
      token: r.tokens.contactA,
      body: { taskId: r.tasks.T1, unitId: r.units.A },
    });
    t.clock.advance(1000);
    const draftOnly = await uploadRaw(
      t,
      r.tokens.contactA,
      { taskId: r.tasks.T1, unitId: r.units.A, filename: '二.png' },
      makePng(32),
    );

    const path = `/api/tasks/${r.tasks.T1}?unitId=${r.units.A}`;
    const own = await t.call('GET', path, { token: r.tokens.contactA });
    expect(own.status).toBe(200);
    expect(own.json).toMatchObject({
      task: { id: r.tasks.T1, ordinal: 1, title: '修订本科生导师制实施办法' },
      problem: { ordinal: 1, title: '落实立德树人根本任务有差距' },
      unit: { id: r.units.A, role: 'lead' },
      measures: [
        {
          content: '修订本科生导师制实施办法的措施',
          kind: 'rules',
          kindLabel: '制度建设',
          deadline: '2023年6月底前',
          lead: { id: r.units.A, name: '教务处-tk' },
          coUnits: [{ id: r.units.B, name: '研究生院-tk' }],
        },
      ],
      statement: { status: 'draft', version: 1, draft: paragraphsToRichText(['第一版']) },
      versions: [{ id: v1.json.id, version: 1 }],
    });
    expect(own.json.evidence.map((e: any) => [e.id, e.inDraft, e.versions])).toEqual([
      [first.json.id, true, [1]],
      [draftOnly.json.id, true, []],
    ]);

    // Inspectors see what was submitted, not the unit's work in progress.
    const inspector = await t.call('GET', path, { token: r.tokens.member1 });
    expect(inspector.status).toBe(200);
    expect(inspector.json.statement.draft).toBeNull();
    expect(inspector.json.evidence.map((e: any) => e.id)).toEqual([first.json.id]);

    // B co-leads T1 and sees its own side of it; A's side stays hidden from B.
    const coUnit = await t.call('GET', `/api/tasks/${r.tasks.T1}?unitId=${r.units.B}`, {
      token: r.tokens.contactB,
    });
    expect(coUnit.status).toBe(200);
    expect(coUnit.json.unit.role).toBe('co');
    expect(coUnit.json.evidence).toEqual([]);
    expect((await t.call('GET', path, { token: r.tokens.contactB })).status).toBe(404);
    expect((await t.call('GET', path, { token: r.tokens.member2 })).status).toBe(404);
    // A unit with no measure in the task: 404 even for its own contact.
    const notInTask = await t.call('GET', `/api/tasks/${r.tasks.T2}?unitId=${r.units.B}`, {
      token: r.tokens.contactB,
    });
    expect(notInTask.status).toBe(404);
  });
});
