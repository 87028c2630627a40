import { describeEachDatabase } from '@rectify/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidenceTextSettled } from '../evidence/extract-text.ts';
import { makePdf, makePng } from '../evidence/testing/files.ts';
import { seedWorld, type World } from '../lib/test-world.ts';
import { createTestApi } from '../testing.ts';
import { type ReportSeed, seedReportFindings } from './testing.ts';

describeEachDatabase('evidence for rectification answers', (db) => {
  let t: Awaited<ReturnType<typeof createTestApi>>;
  let w: World;
  let s: ReportSeed;
  let pdf: Buffer;
  beforeAll(async () => {
    t = await createTestApi(db().sql);
    w = await seedWorld(t, db().sql);
    s = await seedReportFindings(db().sql, w);
    const r = await t.call('POST', `/api/rounds/${w.roundId}/reports`, {
      token: w.tokens.leader1,
      body: { unitId: w.units.a1 },
    });
    const issued = await t.call('POST', `/api/reports/${r.json.id}/issue`, {
      token: w.tokens.leader1,
    });
    if (issued.status !== 200) throw new Error(issued.text);
    pdf = await makePdf([['Tutor training sign-in sheet']]);
  });
  afterAll(async () => {
    await evidenceTextSettled();
    t.cleanup();
  });

  type Who = keyof World['tokens'];
  const upload = async (who: Who, findingId: string, filename: string, body: Uint8Array) => {
    const res = await t.app.request(
      `/api/findings/${findingId}/evidence?${new URLSearchParams({ filename })}`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${w.tokens[who]}`,
          'content-type': 'application/octet-stream',
          'content-length': String(body.byteLength),
        },
        body: body as never,
      },
    );
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  };

  describe('the unit contact', () => {
    let evidenceId: string;
    it('uploads a file for an answer: stored as the unit’s evidence, outside every task draft', async () => {
      const r = await upload('contact', s.findings.approved, '导师培训签到表.pdf', pdf);
      expect(r.status).toBe(201);
      expect(r.json).toMatchObject({
        name: '导师培训签到表.pdf',
        mime: 'application/pdf',
        size: pdf.length,
      });
      evidenceId = r.json.id;
      const [row] = await db().sql<{ unitId: string; taskId: string | null }[]>`
        SELECT unit_id, task_id FROM evidence WHERE id = ${evidenceId}`;
      expect(row).toEqual({ unitId: w.units.a1, taskId: null });
      const [drafts] = await db().sql<{ n: number }[]>`
        SELECT count(*)::int AS n FROM statement_evidence WHERE evidence_id = ${evidenceId}`;
      expect(drafts!.n).toBe(0);
      const [logged] = await db().sql<{ n: number }[]>`
        SELECT count(*)::int AS n FROM audit_log
        WHERE action = 'evidence.upload' AND resource_id = ${evidenceId}`;
      expect(logged!.n).toBe(1);
    });

    it('gets the same evidence back when uploading the same bytes again', async () => {
      const r = await upload('contact', s.findings.overdue, '签到表（再次）.pdf', pdf);
      expect(r.status).toBe(200);
      expect(r.json.id).toBe(evidenceId);
    });

    it('sends it with the answer, and the group’s inspectors can download it', async () => {
      const a = await t.call('POST', `/api/findings/${s.findings.approved}/responses`, {
        token: w.tokens.contact,
        body: { measures: '开展导师培训', evidenceIds: [evidenceId] },
      });
      expect(a.status, a.text).toBe(201);
      expect(a.json.responses[0].evidence).toEqual([
        { id: evidenceId, name: '导师培训签到表.pdf', mime: 'application/pdf', size: pdf.length },
      ]);
      const res = await t.app.request(`/api/evidence/${evidenceId}/download`, {
        headers: { authorization: `Bearer ${w.tokens.member1}` },
      });
      expect(res.status).toBe(200);
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array(pdf));
    });

    it('is refused a file that is not what its name says', async () => {
      const r = await upload('contact', s.findings.overdue, '照片.pdf', makePng());
      expect(r.status).toBe(415);
      expect(r.json.error.code).toBe('unsupported_media_type');
    });
  });

  describe('everyone else', () => {
    it('cannot upload for an answer: inspectors 403, strangers and other groups 404', async () => {
      const f = s.findings.overdue;
      expect((await upload('member1', f, 'a.pdf', pdf)).status).toBe(403);
      expect((await upload('leader1', f, 'a.pdf', pdf)).status).toBe(403);
      expect((await upload('leadership', f, 'a.pdf', pdf)).status).toBe(403);
      expect((await upload('member2', f, 'a.pdf', pdf)).status).toBe(404);
      expect((await upload('stranger', f, 'a.pdf', pdf)).status).toBe(404);
    });

    it('hides undelivered findings and other units’ findings from the contact', async () => {
      for (const id of [s.findings.draft, s.findings.confirmed, s.findings.a2, s.findings.b1]) {
        expect((await upload('contact', id, 'a.pdf', pdf)).status).toBe(404);
      }
    });
  });
});
