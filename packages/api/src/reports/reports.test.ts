import { createHash } from 'node:crypto';
import { describeEachDatabase } from '@rectify/store/testing';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, type World } from '../lib/test-world.ts';
import { createTestApi } from '../testing.ts';
import { type ReportSeed, seedReportFindings } from './testing.ts';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describeEachDatabase('feedback reports over HTTP', (db) => {
  let t: Awaited<ReturnType<typeof createTestApi>>;
  let w: World;
  let s: ReportSeed;
  let a1: string;
  let a2: string;
  let b1: string;
  beforeAll(async () => {
    t = await createTestApi(db().sql);
    w = await seedWorld(t, db().sql);
    s = await seedReportFindings(db().sql, w);
  });
  afterAll(() => t.cleanup());

  type Who = keyof World['tokens'];
  const call = (who: Who, method: string, path: string, body?: unknown) =>
    t.call(method, `/api${path}`, { token: w.tokens[who], body });
  const raw = async (who: Who, path: string) => {
    const res = await t.app.request(`/api${path}`, {
      headers: { authorization: `Bearer ${w.tokens[who]}` },
    });
    return {
      status: res.status,
      headers: res.headers,
      bytes: new Uint8Array(await res.arrayBuffer()),
    };
  };
  const audits = async (action: string, id: string) =>
    (
      await db().sql<{ n: number }[]>`
        SELECT count(*)::int AS n FROM audit_log
        WHERE action = ${action} AND resource_id = ${id} AND outcome = 'ok'`
    )[0]!.n;

  describe('drafts', () => {
    it('creates one draft per unit for the group leader, and answers the same draft again', async () => {
      const r = await call('leader1', 'POST', `/rounds/${w.roundId}/reports`, {
        unitId: w.units.a1,
      });
      expect(r.status, r.text).toBe(201);
      a1 = r.json.id;
      expect(r.json).toMatchObject({
        state: 'draft',
        unit: { id: w.units.a1, name: '教务处' },
        group: { id: w.groups.g1, name: '第一巡视组' },
        groupBy: 'focus',
        canEdit: true,
        canIssue: true,
        sha256: null,
      });
      const again = await call('leader1', 'POST', `/rounds/${w.roundId}/reports`, {
        unitId: w.units.a1,
      });
      expect(again.status).toBe(200);
      expect(again.json.id).toBe(a1);
      a2 = (await call('leader1', 'POST', `/rounds/${w.roundId}/reports`, { unitId: w.units.a2 }))
        .json.id;
      b1 = (await call('admin', 'POST', `/rounds/${w.roundId}/reports`, { unitId: w.units.b1 }))
        .json.id;
    });

    it('refuses members, other groups and the unit contact', async () => {
      const body = { unitId: w.units.a1 };
      expect((await call('member1', 'POST', `/rounds/${w.roundId}/reports`, body)).status).toBe(
        403,
      );
      expect((await call('member2', 'POST', `/rounds/${w.roundId}/reports`, body)).status).toBe(
        404,
      );
      expect((await call('contact', 'POST', `/rounds/${w.roundId}/reports`, body)).status).toBe(
        404,
      );
      expect((await call('leadership', 'POST', `/rounds/${w.roundId}/reports`, body)).status).toBe(
        403,
      );
    });

    it('previews the content model: approved findings of the unit with evidence, never drafts', async () => {
      const r = await call('member1', 'GET', `/reports/${a1}`);
      expect(r.status).toBe(200);
      expect(r.json.canEdit).toBe(false);
      expect(r.json.model.title).toBe('关于对教务处中央巡视整改落实情况专项巡视的反馈意见');
      expect([...r.json.model.findingIds].sort()).toEqual(
        [s.findings.approved, s.findings.overdue].sort(),
      );
      const text = JSON.stringify(r.json.model);
      expect(text).not.toMatch(/草稿中的问题|组内确认的问题|研究生院的问题/);
      const problem = r.json.model.blocks.find(
        (b: any) => b.kind === 'problem' && b.findingId === s.findings.approved,
      );
      expect(problem.text).toBe(
        '一是导师制改革落实不到位。导师制改革落实不到位的具体事实。（见佐证材料《党委会会议纪要.pdf》第4页）',
      );
      expect(r.json.model.blocks.at(-1)).toEqual({ kind: 'date', text: '2026年3月2日' });
    });

    it('lets the leader edit the texts and the grouping, and no one else', async () => {
      const r = await call('leader1', 'PATCH', `/reports/${a1}`, {
        opening: '巡视组于2026年3月对教务处开展了专项巡视。',
        assessment: '总体评价文字。',
        requirements: '（一）压实责任。要切实负责。\n1. 立行立改的要立即整改。',
        signature: '校党委第一巡视组',
        date: '2026-11-27',
        groupBy: 'aspect',
      });
      expect(r.status, r.text).toBe(200);
      expect(r.json.texts).toMatchObject({
        opening: '巡视组于2026年3月对教务处开展了专项巡视。',
        date: '2026-11-27',
      });
      const headings = r.json.model.blocks
        .filter((b: any) => b.kind === 'heading')
        .map((b: any) => b.text);
      expect(headings).toEqual([
        '一、总体评价',
        '二、发现的主要问题',
        '（一）责任担当方面',
        '（二）工作机制方面',
        '三、整改意见和要求',
        '（一）压实责任。',
        '1. 立行立改的要立即整改。',
      ]);
      expect(r.json.model.blocks.at(-1)).toEqual({ kind: 'date', text: '2026年11月27日' });
      expect((await call('member1', 'PATCH', `/reports/${a1}`, { opening: 'x' })).status).toBe(403);
      expect((await call('contact', 'PATCH', `/reports/${a1}`, { opening: 'x' })).status).toBe(404);
      expect(
        (await call('leader1', 'PATCH', `/reports/${a1}`, { date: '27/11/2026' })).status,
      ).toBe(400);
    });

    it('exports a preview DOCX to the group, audited, and to nobody outside it', async () => {
      const r = await raw('member1', `/reports/${a1}/preview.docx`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toContain('wordprocessingml');
      const { value } = await mammoth.extractRawText({ buffer: Buffer.from(r.bytes) });
      expect(value).toContain('导师制改革落实不到位');
      expect(value).not.toContain('草稿中的问题');
      expect(await audits('report.export', a1)).toBe(1);
      expect((await raw('contact', `/reports/${a1}/preview.docx`)).status).toBe(404);
      expect((await raw('member2', `/reports/${a1}/preview.docx`)).status).toBe(404);
      expect((await raw('member1', `/reports/${a1}/download`)).status).toBe(409);
    });

    it('lists per unit what each caller may see', async () => {
      const leader = await call('leader1', 'GET', `/rounds/${w.roundId}/reports`);
      expect(leader.json.map((i: any) => i.unit?.name ?? null)).toEqual(['教务处', '研究生院']);
      expect(leader.json[0]).toMatchObject({
        report: { id: a1, state: 'draft' },
        approvedFindings: 2,
        deliveredFindings: 0,
      });
      const admin = await call('admin', 'GET', `/rounds/${w.roundId}/reports`);
      expect(admin.json.map((i: any) => i.unit?.name ?? null)).toEqual([
        null,
        '教务处',
        '研究生院',
        '科研处',
      ]);
      expect((await call('contact', 'GET', `/rounds/${w.roundId}/reports`)).json).toEqual([]);
    });
  });

  describe('issuing', () => {
    let issued: Record<string, any>;
    it('is for the group leader only', async () => {
      expect((await call('member1', 'POST', `/reports/${a1}/issue`)).status).toBe(403);
      expect((await call('leadership', 'POST', `/reports/${a1}/issue`)).status).toBe(403);
      expect((await call('contact', 'POST', `/reports/${a1}/issue`)).status).toBe(404);
    });

    it('stores the DOCX with its SHA-256, freezes the content and issues the unit’s approved findings', async () => {
      const r = await call('leader1', 'POST', `/reports/${a1}/issue`);
      expect(r.status, r.text).toBe(200);
      issued = r.json;
      expect(r.json).toMatchObject({ state: 'issued', canEdit: false, canIssue: false });
      expect(r.json.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(r.json.issuedBy.id).toBe(w.userIds.leader1);
      const rows = await db().sql<
        { id: string; state: string; reportId: string | null; frozen: any }[]
      >`SELECT id, state, report_id, frozen FROM findings WHERE unit_id = ${w.units.a1}`;
      const byId = new Map(rows.map((x) => [x.id, x]));
      for (const id of [s.findings.approved, s.findings.overdue]) {
        expect(byId.get(id)).toMatchObject({ state: 'issued', reportId: a1 });
      }
      expect(byId.get(s.findings.approved)!.frozen.questions[0]).toMatchObject({
        code: 'Q3',
        zh: '是否存在“纸面整改”“落而不实”情况',
      });
      expect(byId.get(s.findings.approved)!.frozen.aspect).toMatchObject({
        code: 'A2',
        zh: '工作机制',
      });
      expect(byId.get(s.findings.draft)!.state).toBe('draft');
      expect(byId.get(s.findings.confirmed)!.state).toBe('confirmed');
      const [t1] = await db().sql<{ from: string; to: string; actorId: string }[]>`
        SELECT from_state AS from, to_state AS to, actor_id FROM finding_transitions
        WHERE finding_id = ${s.findings.approved} ORDER BY id DESC LIMIT 1`;
      expect(t1).toEqual({ from: 'approved', to: 'issued', actorId: w.userIds.leader1 });
      expect(await audits('report.issue', a1)).toBe(1);
    });

    it('never changes afterwards: PATCH, issue and preview answer 409, the database refuses', async () => {
      expect((await call('leader1', 'PATCH', `/reports/${a1}`, { opening: '改' })).status).toBe(
        409,
      );
      expect((await call('leader1', 'POST', `/reports/${a1}/issue`)).status).toBe(409);
      expect((await raw('leader1', `/reports/${a1}/preview.docx`)).status).toBe(409);
      await expect(db().sql`UPDATE reports SET content = '{}' WHERE id = ${a1}`).rejects.toThrow(
        /issued reports never change/,
      );
      const again = await call('leader1', 'GET', `/reports/${a1}`);
      expect(again.json.model).toEqual(issued.model);
      expect(again.json.sha256).toBe(issued.sha256);
    });

    it('gives the unit contact its own issued report and problem list, byte for byte, audited', async () => {
      const r = await call('contact', 'GET', `/reports/${a1}`);
      expect(r.status).toBe(200);
      expect(r.json.model.attachment.rows.map((x: any) => x.problem)).toEqual([
        '整改台账更新不及时',
        '导师制改革落实不到位',
      ]);
      const first = await raw('contact', `/reports/${a1}/download`);
      expect(first.status).toBe(200);
      expect(first.headers.get('x-content-sha256')).toBe(issued.sha256);
      expect(sha256(first.bytes)).toBe(issued.sha256);
      const second = await raw('leader1', `/reports/${a1}/download`);
      expect(sha256(second.bytes)).toBe(issued.sha256);
      expect(second.bytes.length).toBe(issued.size);
      const { value } = await mammoth.extractRawText({ buffer: Buffer.from(first.bytes) });
      expect(value).toContain('关于对教务处中央巡视整改落实情况专项巡视的反馈意见');
      expect(value).not.toContain('草稿中的问题');
      expect(await audits('report.export', a1)).toBe(3);
      const [row] = await db().sql<{ actorId: string }[]>`
        SELECT actor_id FROM audit_log WHERE action = 'report.export' AND resource_id = ${a1}
        ORDER BY seq DESC LIMIT 1`;
      expect(row!.actorId).toBe(w.userIds.leader1);
      const listed = await call('contact', 'GET', `/rounds/${w.roundId}/reports`);
      expect(listed.json).toEqual([
        expect.objectContaining({
          unit: { id: w.units.a1, name: '教务处' },
          report: expect.objectContaining({ id: a1, state: 'issued' }),
          approvedFindings: null,
          deliveredFindings: 2,
        }),
      ]);
    });

    it('answers the unit contact 404 on every draft and on other units’ issued reports', async () => {
      const issuedB1 = await call('admin', 'POST', `/reports/${b1}/issue`);
      expect(issuedB1.status, issuedB1.text).toBe(200);
      for (const id of [a2, b1]) {
        expect((await call('contact', 'GET', `/reports/${id}`)).status).toBe(404);
        expect((await raw('contact', `/reports/${id}/download`)).status).toBe(404);
        expect((await raw('contact', `/reports/${id}/preview.docx`)).status).toBe(404);
      }
      expect((await raw('member2', `/reports/${a1}/download`)).status).toBe(404);
      expect((await raw('recused', `/reports/${a1}/download`)).status).toBe(404);
    });
  });

  describe('round summary', () => {
    it('is prepared and issued by administrators, covering every unit, hidden from the groups', async () => {
      expect(
        (await call('leader1', 'POST', `/rounds/${w.roundId}/reports`, { unitId: null })).status,
      ).toBe(404);
      const r = await call('admin', 'POST', `/rounds/${w.roundId}/reports`, {
        unitId: null,
        groupBy: 'aspect',
      });
      expect(r.status, r.text).toBe(201);
      expect(r.json.unit).toBeNull();
      expect(r.json.model.kind).toBe('summary');
      const units = r.json.model.blocks
        .filter((b: any) => b.kind === 'heading' && b.level === 2 && !b.rest)
        .map((b: any) => b.text);
      expect(units).toEqual(expect.arrayContaining(['（一）教务处']));
      expect(r.json.model.attachment.rows.map((x: any) => x.unitName).sort()).toEqual(
        ['教务处', '教务处', '研究生院', '科研处'].sort(),
      );
      expect((await call('leader1', 'GET', `/reports/${r.json.id}`)).status).toBe(404);
      expect((await call('leadership', 'GET', `/reports/${r.json.id}`)).status).toBe(200);
      const issued = await call('admin', 'POST', `/reports/${r.json.id}/issue`);
      expect(issued.status).toBe(200);
      const bytes = await raw('leadership', `/reports/${r.json.id}/download`);
      expect(sha256(bytes.bytes)).toBe(issued.json.sha256);
      // The summary delivers nothing by itself: the draft unit's approved finding stays approved.
      const [f] = await db().sql<
        { state: string }[]
      >`SELECT state FROM findings WHERE id = ${s.findings.a2}`;
      expect(f!.state).toBe('approved');
    });
  });
});
