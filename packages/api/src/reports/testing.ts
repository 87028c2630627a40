import { defaultFramework, type FindingState } from '@rectify/domain';
import type { Sql } from '@rectify/store';
import type { World } from '../lib/test-world.ts';

/** A fake but well-formed SHA-256 for evidence rows whose bytes no test reads. */
export const fakeHash = (n: number) => n.toString(16).padStart(64, '0');

/**
 * Findings of the seeded world in every state, one annotation with evidence
 * behind the first, as the findings API and the collab projection would
 * leave them. Answers the ids by name.
 */
export async function seedReportFindings(sql: Sql, w: World) {
  await sql`INSERT INTO frameworks (round_id, version, body)
            VALUES (${w.roundId}, 1, ${sql.json(defaultFramework as never)})`;
  const [problem] = await sql<{ id: string }[]>`
    INSERT INTO problems (round_id, ordinal, title) VALUES (${w.roundId}, 1, '育人导向不够鲜明') RETURNING id`;
  const [task] = await sql<{ id: string }[]>`
    INSERT INTO tasks (round_id, problem_id, ordinal, title, source_key)
    VALUES (${w.roundId}, ${problem!.id}, 1, '完善导师制', 'k1') RETURNING id`;
  const [statement] = await sql<{ id: string }[]>`
    INSERT INTO statements (round_id, task_id, unit_id) VALUES (${w.roundId}, ${task!.id}, ${w.units.a1}) RETURNING id`;
  const [version] = await sql<{ id: string }[]>`
    INSERT INTO statement_versions (statement_id, version, body, body_text, submitted_by)
    VALUES (${statement!.id}, 1, ${sql.json({ type: 'doc', content: [] })}, '陈述', ${w.userIds.contact}) RETURNING id`;
  const evidence = async (unitId: string, name: string, n: number) =>
    (
      await sql<{ id: string }[]>`
        INSERT INTO evidence (round_id, unit_id, task_id, hash, size, mime, original_name, stored_name, uploaded_by)
        VALUES (${w.roundId}, ${unitId}, ${unitId === w.units.a1 ? task!.id : null}, ${fakeHash(n)}, 10,
          'application/pdf', ${name}, ${`${n}.pdf`}, ${w.userIds.contact}) RETURNING id`
    )[0]!.id;
  const ev = {
    minutes: await evidence(w.units.a1, '党委会会议纪要.pdf', 1),
    photo: await evidence(w.units.a1, '整改现场照片.pdf', 2),
    foreign: await evidence(w.units.b1, '科研处材料.pdf', 3),
  };
  await sql`INSERT INTO annotations (id, doc_name, round_id, unit_id, task_id, group_id,
              statement_version_id, step, quote, body_text, author_id, evidence_id, evidence_page)
            VALUES ('ann-1', ${`review.${version!.id}`}, ${w.roundId}, ${w.units.a1}, ${task!.id},
              ${w.groups.g1}, ${version!.id}, 'S2', '已全面完成', '与佐证不符', ${w.userIds.member1},
              ${ev.minutes}, 4)`;

  let minute = 0;
  const finding = async (
    unitId: string,
    groupId: string,
    title: string,
    state: FindingState,
    over: { deadline?: string | null; questions?: string[]; aspect?: string } = {},
  ) => {
    minute++;
    const [f] = await sql<{ id: string }[]>`
      INSERT INTO findings (round_id, group_id, unit_id, title, description_text, questions, aspect,
        requirement, deadline, state, created_by, created_at)
      VALUES (${w.roundId}, ${groupId}, ${unitId}, ${title}, ${`${title}的具体事实`},
        ${over.questions ?? ['Q3']}, ${over.aspect ?? 'A2'}, '限期整改到位',
        ${over.deadline === undefined ? '2026-12-31' : over.deadline}, ${state}, ${w.userIds.member1},
        ${new Date(Date.UTC(2026, 1, 1, 0, minute))}) RETURNING id`;
    return f!.id;
  };
  const f = {
    approved: await finding(w.units.a1, w.groups.g1, '导师制改革落实不到位', 'approved'),
    overdue: await finding(w.units.a1, w.groups.g1, '整改台账更新不及时', 'approved', {
      deadline: '2026-03-01',
      questions: ['Q8'],
      aspect: 'A1',
    }),
    draft: await finding(w.units.a1, w.groups.g1, '草稿中的问题', 'draft'),
    confirmed: await finding(w.units.a1, w.groups.g1, '组内确认的问题', 'confirmed'),
    a2: await finding(w.units.a2, w.groups.g1, '研究生院的问题', 'approved'),
    b1: await finding(w.units.b1, w.groups.g2, '科研处的问题', 'approved'),
  };
  await sql`INSERT INTO finding_annotations (finding_id, annotation_id) VALUES (${f.approved}, 'ann-1')`;
  return { findings: f, evidence: ev };
}

export type ReportSeed = Awaited<ReturnType<typeof seedReportFindings>>;
