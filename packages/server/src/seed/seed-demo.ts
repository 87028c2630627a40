import { Readable } from 'node:stream';
import { hashPassword } from '@rectify/api';
import { defaultFramework } from '@rectify/domain';
import type { BlobStore, Sql, TransactionSql } from '@rectify/store';
import {
  DEMO_GROUPS,
  DEMO_PASSWORD,
  DEMO_PROBLEMS,
  DEMO_ROUND,
  DEMO_STATEMENTS,
  DEMO_UNITS,
} from './demo-data.ts';
import { demoDocx, demoPdf, demoPng } from './demo-files.ts';

export const DEMO_ACCOUNTS = [
  { username: 'admin', displayName: '巡视办管理员', role: 'admin' },
  { username: 'leadership', displayName: '领导小组成员', role: 'leadership' },
  { username: 'leader1', displayName: '王组长', role: 'leader' },
  { username: 'member1', displayName: '张三', role: 'member' },
  { username: 'member2', displayName: '李四', role: 'member' },
  { username: 'unit1', displayName: '教务处联系人', role: 'unit_contact' },
] as const;

const SEEDED_KEY = 'demo_seeded';

/**
 * Seeds the demo round once. Returns false (and writes nothing) when the
 * database already holds demo data or any user, so a restart never re-seeds
 * and a production database is never touched.
 */
export async function seedDemo(sql: Sql, blobs: BlobStore): Promise<boolean> {
  const [state] = await sql<{ seeded: boolean; users: number }[]>`
    SELECT EXISTS (SELECT 1 FROM app_meta WHERE key = ${SEEDED_KEY}) AS seeded,
           (SELECT count(*)::int FROM users) AS users`;
  if (state?.seeded || (state?.users ?? 0) > 0) return false;

  // Blobs first (content-addressed, so a crash here leaves only harmless blobs).
  const files = await storeDemoFiles(blobs);
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  await sql.begin(async (tx) => {
    const [again] = await tx`SELECT 1 FROM app_meta WHERE key = ${SEEDED_KEY} FOR UPDATE`;
    if (again) return;
    const users = new Map<string, string>();
    for (const a of DEMO_ACCOUNTS) {
      const [u] = await tx<{ id: string }[]>`
        INSERT INTO users (username, display_name, password_hash, is_admin)
        VALUES (${a.username}, ${a.displayName}, ${passwordHash}, ${a.role === 'admin'})
        RETURNING id`;
      users.set(a.username, u!.id);
    }
    const [round] = await tx<{ id: string }[]>`
      INSERT INTO rounds (name, theme, state, starts_on, ends_on)
      VALUES (${DEMO_ROUND.name}, ${DEMO_ROUND.theme}, 'active', ${DEMO_ROUND.startsOn}, ${DEMO_ROUND.endsOn})
      RETURNING id`;
    const roundId = round!.id;
    await tx`INSERT INTO frameworks (round_id, version, body, created_by)
             VALUES (${roundId}, 1, ${tx.json(defaultFramework as never)}, ${users.get('admin')!})`;

    const groups: string[] = [];
    for (const [i, name] of DEMO_GROUPS.entries()) {
      const [g] = await tx<{ id: string }[]>`
        INSERT INTO inspection_groups (round_id, name, ordinal) VALUES (${roundId}, ${name}, ${i + 1})
        RETURNING id`;
      groups.push(g!.id);
    }
    const units = new Map<string, string>();
    for (const u of DEMO_UNITS) {
      const [row] = await tx<{ id: string }[]>`
        INSERT INTO units (name) VALUES (${u.name})
        ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id`;
      units.set(u.name, row!.id);
      await tx`INSERT INTO unit_assignments (round_id, unit_id, group_id)
               VALUES (${roundId}, ${row!.id}, ${groups[u.group]!})`;
    }
    const unitOf = (name: string) => units.get(name)!;
    const g1 = groups[0]!;
    const member = (
      username: string,
      role: string,
      groupId: string | null,
      unitId: string | null,
    ) =>
      tx`INSERT INTO memberships (round_id, user_id, role, group_id, unit_id)
         VALUES (${roundId}, ${users.get(username)!}, ${role}, ${groupId}, ${unitId})`;
    await member('admin', 'admin', null, null);
    await member('leadership', 'leadership', null, null);
    await member('leader1', 'leader', g1, null);
    await member('member1', 'member', g1, null);
    await member('member2', 'member', g1, null);
    await member('unit1', 'unit_contact', null, unitOf('教务处'));

    const taskIds = new Map<string, { taskId: string; lead: string }>();
    for (const [pi, p] of DEMO_PROBLEMS.entries()) {
      const [problem] = await tx<{ id: string }[]>`
        INSERT INTO problems (round_id, ordinal, title) VALUES (${roundId}, ${pi + 1}, ${p.title}) RETURNING id`;
      for (const [ti, t] of p.tasks.entries()) {
        const [task] = await tx<{ id: string }[]>`
          INSERT INTO tasks (round_id, problem_id, ordinal, title, source_key)
          VALUES (${roundId}, ${problem!.id}, ${ti + 1}, ${t.title}, ${`${pi + 1}.${ti + 1}`}) RETURNING id`;
        const [measure] = await tx<{ id: string }[]>`
          INSERT INTO measures (task_id, ordinal, content, lead_unit_id, kind, deadline, deadline_text)
          VALUES (${task!.id}, 1, ${t.measure}, ${unitOf(t.lead)}, ${t.kind}, ${t.deadline}, ${t.deadlineText})
          RETURNING id`;
        for (const co of t.co) {
          await tx`INSERT INTO measure_co_units (measure_id, unit_id) VALUES (${measure!.id}, ${unitOf(co)})`;
        }
        taskIds.set(t.title, { taskId: task!.id, lead: t.lead });
      }
    }

    for (const [title, paragraphs] of Object.entries(DEMO_STATEMENTS)) {
      const t = taskIds.get(title);
      if (!t) throw new Error(`demo statement for unknown task ${title}`);
      const versionId = await submitDemoStatement(tx, {
        roundId,
        taskId: t.taskId,
        unitId: unitOf(t.lead),
        submittedBy: users.get('unit1')!,
        paragraphs,
      });
      if (title === '修订本科生导师制实施办法') {
        for (const f of files) {
          const [ev] = await tx<{ id: string }[]>`
            INSERT INTO evidence (round_id, unit_id, task_id, hash, size, mime, original_name, stored_name,
                                  pages, text_state, uploaded_by)
            VALUES (${roundId}, ${unitOf('教务处')}, ${t.taskId}, ${f.hash}, ${f.size}, ${f.mime}, ${f.name},
                    ${f.name}, ${f.pages}, 'pending', ${users.get('unit1')!})
            RETURNING id`;
          await tx`INSERT INTO statement_version_evidence (statement_version_id, evidence_id)
                   VALUES (${versionId}, ${ev!.id})`;
        }
      }
    }
    await tx`INSERT INTO app_meta (key, value) VALUES (${SEEDED_KEY}, ${tx.json({ roundId } as never)})`;
  });
  return true;
}

