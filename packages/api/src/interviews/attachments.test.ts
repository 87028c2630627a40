import { createHash } from 'node:crypto';
import { createSession } from '@rectify/store';
import { describeEachDatabase } from '@rectify/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidenceTextSettled } from '../evidence/extract-text.ts';
import { makePdf, makePng } from '../evidence/testing/files.ts';
import { uploadRaw } from '../evidence/testing/upload.ts';
import { seedWorld, type World } from '../lib/test-world.ts';
import { type ReportSeed, seedReportFindings } from '../reports/testing.ts';
import { createPortalTestApi } from '../statements/testing/portal-api.ts';
import { type PortalRound, seedPortalRound } from '../statements/testing/seed-round.ts';
import { createTestApi, insertUser } from '../testing.ts';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
/** A phrase only the scanned record holds (Helvetica draws Latin text only). */
const PHRASE = 'mentor quota exceeded in 7 colleges';

describeEachDatabase('interview record attachments over HTTP', (db) => {
  let t: Awaited<ReturnType<typeof createPortalTestApi>>;
  let r: PortalRound;
  /** Everyone the access rows talk about. */
  let tokens: PortalRound['tokens'] & { leader1: string; member3: string; leadership: string };
  let interviewId: string;
  let scan: Buffer;
  let attachmentId: string;

  const attach = async (
    token: string,
    id: string,
    filename: string,
    body: Uint8Array,
    opts: { contentLength?: number } = {},
  ) => {
    const res = await t.app.request(
      `/api/interviews/${id}/attachments?${new URLSearchParams({ filename })}`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/octet-stream',
          'content-length': String(opts.contentLength ?? body.byteLength),
        },
        body: body as never,
        duplex: 'half',
      } as RequestInit,
    );
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  };
  const blobCount = async () => {
    let n = 0;
    for await (const _ of t.deps.blobs.list()) n++;
    return n;
  };

  beforeAll(async () => {
    t = await createPortalTestApi(db().sql, { maxUploadBytes: 64 * 1024 });
    r = await seedPortalRound(db().sql, t, 'iva');
    // The seats the portal round lacks: group 1's leader, a second member of
    // group 1 who did not take part, and the leadership group.
    const extra = { leader1: '', member3: '', leadership: '' };
    for (const [who, role, group] of [
      ['leader1', 'leader', r.groups.g1],
      ['member3', 'member', r.groups.g1],
      ['leadership', 'leadership', null],
    ] as const) {
      const id = await insertUser(db().sql, { username: `${who}_iva` });
      await db().sql`INSERT INTO memberships (round_id, user_id, role, group_id, unit_id)
                     VALUES (${r.roundId}, ${id}, ${role}, ${group}, NULL)`;
      extra[who] = (await createSession(db().sql, id, t.clock(), t.deps.auth)).token;
    }
    tokens = { ...r.tokens, ...extra };

    const created = await t.call('POST', `/api/rounds/${r.roundId}/interviews`, {
      token: tokens.member1,
      body: { unitId: r.units.A, heldOn: '2026-03-04', intervieweeName: '赵六' },
    });
    expect(created.status).toBe(201);
    interviewId = created.json.id;
    scan = await makePdf([['Interview record, signed.'], [`Finding: ${PHRASE}.`]]);
    const up = await attach(tokens.member1, interviewId, '谈话记录（签字）.pdf', scan);
    expect(up.status).toBe(201);
    attachmentId = up.json.id;
  });
  afterAll(async () => {
    await evidenceTextSettled();
    t.cleanup();
  });

  it('stores a scan through the evidence pipeline and lists it on the record', async () => {
    const detail = await t.call('GET', `/api/interviews/${interviewId}`, {
      token: tokens.member1,
    });
    expect(detail.status).toBe(200);
    expect(detail.json.attachments).toEqual([
      {
        id: attachmentId,
        name: '谈话记录（签字）.pdf',
        mime: 'application/pdf',
        size: scan.length,
        pages: 2,
        uploadedAt: expect.any(String),
      },
    ]);
    expect(await t.deps.blobs.has(sha256(scan))).toBe(true);
    const [row] = await db().sql<{ unitId: string; taskId: string | null }[]>`
      SELECT unit_id, task_id FROM evidence WHERE id = ${attachmentId}`;
    expect(row).toEqual({ unitId: r.units.A, taskId: null });
  });

  it('answers the existing attachment when the same file is attached again', async () => {
    const again = await attach(tokens.member1, interviewId, '再次上传.pdf', scan);
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(attachmentId);
  });

  it('serves the file on every evidence route to the interviewer, the group leader and administrators only', async () => {
    const routes = [
      `/api/evidence/${attachmentId}`,
      `/api/evidence/${attachmentId}/download`,
      `/api/evidence/${attachmentId}/raw`,
      `/api/evidence/${attachmentId}/preview`,
      `/api/evidence/${attachmentId}/pages/2/text`,
    ];
    const seats = [
      'member1',
      'leader1',
      'admin',
      'contactA',
      'member3',
      'leadership',
      'member2',
      'contactB',
    ] as const;
    const matrix: Record<string, Record<string, number>> = {};
    for (const who of seats) {
      matrix[who] = {};
      for (const path of routes) {
        const res = await t.call('GET', path, { token: tokens[who] });
        matrix[who][path.replace(attachmentId, ':id')] = res.status;
      }
    }
    const all = (status: number) =>
      Object.fromEntries(routes.map((p) => [p.replace(attachmentId, ':id'), status]));
    expect(matrix).toEqual({
      member1: all(200),
      leader1: all(200),
      admin: all(200),
      contactA: all(404),
      member3: all(404),
      leadership: all(404),
      member2: all(404),
      contactB: all(404),
    });
    const text = await t.call('GET', `/api/evidence/${attachmentId}/pages/2/text`, {
      token: tokens.leader1,
    });
    expect(text.json.text).toContain(PHRASE);
  });

  it('does not let the unit’s contact delete it through the evidence route', async () => {
    const res = await t.call('DELETE', `/api/evidence/${attachmentId}`, {
      token: tokens.contactA,
    });
    expect(res.status).toBe(404);
    expect(
      (await t.call('GET', `/api/evidence/${attachmentId}`, { token: tokens.member1 })).status,
    ).toBe(200);
  });

  it('takes uploads only from those who may change the record', async () => {
    for (const who of ['contactA', 'member3', 'leadership', 'member2'] as const) {
      const res = await attach(tokens[who], interviewId, '扫描件.png', makePng(40));
      expect({ who, status: res.status }).toEqual({ who, status: 404 });
    }
    const byLeader = await attach(tokens.leader1, interviewId, '扫描件.png', makePng(41));
    expect(byLeader.status).toBe(201);
    expect(byLeader.json.mime).toBe('image/png');
  });

  it('refuses a file that is not what its name says (415) and one over the limit (413), keeping nothing', async () => {
    const before = await blobCount();
    const [attachedBefore] = await db().sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM interview_attachments WHERE interview_id = ${interviewId}`;
    const mismatched = await attach(tokens.member1, interviewId, '谈话记录.pdf', makePng(42));
    expect(mismatched.status).toBe(415);
    expect(mismatched.json.error.code).toBe('unsupported_media_type');
    const exe = await attach(tokens.member1, interviewId, 'setup.exe', Buffer.from('MZ....'));
    expect(exe.status).toBe(415);
    const declared = await attach(tokens.member1, interviewId, '大扫描件.pdf', Buffer.alloc(10), {
      contentLength: 65 * 1024,
    });
    expect(declared.status).toBe(413);
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(70 * 1024, 0x20)]);
    const streamed = await attach(tokens.member1, interviewId, '大扫描件.pdf', big);
    expect(streamed.status).toBe(413);
    expect(streamed.json.error.code).toBe('payload_too_large');
    expect(await blobCount()).toBe(before);
    const [attachedAfter] = await db().sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM interview_attachments WHERE interview_id = ${interviewId}`;
    expect(attachedAfter!.n).toBe(attachedBefore!.n);
  });

  describe('never the unit’s evidence', () => {
    it('stays out of the unit’s task evidence and out of reuse flags, even for the same bytes', async () => {
      const own = await uploadRaw(
        t,
        tokens.contactA,
        { taskId: r.tasks.T1, unitId: r.units.A, filename: '同一文件.pdf' },
        scan,
      );
      expect(own.status).toBe(201);
      expect(own.json.id).not.toBe(attachmentId);
      expect(own.json.reusedElsewhere).toEqual([]);
      for (const who of ['contactA', 'member1', 'leader1'] as const) {
        const task = await t.call('GET', `/api/tasks/${r.tasks.T1}?unitId=${r.units.A}`, {
          token: tokens[who],
        });
        expect(task.status).toBe(200);
        const ids = JSON.stringify(task.json);
        expect({ who, listed: ids.includes(attachmentId) }).toEqual({ who, listed: false });
        const one = await t.call('GET', `/api/evidence/${own.json.id}`, { token: tokens[who] });
        expect({ who, reuse: one.json.reusedElsewhere }).toEqual({ who, reuse: [] });
      }
    });

    it('is found in search as the interview by its readers, and by nobody else, counts included', async () => {
      // The unit's own copy of the same bytes (previous test) is unit evidence:
      // found as such by whoever reads unit A's material; the record's copy only
      // as the interview, only by the record's readers.
      const find = async (who: keyof typeof tokens, kinds?: string) => {
        const qs = new URLSearchParams({ q: 'quota exceeded', ...(kinds ? { kinds } : {}) });
        const res = await t.call('GET', `/api/rounds/${r.roundId}/search?${qs}`, {
          token: tokens[who],
        });
        expect(res.status).toBe(200);
        const hits = res.json.hits as Array<{ kind: string; id: string; part: number }>;
        return {
          total: res.json.total as number,
          interview: res.json.counts.interview as number,
          evidence: res.json.counts.evidence as number,
          hits: hits.map(
            (h) =>
              `${h.kind}:${h.id === interviewId ? 'record' : h.id === attachmentId ? 'ATTACHMENT' : 'unit'}:${h.part}`,
          ),
        };
      };
      for (const who of ['member1', 'leader1', 'admin'] as const) {
        expect({ who, ...(await find(who)) }).toEqual({
          who,
          total: 2,
          interview: 1,
          evidence: 1,
          hits: ['evidence:unit:2', 'interview:record:2'],
        });
      }
      for (const who of ['contactA', 'member3', 'leadership'] as const) {
        expect({ who, ...(await find(who)) }).toEqual({
          who,
          total: 1,
          interview: 0,
          evidence: 1,
          hits: ['evidence:unit:2'],
        });
      }
      expect(await find('member2')).toEqual({ total: 0, interview: 0, evidence: 0, hits: [] });
      // Asked for evidence only, the record's copy is not evidence.
      expect((await find('member1', 'evidence')).hits).toEqual(['evidence:unit:2']);
      const [hit] = (
        await t.call(
          'GET',
          `/api/rounds/${r.roundId}/search?q=${encodeURIComponent('quota exceeded')}&kinds=interview`,
          { token: tokens.member1 },
        )
      ).json.hits;
      expect(hit).toMatchObject({
        kind: 'interview',
        id: interviewId,
        target: { title: '2026-03-04' },
      });
    });
  });

  it('takes a file off the record, after which no route serves it', async () => {
    const stranger = await t.call(
      'DELETE',
      `/api/interviews/${interviewId}/attachments/${attachmentId}`,
      { token: tokens.member3 },
    );
    expect(stranger.status).toBe(404);
    const res = await t.call(
      'DELETE',
      `/api/interviews/${interviewId}/attachments/${attachmentId}`,
      {
        token: tokens.member1,
      },
    );
    expect(res.status).toBe(200);
    expect(
      (await t.call('GET', `/api/evidence/${attachmentId}`, { token: tokens.member1 })).status,
    ).toBe(404);
    const detail = await t.call('GET', `/api/interviews/${interviewId}`, { token: tokens.member1 });
    expect(detail.json.attachments.map((a: { id: string }) => a.id)).not.toContain(attachmentId);
    // The unit's own copy of the same bytes keeps the blob.
    expect(await t.deps.blobs.has(sha256(scan))).toBe(true);
  });
});

