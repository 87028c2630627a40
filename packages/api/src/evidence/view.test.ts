import { paragraphsToRichText } from '@rectify/domain';
import { describeEachDatabase } from '@rectify/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalTestApi } from '../statements/testing/portal-api.ts';
import { type PortalRound, seedPortalRound } from '../statements/testing/seed-round.ts';
import { evidenceTextSettled } from './extract-text.ts';
import { sanitizePreviewHtml } from './preview.ts';
import { makeDocx, makePdf, makePng, makeXlsx } from './testing/files.ts';
import { uploadRaw } from './testing/upload.ts';

describe('preview HTML sanitizing', () => {
  it('drops scripts, styles, handlers and javascript: links, keeping structure', () => {
    const html = sanitizePreviewHtml(
      '<h1 onclick="x()">标题</h1><script>alert(1)</script><style>p{}</style>' +
        '<p style="color:red">正文<a href="javascript:alert(1)">坏链接</a><a href="https://example.org">好链接</a></p>' +
        '<img src="https://evil.example/x.png"><img src="data:image/png;base64,iVBORw0KGgo=">' +
        '<iframe src="https://evil.example"></iframe><table><tr><td colspan="2">格</td></tr></table>',
    );
    expect(html).not.toMatch(/script|style|onclick|javascript:|iframe|evil/);
    expect(html).toContain('<h1>标题</h1>');
    expect(html).toContain('<a rel="noopener noreferrer nofollow" target="_blank">坏链接</a>');
    expect(html).toContain(
      '<a href="https://example.org" rel="noopener noreferrer nofollow" target="_blank">好链接</a>',
    );
    expect(html).toContain('<img src="data:image/png;base64,iVBORw0KGgo=" />');
    expect(html).toContain('<td colspan="2">格</td>');
  });
});

