import { createHash } from 'node:crypto';
import { describeEachDatabase } from '@rectify/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalTestApi } from '../statements/testing/portal-api.ts';
import { type PortalRound, seedPortalRound } from '../statements/testing/seed-round.ts';
import { evidenceTextSettled } from './extract-text.ts';
import { makeDocx, makePdf, makePng, makeXlsx, SVG } from './testing/files.ts';
import { uploadRaw } from './testing/upload.ts';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describeEachDatabase('evidence upload', (db) => {
  let t: Awaited<ReturnType<typeof createPortalTestApi>>;
  let r: PortalRound;
  const blobCount = async () => {
    let n = 0;
    for await (const _ of t.deps.blobs.list()) n++;
    return n;
  };

  beforeAll(async () => {
    t = await createPortalTestApi(db().sql, { maxUploadBytes: 64 * 1024 });
    r = await seedPortalRound(db().sql, t, 'up');
  });
  afterAll(async () => {
    await evidenceTextSettled();
    t.cleanup();
  });

  const asA = (filename: string, body: Uint8Array, task = 'T1' as 'T1' | 'T2') =>
    uploadRaw(t, r.tokens.contactA, { taskId: r.tasks[task], unitId: r.units.A, filename }, body);

  it('stores a PDF by its hash, attaches it to the draft and extracts the text of every page', async () => {
    const pdf = await makePdf([
      ['Article 1. Every undergraduate has a tutor.'],
      ['Article 7. Tutors keep a record of each meeting.'],
      ['Annex: 1,236 tutors in total.'],
    ]);
    const up = await asA('导师制实施办法.pdf', pdf);
    expect(up.status).toBe(201);
    expect(up.json).toMatchObject({
      hash: sha256(pdf),
      size: pdf.length,
      mime: 'application/pdf',
      originalName: '导师制实施办法.pdf',
      storedName: '导师制实施办法.pdf',
      pages: 3,
      textState: 'done',
      inDraft: true,
      versions: [],
      reusedElsewhere: [],
    });
    expect(await t.deps.blobs.has(sha256(pdf))).toBe(true);
    for (const [page, text] of [
      [1, 'Article 1. Every undergraduate has a tutor.'],
      [2, 'Article 7. Tutors keep a record of each meeting.'],
      [3, 'Annex: 1,236 tutors in total.'],
    ] as const) {
      const res = await t.call('GET', `/api/evidence/${up.json.id}/pages/${page}/text`, {
        token: r.tokens.member1,
      });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ evidenceId: up.json.id, page, pages: 3, text });
    }
    const missing = await t.call('GET', `/api/evidence/${up.json.id}/pages/4/text`, {
      token: r.tokens.contactA,
    });
    expect(missing.status).toBe(404);
    const [audit] = await db().sql<{ action: string; details: Record<string, unknown> }[]>`
      SELECT action, details FROM audit_log WHERE resource_id = ${up.json.id} AND action = 'evidence.upload'`;
    expect(audit?.details).toMatchObject({ hash: sha256(pdf), size: pdf.length });
  });

  it('extracts DOCX text as page 1, and accepts XLSX, images and UTF-8/GB18030 text by their bytes', async () => {
    const docx = await makeDocx(['会议研究了导师制修订稿。', '要求各学院六月底前完成聘任。']);
    const d = await asA('会议纪要.docx', docx);
    expect(d.status).toBe(201);
    expect(d.json).toMatchObject({
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      textState: 'done',
      pages: null,
    });
    const text = await t.call('GET', `/api/evidence/${d.json.id}/pages/1/text`, {
      token: r.tokens.contactA,
    });
    expect(text.json.text).toContain('会议研究了导师制修订稿。');
    const x = await asA(
      '导师名单.xlsx',
      await makeXlsx([
        ['学院', '导师数'],
        ['文学院', 52],
      ]),
    );
    expect(x.status).toBe(201);
    expect(x.json.mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(x.json.textState).toBe('none');
    const p = await asA('现场照片.PNG', makePng(2));
    expect(p.status).toBe(201);
    expect(p.json.mime).toBe('image/png');
    const txt = await asA('说明.txt', Buffer.from('整改说明：已完成。\n', 'utf8'));
    expect(txt.status).toBe(201);
    expect(txt.json.mime).toBe('text/plain; charset=utf-8');
    expect(txt.json.textState).toBe('done');
    const gbk = await asA(
      '情况说明.txt',
      Buffer.from([0xd5, 0xfb, 0xb8, 0xc4, 0xcb, 0xb5, 0xc3, 0xf7]),
    );
    expect(gbk.status).toBe(201);
    expect(gbk.json.mime).toBe('text/plain; charset=gb18030');
    const gbkText = await t.call('GET', `/api/evidence/${gbk.json.id}/pages/1/text`, {
      token: r.tokens.contactA,
    });
    expect(gbkText.json.text).toBe('整改说明');
    const jpeg = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
      Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'),
      Buffer.from([0xff, 0xd9]),
    ]);
    const j = await asA('合影.JPEG', jpeg);
    expect(j.status).toBe(201);
    expect(j.json).toMatchObject({ mime: 'image/jpeg', textState: 'none' });
  });

  it('refuses a PNG named .pdf with 415 and a message a person understands, and removes its blob', async () => {
    const png = makePng(3);
    const before = await blobCount();
    const res = await asA('扫描件.pdf', png);
    expect(res.status).toBe(415);
    expect(res.json.error.code).toBe('unsupported_media_type');
    expect(res.json.error.message).toContain('文件内容与扩展名不符：这是 PNG 图片，却以 .pdf 命名');
    expect(await t.deps.blobs.has(sha256(png))).toBe(false);
    expect(await blobCount()).toBe(before);
  });

  it('keeps a shared blob when the same bytes are refused under another name', async () => {
    const png = makePng(4);
    expect((await asA('照片.png', png)).status).toBe(201);
    const res = await asA('照片.pdf', png);
    expect(res.status).toBe(415);
    expect(await t.deps.blobs.has(sha256(png))).toBe(true);
  });

  it('refuses SVG and HTML, by name and by content', async () => {
    const svg = await asA('logo.svg', SVG);
    expect(svg.status).toBe(415);
    expect(svg.json.error.message).toMatch(/SVG/);
    const disguised = await asA('logo.txt', SVG);
    expect(disguised.status).toBe(415);
    expect(disguised.json.error.message).toMatch(/SVG/);
    const html = await asA(
      'page.txt',
      Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>'),
    );
    expect(html.status).toBe(415);
    const named = await asA('page.html', Buffer.from('<p>hi</p>'));
    expect(named.status).toBe(415);
    expect(await t.deps.blobs.has(sha256(SVG))).toBe(false);
  });

  it('refuses types outside the allowlist and random bytes named as a document', async () => {
    const exe = await asA('setup.exe', Buffer.from('MZ\x90\x00'));
    expect(exe.status).toBe(415);
    expect(exe.json.error.message).toMatch(/不支持上传\.exe 文件/);
    const junk = await asA('report.docx', Buffer.from([0x00, 0xff, 0x10, 0x80, 0x00, 0x01]));
    expect(junk.status).toBe(415);
    expect(junk.json.error.message).toMatch(/文件内容与扩展名不符/);
  });

  it('stores "../../etc/passwd.pdf" under a sanitized name and keeps the original for display', async () => {
    const pdf = await makePdf([['passwd?']]);
    const res = await asA('../../etc/passwd.pdf', pdf);
    expect(res.status).toBe(201);
    expect(res.json.storedName).toBe('passwd.pdf');
    expect(res.json.originalName).toBe('../../etc/passwd.pdf');
    const dl = await t.app.request(`/api/evidence/${res.json.id}/download`, {
      headers: { authorization: `Bearer ${r.tokens.contactA}` },
    });
    expect(dl.headers.get('content-disposition')).toBe(
      `attachment; filename="passwd.pdf"; filename*=UTF-8''passwd.pdf`,
    );
    await dl.arrayBuffer();
  });

  describe('size limit', () => {
    it('answers 413 at once for a declared Content-Length over the limit, reading nothing', async () => {
      let pulled = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(ctrl) {
          pulled++;
          ctrl.enqueue(new Uint8Array(1024));
        },
      });
      const res = await uploadRaw(
        t,
        r.tokens.contactA,
        { taskId: r.tasks.T1, unitId: r.units.A, filename: 'big.pdf' },
        body,
        { contentLength: 10 * 1024 * 1024 },
      );
      expect(res.status).toBe(413);
      expect(res.json.error.code).toBe('payload_too_large');
      expect(res.json.error.message).toContain('文件过大：单个文件不能超过 64 KB');
      expect(pulled).toBeLessThanOrEqual(1);
    });

    it('cuts off a body without Content-Length as soon as it crosses the limit', async () => {
      let sent = 0;
      const before = await blobCount();
      const body = new ReadableStream<Uint8Array>({
        pull(ctrl) {
          if (sent >= 100 * 1024 * 1024) return ctrl.close();
          const chunk = new Uint8Array(16 * 1024);
          if (sent === 0) chunk.set(Buffer.from('%PDF-1.7\n'));
          sent += chunk.length;
          ctrl.enqueue(chunk);
        },
      });
      const res = await uploadRaw(
        t,
        r.tokens.contactA,
        { taskId: r.tasks.T1, unitId: r.units.A, filename: 'big.pdf' },
        body,
      );
      expect(res.status).toBe(413);
      // Read up to the limit plus what was in flight, not the 100 MB offered.
      expect(sent).toBeLessThan(1024 * 1024);
      expect(await blobCount()).toBe(before);
    });
  });

  it('answers the existing evidence when the same file is attached to the same draft again', async () => {
    const pdf = await makePdf([['same file twice']]);
    const first = await asA('a.pdf', pdf, 'T2');
    const again = await asA('a (1).pdf', pdf, 'T2');
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(first.json.id);
  });

  it('deletes draft evidence with its blob, and never evidence of a submitted version', async () => {
    const png = makePng(9);
    const up = await asA('待删除.png', png, 'T2');
    const del = await t.call('DELETE', `/api/evidence/${up.json.id}`, { token: r.tokens.contactA });
    expect(del.status).toBe(200);
    expect(del.json).toEqual({ deleted: true, unlinked: true });
    expect(await t.deps.blobs.has(sha256(png))).toBe(false);
    expect(
      (await t.call('GET', `/api/evidence/${up.json.id}`, { token: r.tokens.contactA })).status,
    ).toBe(404);

    const kept = await asA('已提交.png', makePng(10), 'T2');
    await t.call('PUT', '/api/statements/draft', {
      token: r.tokens.contactA,
      body: {
        taskId: r.tasks.T2,
        unitId: r.units.A,
        body: {
          type: 'doc',
          content: [{ type: 'paragraph', content: [{ type: 'text', text: '已完成。' }] }],
        },
      },
    });
    const sub = await t.call('POST', '/api/statements/submit', {
      token: r.tokens.contactA,
      body: { taskId: r.tasks.T2, unitId: r.units.A },
    });
    expect(sub.status).toBe(201);
    const unlink = await t.call('DELETE', `/api/evidence/${kept.json.id}`, {
      token: r.tokens.contactA,
    });
    expect(unlink.json).toEqual({ deleted: false, unlinked: true });
    const again = await t.call('DELETE', `/api/evidence/${kept.json.id}`, {
      token: r.tokens.contactA,
    });
    expect(again.status).toBe(409);
    const still = await t.call('GET', `/api/evidence/${kept.json.id}`, {
      token: r.tokens.contactA,
    });
    expect(still.json).toMatchObject({ inDraft: false, versions: [1] });
    expect(await t.deps.blobs.has(still.json.hash)).toBe(true);
  });

  it('lets inspectors read but not upload or delete, and hides the route from strangers', async () => {
    const pdf = await makePdf([['inspector']]);
    const member = await uploadRaw(
      t,
      r.tokens.member1,
      { taskId: r.tasks.T1, unitId: r.units.A, filename: 'x.pdf' },
      pdf,
    );
    expect(member.status).toBe(403);
    const other = await uploadRaw(
      t,
      r.tokens.contactB,
      { taskId: r.tasks.T2, unitId: r.units.A, filename: 'x.pdf' },
      pdf,
    );
    expect(other.status).toBe(404);
    // B co-leads T1 but has no part in T2: its own unit on a task it has no measure in.
    const notInTask = await uploadRaw(
      t,
      r.tokens.contactB,
      { taskId: r.tasks.T2, unitId: r.units.B, filename: 'x.pdf' },
      pdf,
    );
    expect(notInTask.status).toBe(404);
    const anonymous = await t.app.request(
      `/api/evidence?taskId=${r.tasks.T1}&unitId=${r.units.A}&filename=x.pdf`,
      { method: 'POST', body: pdf },
    );
    expect(anonymous.status).toBe(401);
  });
});
