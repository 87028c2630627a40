import { docName, reportDocField, reportDocTexts } from '@rectify/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startDemoServer } from './testing/browser.ts';
import { liveClient as connect, login as signIn, until } from './testing/live-clients.ts';

const paragraph = (text: string) => {
  const p = new Y.XmlElement('paragraph');
  const t = new Y.XmlText();
  t.insert(0, text);
  p.insert(0, [t]);
  return p;
};

interface ReportJson {
  id: string;
  state: string;
  textsDoc: string;
  texts: { opening: string; assessment: string; requirements: string };
}

describe('a draft report’s texts co-edited live', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let leader: string;
  let report: ReportJson;
  const api = async (path: string, init: RequestInit = {}, token = leader) =>
    fetch(`${server.url}/api${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...init.headers,
      },
    });

  beforeAll(async () => {
    server = await startDemoServer();
    leader = await signIn(server.url, 'leader1');
    const rounds = (await (await api('/rounds')).json()) as Array<{ id: string }>;
    const roundId = rounds[0]!.id;
    const [unit] = await server.db.sql<{ id: string }[]>`
      SELECT ua.unit_id AS id FROM unit_assignments ua JOIN inspection_groups g ON g.id = ua.group_id
      JOIN units u ON u.id = ua.unit_id
      WHERE ua.round_id = ${roundId} AND g.ordinal = 1 ORDER BY u.name DESC LIMIT 1`;
    const r = await api(`/rounds/${roundId}/reports`, {
      method: 'POST',
      body: JSON.stringify({ unitId: unit!.id }),
    });
    expect([200, 201]).toContain(r.status);
    report = (await r.json()) as ReportJson;
    expect(report.textsDoc).toBe(docName('report', report.id));
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  it('opens seeded with the draft’s texts, and two editors see each other’s words', async () => {
    const a = connect(server.url, report.textsDoc, leader);
    const b = connect(server.url, report.textsDoc, await signIn(server.url, 'admin'));
    try {
      await until('live report', () => a.provider.synced && b.provider.synced);
      expect(reportDocTexts(a.doc)).toEqual({
        opening: report.texts.opening,
        assessment: report.texts.assessment,
        requirements: report.texts.requirements,
      });
      reportDocField(a.doc, 'assessment').insert(0, [paragraph('整改工作总体有序推进。')]);
      reportDocField(b.doc, 'requirements').push([paragraph('（三）建立长效机制。')]);
      await until(
        'live report',
        () =>
          reportDocTexts(a.doc).requirements.includes('（三）建立长效机制。') &&
          reportDocTexts(b.doc).assessment.startsWith('整改工作总体有序推进。'),
      );
    } finally {
      a.provider.destroy();
      b.provider.destroy();
    }
  });

  it('keeps what was saved in the report, so the preview and the API read it', async () => {
    await until('live report', async () => {
      const r = (await (await api(`/reports/${report.id}`)).json()) as ReportJson;
      return (
        r.texts.assessment.startsWith('整改工作总体有序推进。') &&
        r.texts.requirements.includes('（三）建立长效机制。')
      );
    });
    // The long texts now live in the document: a PATCH of them would be lost, so it is refused.
    const patch = await api(`/reports/${report.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ opening: '另一段开头' }),
    });
    expect(patch.status).toBe(409);
    const short = await api(`/reports/${report.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ signature: '第一巡视组' }),
    });
    expect(short.status).toBe(200);
  });

  it('refuses a draft’s live texts to the unit, and lets a group member read but not write', async () => {
    const contact = connect(server.url, report.textsDoc, await signIn(server.url, 'unit1'));
    try {
      await until('live report', () => contact.closes.length > 0);
      expect(contact.closes[0]).toBe(4403);
    } finally {
      contact.provider.destroy();
    }
    const m = connect(server.url, report.textsDoc, await signIn(server.url, 'member1'));
    try {
      await until('live report', () => m.provider.synced);
      expect(reportDocTexts(m.doc).assessment).toContain('整改工作总体有序推进。');
      reportDocField(m.doc, 'opening').push([paragraph('组员偷偷加的一句。')]);
      await new Promise((r) => setTimeout(r, 700));
    } finally {
      m.provider.destroy();
    }
    const r = (await (await api(`/reports/${report.id}`)).json()) as ReportJson;
    expect(r.texts.opening).not.toContain('组员偷偷加的一句。');
  });

  it('turns read-only for the editor when the report is issued, and the issued file has their words', async () => {
    const a = connect(server.url, report.textsDoc, leader);
    try {
      await until('live report', () => a.provider.synced);
      reportDocField(a.doc, 'opening').push([paragraph('特此反馈。')]);
      await until('live report', async () => {
        const r = (await (await api(`/reports/${report.id}`)).json()) as ReportJson;
        return r.texts.opening.endsWith('特此反馈。');
      });
      const issued = await api(`/reports/${report.id}/issue`, { method: 'POST', body: '{}' });
      expect(issued.status).toBe(200);
      // The open socket is closed so that it reconnects and meets the policy again.
      await until('live report', () => a.closes.includes(4503));
      const [before] = await server.db.sql<{ content: unknown }[]>`
        SELECT content FROM reports WHERE id = ${report.id}`;
      await until('live report', () => a.provider.wsconnected && a.provider.synced);
      reportDocField(a.doc, 'opening').push([paragraph('签发后再改的一句。')]);
      await new Promise((r) => setTimeout(r, 700));
      const [after] = await server.db.sql<{ content: unknown }[]>`
        SELECT content FROM reports WHERE id = ${report.id}`;
      expect(after!.content).toEqual(before!.content);
    } finally {
      a.provider.destroy();
    }
    const b = connect(server.url, report.textsDoc, leader);
    try {
      await until('live report', () => b.provider.synced);
      expect(reportDocTexts(b.doc).opening).not.toContain('签发后再改的一句。');
    } finally {
      b.provider.destroy();
    }
    const file = await api(`/reports/${report.id}/download`);
    expect(file.status).toBe(200);
    const mammoth = (await import('mammoth')).default;
    const { value } = await mammoth.extractRawText({
      buffer: Buffer.from(await file.arrayBuffer()),
    });
    expect(value).toContain('整改工作总体有序推进。');
    expect(value).toContain('建立长效机制。');
    expect(value).toContain('特此反馈。');
  });
});