describeEachDatabase('evidence viewing, downloads and reuse', (db) => {
  let t: Awaited<ReturnType<typeof createPortalTestApi>>;
  let r: PortalRound;
  const ids: Record<string, string> = {};
  const get = (path: string, token: string) =>
    t.app.request(path, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    t = await createPortalTestApi(db().sql);
    r = await seedPortalRound(db().sql, t, 'vw');
    const up = async (name: string, filename: string, body: Uint8Array, task = r.tasks.T1) => {
      const res = await uploadRaw(
        t,
        r.tokens.contactA,
        { taskId: task, unitId: r.units.A, filename },
        body,
      );
      if (res.status !== 201) throw new Error(`upload ${filename}: ${res.text}`);
      ids[name] = res.json.id;
    };
    await up('pdf', '实施办法.pdf', await makePdf([['page one'], ['page two']]));
    await up('png', '照片.png', makePng(41));
    await up('docx', '纪要.docx', await makeDocx(['会议纪要第一段', '第二段']));
    await up(
      'xlsx',
      '名单.xlsx',
      await makeXlsx([
        ['学院', '导师数'],
        ['文学院', 52],
      ]),
    );
    await up('txt', '说明.txt', Buffer.from('整改说明\n第二行'));
  });
  afterAll(async () => {
    await evidenceTextSettled();
    t.cleanup();
  });

  it('downloads as an attachment with the right type, length, name and nosniff, audited as an export', async () => {
    const res = await get(`/api/evidence/${ids.docx}/download`, r.tokens.member1);
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(res.headers.get('content-length')).toBe(String(bytes.length));
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="__.docx"; filename*=UTF-8''%E7%BA%AA%E8%A6%81.docx`,
    );
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const [audit] = await db().sql<{ action: string; actorLabel: string }[]>`
      SELECT action, actor_label FROM audit_log WHERE resource_id = ${ids.docx!} AND action = 'evidence.export'`;
    expect(audit).toEqual({ action: 'evidence.export', actorLabel: 'member1_vw' });
  });

  it('serves PDFs and images inline, sandboxed, and nothing else', async () => {
    const pdf = await get(`/api/evidence/${ids.pdf}/raw`, r.tokens.member1);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(/^inline; /);
    expect(pdf.headers.get('content-security-policy')).toBe('sandbox');
    expect(pdf.headers.get('x-content-type-options')).toBe('nosniff');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const png = await get(`/api/evidence/${ids.png}/raw`, r.tokens.contactA);
    expect(png.headers.get('content-type')).toBe('image/png');
    await png.arrayBuffer();
    const docx = await get(`/api/evidence/${ids.docx}/raw`, r.tokens.member1);
    expect(docx.status).toBe(415);
  });

  it('previews DOCX as sanitized HTML, XLSX as cell text, text as text and PDFs by page count', async () => {
    const docx = await t.call('GET', `/api/evidence/${ids.docx}/preview`, {
      token: r.tokens.member1,
    });
    expect(docx.json).toEqual({ kind: 'docx', html: '<p>会议纪要第一段</p><p>第二段</p>' });
    const xlsx = await t.call('GET', `/api/evidence/${ids.xlsx}/preview`, {
      token: r.tokens.member1,
    });
    expect(xlsx.json).toEqual({
      kind: 'xlsx',
      sheets: [
        {
          name: '台账',
          rows: [
            ['学院', '导师数'],
            ['文学院', '52'],
          ],
          truncated: false,
        },
      ],
    });
    const txt = await t.call('GET', `/api/evidence/${ids.txt}/preview`, {
      token: r.tokens.contactA,
    });
    expect(txt.json).toEqual({ kind: 'text', text: '整改说明\n第二行', truncated: false });
    const pdf = await t.call('GET', `/api/evidence/${ids.pdf}/preview`, {
      token: r.tokens.contactA,
    });
    expect(pdf.json).toEqual({ kind: 'pdf', pages: 2 });
    const png = await t.call('GET', `/api/evidence/${ids.png}/preview`, {
      token: r.tokens.contactA,
    });
    expect(png.json).toEqual({ kind: 'image', mime: 'image/png' });
  });

  it('flags the same file reused on another task and by another unit, to inspectors only', async () => {
    const shared = await makePdf([['The same minutes, used everywhere.']]);
    const onT1 = await uploadRaw(
      t,
      r.tokens.contactA,
      { taskId: r.tasks.T1, unitId: r.units.A, filename: '会议记录.pdf' },
      shared,
    );
    expect(onT1.json.reusedElsewhere).toEqual([]);
    const onT2 = await uploadRaw(
      t,
      r.tokens.contactA,
      { taskId: r.tasks.T2, unitId: r.units.A, filename: '会议记录.pdf' },
      shared,
    );
    // A unit may see the reuse among its own tasks.
    expect(onT2.json.reusedElsewhere).toEqual([
      {
        evidenceId: onT1.json.id,
        taskId: r.tasks.T1,
        taskTitle: '修订本科生导师制实施办法',
        unitId: r.units.A,
        unitName: '教务处-vw',
      },
    ]);
    const byC = await uploadRaw(
      t,
      r.tokens.contactC,
      { taskId: r.tasks.T3, unitId: r.units.C, filename: '财务处会议记录.pdf' },
      shared,
    );
    expect(byC.status).toBe(201);
    // ...but never another unit's name or task.
    expect(byC.json.reusedElsewhere).toEqual([]);
    const ownView = await t.call('GET', `/api/evidence/${onT1.json.id}`, {
      token: r.tokens.contactA,
    });
    expect(ownView.json.reusedElsewhere.map((x: any) => x.unitName)).toEqual(['教务处-vw']);
    expect(JSON.stringify(ownView.json)).not.toContain('财务处');

    const inspector = await t.call('GET', `/api/evidence/${onT1.json.id}`, {
      token: r.tokens.member1,
    });
    expect(inspector.json.reusedElsewhere).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ evidenceId: onT2.json.id, taskId: r.tasks.T2 }),
        expect.objectContaining({
          evidenceId: byC.json.id,
          taskId: r.tasks.T3,
          taskTitle: '规范科研经费报销',
          unitName: '财务处-vw',
        }),
      ]),
    );
    const other = await t.call('GET', `/api/evidence/${onT2.json.id}`, { token: r.tokens.member1 });
    expect(other.json.reusedElsewhere.map((x: any) => x.evidenceId).sort()).toEqual(
      [onT1.json.id, byC.json.id].sort(),
    );
    const group2 = await t.call('GET', `/api/evidence/${byC.json.id}`, { token: r.tokens.member2 });
    expect(group2.json.reusedElsewhere.map((x: any) => x.evidenceId).sort()).toEqual(
      [onT1.json.id, onT2.json.id].sort(),
    );

    // The flag travels with the submitted version too.
    await t.call('PUT', '/api/statements/draft', {
      token: r.tokens.contactA,
      body: { taskId: r.tasks.T2, unitId: r.units.A, body: paragraphsToRichText(['已建立机制。']) },
    });
    const v = await t.call('POST', '/api/statements/submit', {
      token: r.tokens.contactA,
      body: { taskId: r.tasks.T2, unitId: r.units.A },
    });
    const version = await t.call('GET', `/api/statement-versions/${v.json.id}`, {
      token: r.tokens.member1,
    });
    const item = version.json.evidence.find((e: any) => e.id === onT2.json.id);
    expect(item.reusedElsewhere).toHaveLength(2);
    const asUnit = await t.call('GET', `/api/statement-versions/${v.json.id}`, {
      token: r.tokens.contactA,
    });
    const unitItem = asUnit.json.evidence.find((e: any) => e.id === onT2.json.id);
    expect(unitItem.reusedElsewhere.map((x: any) => x.unitId)).toEqual([r.units.A]);
  });
});
