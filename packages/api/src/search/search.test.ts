import type { Sql } from '@rectify/store';
import { describeEachDatabase } from '@rectify/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, type World } from '../lib/test-world.ts';
import { createTestApi } from '../testing.ts';
import { makeSnippet } from './search.ts';

/** Statements, evidence pages, annotations, a finding, an interview and minutes in Chinese. */
async function seedTexts(sql: Sql, w: World) {
  const [p] = await sql<{ id: string }[]>`
    INSERT INTO problems (round_id, ordinal, title) VALUES (${w.roundId}, 1, '人才培养') RETURNING id`;
  let n = 0;
  const statement = async (unitId: string, text: string) => {
    n += 1;
    const [t] = await sql<{ id: string }[]>`
      INSERT INTO tasks (round_id, problem_id, ordinal, title, source_key)
      VALUES (${w.roundId}, ${p!.id}, ${n}, ${`任务${n}`}, ${`k${n}`}) RETURNING id`;
    const [s] = await sql<{ id: string }[]>`
      INSERT INTO statements (round_id, task_id, unit_id) VALUES (${w.roundId}, ${t!.id}, ${unitId}) RETURNING id`;
    const [v] = await sql<{ id: string }[]>`
      INSERT INTO statement_versions (statement_id, version, body, body_text, submitted_by)
      VALUES (${s!.id}, 1, '{}'::jsonb, ${text}, ${w.userIds.contact}) RETURNING id`;
    return { taskId: t!.id, versionId: v!.id };
  };
  const evidence = async (
    unitId: string,
    at: { taskId: string; versionId: string },
    pages: string[],
  ) => {
    const [e] = await sql<{ id: string }[]>`
      INSERT INTO evidence (round_id, unit_id, task_id, hash, size, mime, original_name, stored_name,
        pages, text_state, uploaded_by)
      VALUES (${w.roundId}, ${unitId}, ${at.taskId}, ${'a'.repeat(64)}, 10, 'application/pdf',
        '佐证材料.pdf', '佐证材料.pdf', ${pages.length}, 'done', ${w.userIds.contact})
      RETURNING id`;
    await sql`INSERT INTO statement_version_evidence (statement_version_id, evidence_id)
              VALUES (${at.versionId}, ${e!.id})`;
    for (const [i, text] of pages.entries()) {
      await sql`INSERT INTO evidence_pages (evidence_id, page, text) VALUES (${e!.id}, ${i + 1}, ${text})`;
    }
    return e!.id;
  };
  const a1 = await statement(w.units.a1, '我处已全面推行本科生导师制，覆盖全部学院。');
  const a1b = await statement(w.units.a1, '已为每位新生配备导师，开展学业指导。');
  const a2 = await statement(w.units.a2, '研究生院完善了培养方案。');
  const b1 = await statement(w.units.b1, '科研处推行导师制改革，经费管理更加规范。');
  const ev = await evidence(w.units.a1, a1, [
    '第一页：会议纪要',
    '第二页：《本科生导师制实施办法》全文',
    '第三页：附件',
  ]);
  await evidence(w.units.b1, b1, ['科研导师制办法 Mentor Policy 2023']);
  await sql`INSERT INTO annotations (id, doc_name, round_id, unit_id, task_id, group_id, statement_version_id,
              quote, body_text, author_id)
            VALUES ('s-ann-a1', ${`review.${a1.versionId}`}, ${w.roundId}, ${w.units.a1}, ${a1.taskId},
              ${w.groups.g1}, ${a1.versionId}, '全面推行本科生导师制', '导师制覆盖率数据缺少佐证', ${w.userIds.member1})`;
  await sql`INSERT INTO annotations (id, doc_name, round_id, unit_id, task_id, group_id, statement_version_id,
              quote, body_text, author_id)
            VALUES ('s-ann-b1', ${`review.${b1.versionId}`}, ${w.roundId}, ${w.units.b1}, ${b1.taskId},
              ${w.groups.g2}, ${b1.versionId}, '推行导师制改革', '', ${w.userIds.member2})`;
  const [interview] = await sql<{ id: string }[]>`
    INSERT INTO interviews (round_id, group_id, unit_id, held_on, interviewee_name, body_text, created_by)
    VALUES (${w.roundId}, ${w.groups.g1}, ${w.units.a1}, '2026-03-03', '赵六', '谈话人称导师制尚未落实到位', ${w.userIds.leader1})
    RETURNING id`;
  await sql`INSERT INTO interview_interviewers (interview_id, user_id) VALUES (${interview!.id}, ${w.userIds.leader1})`;
  await sql`INSERT INTO findings (round_id, group_id, unit_id, title, created_by)
            VALUES (${w.roundId}, ${w.groups.g1}, ${w.units.a1}, '导师制落实不到位', ${w.userIds.member1})`;
  await sql`INSERT INTO meetings (round_id, held_on, minutes_text, created_by)
            VALUES (${w.roundId}, '2026-03-09', '会议要求各组关注导师制问题', ${w.userIds.leader1})`;
  return { a1, a1b, a2, b1, ev, interviewId: interview!.id };
}