describeEachDatabase('interview attachments and the unit’s rectification answers', (db) => {
  let t: Awaited<ReturnType<typeof createTestApi>>;
  let w: World;
  let s: ReportSeed;
  let scan: Buffer;
  let attachmentId: string;
  const post = async (token: string, path: string, body: Uint8Array) => {
    const res = await t.app.request(path, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/octet-stream',
        'content-length': String(body.byteLength),
      },
      body: body as never,
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  };
  beforeAll(async () => {
    t = await createTestApi(db().sql);
    w = await seedWorld(t, db().sql);
    s = await seedReportFindings(db().sql, w);
    const report = await t.call('POST', `/api/rounds/${w.roundId}/reports`, {
      token: w.tokens.leader1,
      body: { unitId: w.units.a1 },
    });
    const issued = await t.call('POST', `/api/reports/${report.json.id}/issue`, {
      token: w.tokens.leader1,
    });
    if (issued.status !== 200) throw new Error(issued.text);
    const iv = await t.call('POST', `/api/rounds/${w.roundId}/interviews`, {
      token: w.tokens.member1,
      body: { unitId: w.units.a1, heldOn: '2026-03-05', intervieweeName: '孙八' },
    });
    scan = await makePdf([['Signed interview record']]);
    const up = await post(
      w.tokens.member1,
      `/api/interviews/${iv.json.id}/attachments?filename=${encodeURIComponent('记录.pdf')}`,
      scan,
    );
    expect(up.status).toBe(201);
    attachmentId = up.json.id;
  });
  afterAll(async () => {
    await evidenceTextSettled();
    t.cleanup();
  });

  it('gives the unit its own evidence row for the same bytes, never the record’s', async () => {
    const r = await post(
      w.tokens.contact,
      `/api/findings/${s.findings.approved}/evidence?filename=${encodeURIComponent('签到表.pdf')}`,
      scan,
    );
    expect(r.status).toBe(201);
    expect(r.json.id).not.toBe(attachmentId);
  });

  it('refuses the record’s file in the unit’s answer', async () => {
    const a = await t.call('POST', `/api/findings/${s.findings.approved}/responses`, {
      token: w.tokens.contact,
      body: { measures: '开展导师培训', evidenceIds: [attachmentId] },
    });
    expect(a.status).toBe(400);
    expect(a.json.error.message).toContain('evidenceIds');
  });
});
