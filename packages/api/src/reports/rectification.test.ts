import { describeEachDatabase } from '@rectify/store/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, type World } from '../lib/test-world.ts';
import { createTestApi } from '../testing.ts';
import { type ReportSeed, seedReportFindings } from './testing.ts';

describeEachDatabase('rectification follow-up over HTTP', (db) => {
  let t: Awaited<ReturnType<typeof createTestApi>>;
  let w: World;
  let s: ReportSeed;
  let f: string;
  beforeAll(async () => {
    t = await createTestApi(db().sql);
    w = await seedWorld(t, db().sql);
    s = await seedReportFindings(db().sql, w);
    // Deliver 教务处's approved findings the only way there is: issue its report.
    const r = await t.call('POST', `/api/rounds/${w.roundId}/reports`, {
      token: w.tokens.leader1,
      body: { unitId: w.units.a1 },
    });
    const issued = await t.call('POST', `/api/reports/${r.json.id}/issue`, {
      token: w.tokens.leader1,
    });
    if (issued.status !== 200) throw new Error(issued.text);
    f = s.findings.approved;
  });
  afterAll(() => t.cleanup());

  type Who = keyof World['tokens'];
  const call = (who: Who, method: string, path: string, body?: unknown) =>
    t.call(method, `/api${path}`, { token: w.tokens[who], body });
  const answer = (who: Who, body: Record<string, unknown>) =>
    call(who, 'POST', `/findings/${f}/responses`, body);
  const review = (who: Who, responseId: string, decision: string, comment = '') =>
    call(who, 'POST', `/rectification-responses/${responseId}/review`, { decision, comment });
  const state = async (id: string) =>
    (await db().sql<{ state: string }[]>`SELECT state FROM findings WHERE id = ${id}`)[0]!.state;

  describe('who follows what', () => {
    it('lists the unit’s delivered findings to its contact and the group, overdue flagged', async () => {
      const mine = await call('contact', 'GET', `/rounds/${w.roundId}/rectification`);
      expect(mine.status).toBe(200);
      expect(mine.json.map((i: any) => i.finding.title).sort()).toEqual(
        ['导师制改革落实不到位', '整改台账更新不及时'].sort(),
      );
      const overdue = mine.json.find((i: any) => i.finding.id === s.findings.overdue);
      expect(overdue).toMatchObject({
        status: 'awaiting_answer',
        overdue: true,
        canAnswer: true,
        canReview: false,
      });
      expect(overdue.finding.questions[0].zh).toContain('牵头单位是否加强统筹协调');
      expect(overdue.finding.aspect).toMatchObject({ code: 'A1', zh: '责任担当' });
      const inspector = await call(
        'member1',
        'GET',
        `/rounds/${w.roundId}/rectification?overdue=true`,
      );
      expect(inspector.json.map((i: any) => i.finding.id)).toEqual([s.findings.overdue]);
      expect(inspector.json[0]).toMatchObject({ canAnswer: false });
      expect((await call('member2', 'GET', `/rounds/${w.roundId}/rectification`)).json).toEqual([]);
      expect((await call('recused', 'GET', `/rounds/${w.roundId}/rectification`)).json).toEqual([]);
    });

    it('hides undelivered findings and other units from the contact', async () => {
      for (const id of [s.findings.draft, s.findings.confirmed, s.findings.a2, s.findings.b1]) {
        expect((await call('contact', 'GET', `/findings/${id}/rectification`)).status).toBe(404);
        expect(
          (await call('contact', 'POST', `/findings/${id}/responses`, { measures: '措施' })).status,
        ).toBe(404);
      }
      expect((await call('member2', 'GET', `/findings/${f}/rectification`)).status).toBe(404);
    });

    it('lets only the unit answer', async () => {
      expect((await answer('member1', { measures: '代答' })).status).toBe(403);
      expect((await answer('leader1', { measures: '代答' })).status).toBe(403);
      expect((await answer('leadership', { measures: '代答' })).status).toBe(403);
      expect((await answer('stranger', { measures: '代答' })).status).toBe(404);
    });

    it('accepts only the unit’s own evidence', async () => {
      const r = await answer('contact', { measures: '措施', evidenceIds: [s.evidence.foreign] });
      expect(r.status).toBe(400);
      expect(r.json.error.message).toMatch(/^evidenceIds:/);
      expect(await state(f)).toBe('issued');
    });
  });

  describe('answer → return → answer → close', () => {
    let first: string;
    let second: string;
    it('takes the first answer, moving the finding to rectifying', async () => {
      const r = await answer('contact', {
        measures: '修订导师遴选办法，召开专题会议部署',
        progress: '已完成办法修订，正在组织培训',
        evidenceIds: [s.evidence.minutes],
      });
      expect(r.status, r.text).toBe(201);
      expect(r.json).toMatchObject({
        status: 'awaiting_review',
        canAnswer: false,
        canReview: false,
      });
      expect(r.json.finding.state).toBe('rectifying');
      expect(r.json.responses).toHaveLength(1);
      expect(r.json.responses[0]).toMatchObject({
        measures: '修订导师遴选办法，召开专题会议部署',
        reviewState: 'pending',
        submittedBy: { id: w.userIds.contact },
        evidence: [{ id: s.evidence.minutes, name: '党委会会议纪要.pdf' }],
      });
      first = r.json.responses[0].id;
      expect((await answer('contact', { measures: '再答' })).status).toBe(409);
    });

    it('lets inspectors of the group return it with a comment, not the unit or another group', async () => {
      expect((await review('contact', first, 'accept')).status).toBe(403);
      expect((await review('leadership', first, 'accept')).status).toBe(403);
      expect((await review('member2', first, 'accept')).status).toBe(404);
      expect((await review('member1', first, 'return')).status).toBe(400);
      const listed = await call('member1', 'GET', `/findings/${f}/rectification`);
      expect(listed.json.canReview).toBe(true);
      const r = await review('member1', first, 'return', '佐证材料不足，请补充培训记录');
      expect(r.status, r.text).toBe(200);
      expect(r.json).toMatchObject({ status: 'returned', canReview: false });
      expect(r.json.responses[0]).toMatchObject({
        reviewState: 'returned',
        reviewComment: '佐证材料不足，请补充培训记录',
        reviewedBy: { id: w.userIds.member1 },
      });
      expect(await state(f)).toBe('rectifying');
      expect((await review('leader1', first, 'accept')).status).toBe(409);
    });

    it('takes the second answer, which the leader accepts: the finding is closed (销号)', async () => {
      const again = await answer('contact', {
        measures: '补充开展导师培训',
        progress: '培训已完成',
        evidenceIds: [s.evidence.photo, s.evidence.minutes],
      });
      expect(again.status).toBe(201);
      expect(again.json.responses).toHaveLength(2);
      second = again.json.responses[1].id;
      const r = await review('leader1', second, 'accept');
      expect(r.status, r.text).toBe(200);
      expect(r.json).toMatchObject({ status: 'closed', overdue: false, canAnswer: false });
      expect(r.json.finding.state).toBe('closed');
      expect(r.json.responses[1].reviewState).toBe('accepted');
      expect((await answer('contact', { measures: '还要再答' })).status).toBe(409);
      const transitions = await db().sql<{ from: string | null; to: string }[]>`
        SELECT from_state AS from, to_state AS to FROM finding_transitions
        WHERE finding_id = ${f} ORDER BY id`;
      expect(transitions.map((x) => `${x.from}→${x.to}`)).toEqual([
        'approved→issued',
        'issued→rectifying',
        'rectifying→closed',
      ]);
      const actions = await db().sql<{ action: string }[]>`
        SELECT action FROM audit_log WHERE resource_id = ${f} AND outcome = 'ok'
          AND action LIKE 'rectification.%' ORDER BY seq`;
      expect(actions.map((a) => a.action)).toEqual([
        'rectification.answer',
        'rectification.return',
        'rectification.answer',
        'rectification.accept',
      ]);
    });
  });

  describe('the ledger (整改台账)', () => {
    it('exports what the caller follows as XLSX, overdue marked, and audits it', async () => {
      const res = await t.app.request(`/api/rounds/${w.roundId}/rectification/ledger.xlsx`, {
        headers: { authorization: `Bearer ${w.tokens.contact}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await res.arrayBuffer());
      const ws = wb.getWorksheet('整改台账')!;
      expect(ws.getRow(2).values).toEqual([
        undefined,
        '序号',
        '责任单位',
        '发现问题',
        '整改要求',
        '整改措施',
        '填报人',
        '完成时限',
        '整改进展',
        '状态',
        '佐证材料',
      ]);
      const rows = [3, 4].map((n) => ws.getRow(n).values as unknown[]);
      const closed = rows.find((r) => r[3] === '导师制改革落实不到位')!;
      expect(closed.slice(2)).toEqual([
        '教务处',
        '导师制改革落实不到位',
        '限期整改到位',
        '补充开展导师培训',
        'contact',
        '2026年12月31日',
        '培训已完成',
        '已销号',
        '党委会会议纪要.pdf\n整改现场照片.pdf',
      ]);
      const late = rows.find((r) => r[3] === '整改台账更新不及时')!;
      expect(late[9]).toBe('待整改（逾期）');
      expect(ws.getRow(rows.indexOf(late) + 3).getCell(3).font?.color?.argb).toBe('FFC00000');
      expect(ws.getRow(5).getCell(3).value).toBeNull();
      const [audit] = await db().sql<{ n: number }[]>`
        SELECT count(*)::int AS n FROM audit_log
        WHERE action = 'rectification.export' AND actor_id = ${w.userIds.contact}`;
      expect(audit!.n).toBe(1);
      const other = await t.app.request(`/api/rounds/${w.roundId}/rectification/ledger.xlsx`, {
        headers: { authorization: `Bearer ${w.tokens.member2}` },
      });
      const wb2 = new ExcelJS.Workbook();
      await wb2.xlsx.load(await other.arrayBuffer());
      expect(wb2.getWorksheet('整改台账')!.getRow(3).getCell(3).value).toBeNull();
    });
  });
});