describeEachDatabase('search across a round over HTTP', (db) => {
  let t: Awaited<ReturnType<typeof createTestApi>>;
  let w: World;
  let s: Awaited<ReturnType<typeof seedTexts>>;
  beforeAll(async () => {
    t = await createTestApi(db().sql);
    w = await seedWorld(t, db().sql);
    s = await seedTexts(db().sql, w);
  });
  afterAll(() => t.cleanup());

  const search = async (who: keyof World['tokens'], q: string, extra = '') => {
    const r = await t.call(
      'GET',
      `/api/rounds/${w.roundId}/search?q=${encodeURIComponent(q)}${extra}`,
      {
        token: w.tokens[who],
      },
    );
    expect(r.status).toBe(200);
    return r.json as {
      total: number;
      counts: Record<string, number>;
      hits: Array<{
        kind: string;
        id: string;
        part: number;
        unit: { id: string } | null;
        snippet: { text: string; highlights: [number, number][] };
        target: Record<string, string>;
      }>;
    };
  };
  const keys = (r: Awaited<ReturnType<typeof search>>) =>
    r.hits.map((h) => `${h.kind}:${h.id}:${h.part}`).sort();

  it('finds "导师制" in the statement and on the evidence page that hold it, not where only "导师" appears', async () => {
    const r = await search('admin', '导师制', '&kinds=statement,evidence');
    expect(keys(r)).toHaveLength(4);
    expect(keys(r)).toEqual(
      expect.arrayContaining([
        `statement:${s.a1.versionId}:0`,
        `statement:${s.b1.versionId}:0`,
        `evidence:${s.ev}:2`,
      ]),
    );
    expect(
      r.hits
        .filter((h) => h.kind === 'evidence')
        .map((h) => h.part)
        .sort(),
    ).toEqual([1, 2]);
    expect(keys(r)).not.toContain(`statement:${s.a1b.versionId}:0`);
    const page = r.hits.find((h) => h.id === s.ev)!;
    expect(page.target).toMatchObject({
      statementVersionId: s.a1.versionId,
      evidenceName: '佐证材料.pdf',
    });
    const [from, to] = page.snippet.highlights[0]!;
    expect(page.snippet.text.slice(from, to)).toBe('导师制');
  });

  it('shows a unit contact nothing but its own unit’s statements and evidence', async () => {
    const r = await search('contact', '导师制');
    expect(r.hits.length).toBeGreaterThan(0);
    for (const h of r.hits) {
      expect({ kind: h.kind, unit: h.unit?.id }).toEqual({
        kind: expect.stringMatching(/^(statement|evidence)$/),
        unit: w.units.a1,
      });
    }
    expect(r.total).toBe(r.hits.length);
    expect(r.counts).toMatchObject({ annotation: 0, finding: 0, interview: 0, minutes: 0 });
  });

  it('never shows a member another group’s material or an interview they did not conduct', async () => {
    const r = await search('member1', '导师制');
    expect(
      r.hits.every((h) => h.unit === null || h.unit.id === w.units.a1 || h.unit.id === w.units.a2),
    ).toBe(true);
    expect(r.hits.some((h) => h.kind === 'interview')).toBe(false);
    expect(r.hits.some((h) => h.kind === 'minutes')).toBe(false);
    expect(r.counts.interview).toBe(0);
    expect(keys(r)).toContain('annotation:s-ann-a1:0');
    expect(keys(r)).not.toContain('annotation:s-ann-b1:0');
    expect(r.total).toBe(r.hits.length);
    // The leader conducted the interview and attends the meeting.
    const leader = await search('leader1', '导师制');
    expect(leader.hits.map((h) => h.kind)).toEqual(
      expect.arrayContaining(['interview', 'minutes', 'finding']),
    );
    // A recused member sees nothing of the unit.
    const recused = await search('recused', '导师制');
    expect(recused.hits.some((h) => h.unit?.id === w.units.a1)).toBe(false);
    expect(recused.total).toBe(recused.hits.length);
  });

  it('counts exactly what it could show, page by page', async () => {
    const all = await search('admin', '导师制');
    const page1 = await search('admin', '导师制', '&limit=3');
    const page2 = await search('admin', '导师制', `&limit=3&offset=3`);
    expect(page1.total).toBe(all.total);
    expect([...keys(page1), ...keys(page2)].length).toBe(Math.min(6, all.total));
    expect(Object.values(all.counts).reduce((a, b) => a + b, 0)).toBe(all.total);
  });

  it('matches English case-insensitively and numbers', async () => {
    expect(keys(await search('admin', 'mentor policy'))).toEqual([
      expect.stringMatching(/^evidence:/),
    ]);
    expect((await search('admin', '2023')).total).toBe(1);
  });

  it('answers 400 naming the field for an empty query', async () => {
    const r = await t.call('GET', `/api/rounds/${w.roundId}/search?q=`, { token: w.tokens.admin });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toContain('q');
  });
});

describe('snippets', () => {
  it('marks every match in a window around the first', () => {
    const s = makeSnippet(`${'前'.repeat(60)}导师制与导师制${'后'.repeat(60)}`, '导师制', 10);
    expect(s.text.startsWith('…')).toBe(true);
    expect(s.highlights.map(([a, b]) => s.text.slice(a, b))).toEqual(['导师制', '导师制']);
  });
});