async function submitDemoStatement(
  tx: TransactionSql,
  s: { roundId: string; taskId: string; unitId: string; submittedBy: string; paragraphs: string[] },
): Promise<string> {
  const body = {
    type: 'doc',
    content: s.paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
  };
  const [statement] = await tx<{ id: string }[]>`
    INSERT INTO statements (round_id, task_id, unit_id) VALUES (${s.roundId}, ${s.taskId}, ${s.unitId})
    RETURNING id`;
  const [version] = await tx<{ id: string }[]>`
    INSERT INTO statement_versions (statement_id, version, body, body_text, submitted_by)
    VALUES (${statement!.id}, 1, ${tx.json(body as never)}, ${s.paragraphs.join('\n')}, ${s.submittedBy})
    RETURNING id`;
  return version!.id;
}

interface DemoFile {
  name: string;
  mime: string;
  hash: string;
  size: number;
  pages: number | null;
}

async function storeDemoFiles(blobs: BlobStore): Promise<DemoFile[]> {
  const pdf = await demoPdf('Undergraduate Tutor System: Implementation Rules (2023 revision)', [
    [
      'Article 1. Every undergraduate is assigned a tutor from the first year.',
      'Article 2. A tutor guides at most 15 students.',
    ],
    [
      'Article 7. Tutors keep a record of each meeting with their students.',
      'Article 8. Tutoring counts towards the annual appraisal.',
    ],
    [
      'Annex: list of tutors by school (1,236 tutors in total).',
      'Issued by the Office of Academic Affairs, May 2023.',
    ],
  ]);
  const docx = await demoDocx('教务处党政联席会议纪要（2023年第9次）', [
    '会议研究了《本科生导师制实施办法》修订稿，同意提交校长办公会审议。',
    '会议要求各学院于6月底前完成导师聘任工作，并建立导师工作记录。',
  ]);
  const png = demoPng();
  const items: Array<{ name: string; mime: string; bytes: Uint8Array; pages: number | null }> = [
    {
      name: '本科生导师制实施办法（2023年修订）.pdf',
      mime: 'application/pdf',
      bytes: pdf,
      pages: 3,
    },
    {
      name: '教务处党政联席会议纪要.docx',
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      bytes: docx,
      pages: null,
    },
    { name: '导师见面会现场照片.png', mime: 'image/png', bytes: png, pages: null },
  ];
  const out: DemoFile[] = [];
  for (const f of items) {
    const r = await blobs.put(Readable.from([Buffer.from(f.bytes)]), { size: f.bytes.byteLength });
    out.push({ name: f.name, mime: f.mime, hash: r.hash, size: r.size, pages: f.pages });
  }
  return out;
}
