import { docName, textDocBody, textDocPlain } from '@rectify/domain';
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

describe('meeting minutes and finding descriptions as live documents', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let minutes: string;
  let finding: string;
  let roundId: string;
  beforeAll(async () => {
    server = await startDemoServer();
    const leader = await signIn(server.url, 'leader1');
    const rounds = (await (
      await fetch(`${server.url}/api/rounds`, { headers: { authorization: `Bearer ${leader}` } })
    ).json()) as Array<{ id: string }>;
    roundId = rounds[0]!.id;
    const m = await fetch(`${server.url}/api/rounds/${roundId}/meetings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${leader}`, 'content-type': 'application/json' },
      body: JSON.stringify({ heldOn: '2026-11-27' }),
    });
    const meeting = (await m.json()) as { minutesDoc: string; id: string };
    minutes = meeting.minutesDoc;
    expect(minutes).toBe(docName('minutes', meeting.id));
    const [unit] = await server.db.sql<{ id: string }[]>`
      SELECT ua.unit_id AS id FROM unit_assignments ua JOIN inspection_groups g ON g.id = ua.group_id
      WHERE ua.round_id = ${roundId} AND g.ordinal = 1 LIMIT 1`;
    const f = await fetch(`${server.url}/api/rounds/${roundId}/findings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${leader}`, 'content-type': 'application/json' },
      body: JSON.stringify({ unitId: unit!.id, title: '台账与实际不符' }),
    });
    finding = docName('finding', ((await f.json()) as { id: string }).id);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  it('lets group leaders co-edit the minutes and exports what they wrote', async () => {
    const leader = await signIn(server.url, 'leader1');
    const a = connect(server.url, minutes, leader);
    try {
      await until('live document', () => a.provider.synced);
      textDocBody(a.doc).insert(0, [paragraph('会议决定加快审阅进度。')]);
      const b = connect(server.url, minutes, await signIn(server.url, 'admin'));
      try {
        await until(
          'live document',
          () => b.provider.synced && textDocPlain(b.doc).includes('加快审阅进度'),
        );
      } finally {
        b.provider.destroy();
      }
    } finally {
      await new Promise((r) => setTimeout(r, 300));
      a.provider.destroy();
    }
    const id = minutes.slice('minutes.'.length);
    const r = await fetch(`${server.url}/api/meetings/${id}/minutes.docx`, {
      headers: { authorization: `Bearer ${leader}` },
    });
    expect(r.status).toBe(200);
    const mammoth = (await import('mammoth')).default;
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(await r.arrayBuffer()) });
    expect(value).toContain('会议决定加快审阅进度。');
  });

  it('refuses the minutes to members and unit contacts (4403)', async () => {
    for (const who of ['member1', 'unit1']) {
      const c = connect(server.url, minutes, await signIn(server.url, who));
      try {
        await until('live document', () => c.closes.length > 0);
        expect({ who, code: c.closes[0] }).toEqual({ who, code: 4403 });
      } finally {
        c.provider.destroy();
      }
    }
  });

  it('serves a finding’s description to its group, and refuses other groups and the unit', async () => {
    const a = connect(server.url, finding, await signIn(server.url, 'member1'));
    try {
      await until('live document', () => a.provider.synced);
      textDocBody(a.doc).insert(0, [paragraph('经核查，相关制度尚未印发。')]);
      const b = connect(server.url, finding, await signIn(server.url, 'leader1'));
      try {
        await until(
          'live document',
          () => b.provider.synced && textDocPlain(b.doc).includes('尚未印发'),
        );
      } finally {
        b.provider.destroy();
      }
    } finally {
      a.provider.destroy();
    }
    for (const who of ['unit1']) {
      const c = connect(server.url, finding, await signIn(server.url, who));
      try {
        await until('live document', () => c.closes.length > 0);
        expect({ who, code: c.closes[0] }).toEqual({ who, code: 4403 });
      } finally {
        c.provider.destroy();
      }
    }
  });
  it('serves an interview record to its interviewer and the leader only', async () => {
    const member1 = await signIn(server.url, 'member1');
    const [unit] = await server.db.sql<{ id: string }[]>`
      SELECT ua.unit_id AS id FROM unit_assignments ua JOIN inspection_groups g ON g.id = ua.group_id
      WHERE ua.round_id = ${roundId} AND g.ordinal = 1 LIMIT 1`;
    const r = await fetch(`${server.url}/api/rounds/${roundId}/interviews`, {
      method: 'POST',
      headers: { authorization: `Bearer ${member1}`, 'content-type': 'application/json' },
      body: JSON.stringify({ unitId: unit!.id, heldOn: '2026-11-27', intervieweeName: '赵六' }),
    });
    expect(r.status).toBe(201);
    const record = ((await r.json()) as { recordDoc: string }).recordDoc;
    const a = connect(server.url, record, member1);
    try {
      await until('live document', () => a.provider.synced);
      textDocBody(a.doc).insert(0, [paragraph('谈话对象表示制度已经印发。')]);
      const b = connect(server.url, record, await signIn(server.url, 'leader1'));
      try {
        await until(
          'live document',
          () => b.provider.synced && textDocPlain(b.doc).includes('制度已经印发'),
        );
      } finally {
        b.provider.destroy();
      }
    } finally {
      a.provider.destroy();
    }
    for (const who of ['member2', 'unit1', 'leadership']) {
      const c = connect(server.url, record, await signIn(server.url, who));
      try {
        await until('live document', () => c.closes.length > 0);
        expect({ who, code: c.closes[0] }).toEqual({ who, code: 4403 });
      } finally {
        c.provider.destroy();
      }
    }
  });

  it('keeps the text of minutes, interview records and finding descriptions in their rows, for search', async () => {
    const minutesId = minutes.slice('minutes.'.length);
    const findingId = finding.slice('finding.'.length);
    const rowText = async () => {
      const [m] = await server.db.sql<
        { t: string }[]
      >`SELECT minutes_text AS t FROM meetings WHERE id = ${minutesId}`;
      const [f] = await server.db.sql<
        { t: string }[]
      >`SELECT description_text AS t FROM findings WHERE id = ${findingId}`;
      const [i] = await server.db.sql<
        { t: string }[]
      >`SELECT body_text AS t FROM interviews WHERE body_text <> '' LIMIT 1`;
      return { minutes: m?.t ?? '', finding: f?.t ?? '', interview: i?.t ?? '' };
    };
    const texts = await rowText();
    expect(texts.minutes).toContain('会议决定加快审阅进度。');
    expect(texts.finding).toContain('经核查，相关制度尚未印发。');
    expect(texts.interview).toContain('谈话对象表示制度已经印发。');
    const leader = await signIn(server.url, 'leader1');
    const r = await fetch(
      `${server.url}/api/rounds/${roundId}/search?q=${encodeURIComponent('加快审阅进度')}`,
      {
        headers: { authorization: `Bearer ${leader}` },
      },
    );
    const found = (await r.json()) as { hits: Array<{ kind: string }> };
    expect(found.hits.map((h) => h.kind)).toContain('minutes');
  });

  it('after the round closes, refuses members on its live documents and keeps them for administrators', async () => {
    const [v] = await server.db.sql<{ id: string }[]>`
      SELECT v.id FROM statement_versions v JOIN statements s ON s.id = v.statement_id
      WHERE s.round_id = ${roundId} LIMIT 1`;
    const review = docName('review', v!.id);
    const admin = await signIn(server.url, 'admin');
    const member = await signIn(server.url, 'member1');
    const open = connect(server.url, review, member);
    await until('live document', () => open.provider.synced);
    const closed = await fetch(`${server.url}/api/rounds/${roundId}/state`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ state: 'closed' }),
    });
    expect(closed.status).toBe(200);
    try {
      // The open socket is closed at once; its reconnection meets the policy.
      await until('live document', () => open.closes.includes(4403));
      open.provider.destroy();
      const again = connect(server.url, review, member);
      try {
        await until('live document', () => again.closes.length > 0);
        expect(again.closes[0]).toBe(4403);
      } finally {
        again.provider.destroy();
      }
      const archive = connect(server.url, review, admin);
      try {
        await until('live document', () => archive.provider.synced);
        expect(archive.closes).toEqual([]);
      } finally {
        archive.provider.destroy();
      }
    } finally {
      await fetch(`${server.url}/api/rounds/${roundId}/state`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ state: 'active' }),
      });
    }
  });
});
