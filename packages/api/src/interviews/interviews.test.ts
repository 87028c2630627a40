import { describeEachDatabase } from '@rectify/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, type World } from '../lib/test-world.ts';
import { createTestApi } from '../testing.ts';

describeEachDatabase('interview records over HTTP', (db) => {
  let t: Awaited<ReturnType<typeof createTestApi>>;
  let w: World;
  let id: string;
  beforeAll(async () => {
    t = await createTestApi(db().sql);
    w = await seedWorld(t, db().sql);
    const r = await t.call('POST', `/api/rounds/${w.roundId}/interviews`, {
      token: w.tokens.member1,
      body: {
        unitId: w.units.a2,
        heldOn: '2026-03-03',
        place: '行政楼 302',
        intervieweeName: '赵六',
        intervieweePost: '研究生院副院长',
      },
    });
    expect(r.status).toBe(201);
    id = r.json.id;
  });
  afterAll(() => t.cleanup());

  it('records who conducted it, with the recorder among the interviewers', async () => {
    const r = await t.call('GET', `/api/interviews/${id}`, { token: w.tokens.member1 });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      heldOn: '2026-03-03',
      place: '行政楼 302',
      interviewee: { name: '赵六', post: '研究生院副院长' },
      interviewers: [{ id: w.userIds.member1 }],
      recordDoc: `interview.${id}`,
    });
  });

  it('is readable by its interviewer, the group leader and administrators, and by nobody else', async () => {
    const status = async (who: keyof World['tokens']) =>
      (await t.call('GET', `/api/interviews/${id}`, { token: w.tokens[who] })).status;
    const rows = {
      member1: await status('member1'),
      leader1: await status('leader1'),
      admin: await status('admin'),
      recused: await status('recused'), // another member of the same group
      member2: await status('member2'),
      contact: await status('contact'),
      leadership: await status('leadership'),
      stranger: await status('stranger'),
    };
    expect(rows).toEqual({
      member1: 200,
      leader1: 200,
      admin: 200,
      recused: 404,
      member2: 404,
      contact: 404,
      leadership: 404,
      stranger: 404,
    });
  });

  it('lists only the records the caller may read, and never says who was interviewed to others', async () => {
    const names = async (who: keyof World['tokens']) => {
      const r = await t.call('GET', `/api/rounds/${w.roundId}/interviews`, {
        token: w.tokens[who],
      });
      return r.status === 200 ? JSON.stringify(r.json) : String(r.status);
    };
    expect(await names('member1')).toContain('赵六');
    expect(await names('leader1')).toContain('赵六');
    for (const who of ['recused', 'member2', 'contact', 'leadership'] as const) {
      expect({ who, leaked: (await names(who)).includes('赵六') }).toEqual({ who, leaked: false });
    }
  });

  it('audits every reading of a record', async () => {
    await t.call('GET', `/api/interviews/${id}`, { token: w.tokens.leader1 });
    const rows = await db().sql<{ actorLabel: string }[]>`
      SELECT actor_label FROM audit_log WHERE action = 'interview.read' AND resource_id = ${id}`;
    expect(rows.map((r) => r.actorLabel)).toContain('leader1');
  });

  it('lets an interviewer add a colleague, who then may read it; refuses people outside the group', async () => {
    const stranger = await t.call('PATCH', `/api/interviews/${id}`, {
      token: w.tokens.member1,
      body: { interviewerIds: [w.userIds.member1, w.userIds.member2] },
    });
    expect(stranger.status).toBe(400);
    expect(stranger.json.error.message).toContain('interviewerIds');
    const add = await t.call('PATCH', `/api/interviews/${id}`, {
      token: w.tokens.member1,
      body: { interviewerIds: [w.userIds.member1, w.userIds.recused] },
    });
    expect(add.status).toBe(200);
    expect((await t.call('GET', `/api/interviews/${id}`, { token: w.tokens.recused })).status).toBe(
      200,
    );
  });

  it('refuses a member recording an interview of another group’s unit', async () => {
    const r = await t.call('POST', `/api/rounds/${w.roundId}/interviews`, {
      token: w.tokens.member1,
      body: { unitId: w.units.b1, heldOn: '2026-03-03', intervieweeName: '钱七' },
    });
    expect(r.status).toBe(404);
  });

  it('offers the unit’s group as co-interviewers to those who may record, and nobody else', async () => {
    const path = `/api/rounds/${w.roundId}/interviews/people?unitId=${w.units.a2}`;
    const r = await t.call('GET', path, { token: w.tokens.member1 });
    expect(r.status).toBe(200);
    const ids = (r.json as Array<{ id: string }>).map((p) => p.id);
    expect(ids).toContain(w.userIds.member1);
    expect(ids).toContain(w.userIds.leader1);
    expect(ids).not.toContain(w.userIds.member2);
    for (const who of ['member2', 'contact', 'leadership'] as const) {
      expect({ who, status: (await t.call('GET', path, { token: w.tokens[who] })).status }).toEqual(
        { who, status: 404 },
      );
    }
  });

  describe('malformed input', () => {
    it('names the field', async () => {
      const r = await t.call('POST', `/api/rounds/${w.roundId}/interviews`, {
        token: w.tokens.member1,
        body: { unitId: w.units.a2, heldOn: '3月3日', intervieweeName: '' },
      });
      expect(r.status).toBe(400);
      expect(r.json.error.message).toMatch(/heldOn|intervieweeName/);
    });
  });
});
