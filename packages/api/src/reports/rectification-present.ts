import { decide, type PolicyActor, type Resource, type RoundFacts } from '@rectify/domain';
import type { Db } from '@rectify/store';
import { frameworkAt } from '../findings/finding-store.ts';
import {
  isOverdue,
  type RectificationResponse,
  type RectificationRow,
  type RectificationStatus,
  responsesOf,
  statusOf,
} from './rectification-store.ts';

export interface RectificationItem {
  finding: {
    id: string;
    title: string;
    description: string;
    questions: Array<{ code: string; focus: string; zh: string; en: string }>;
    aspect: { code: string; zh: string; en: string } | null;
    requirement: string;
    deadline: string | null;
    immediate: boolean;
    state: 'issued' | 'rectifying' | 'closed';
    reportId: string | null;
    unit: { id: string; name: string };
    group: { id: string; name: string };
  };
  status: RectificationStatus;
  overdue: boolean;
  responses: RectificationResponse[];
  canAnswer: boolean;
  canReview: boolean;
}

export function rectificationResource(
  round: RoundFacts,
  r: Pick<RectificationRow, 'unitId' | 'groupId'>,
): Resource {
  return { kind: 'rectification', round, unitId: r.unitId, groupId: r.groupId };
}

export function findingResource(
  round: RoundFacts,
  r: Pick<RectificationRow, 'unitId' | 'groupId' | 'state'>,
): Resource {
  return { kind: 'finding', state: r.state, round, unitId: r.unitId, groupId: r.groupId };
}

/** Delivered findings with their answers, as the follow-up screens and the ledger show them. */
export async function presentItems(
  db: Db,
  actor: PolicyActor,
  round: RoundFacts,
  rows: readonly RectificationRow[],
  today: string,
): Promise<RectificationItem[]> {
  const responses = await responsesOf(
    db,
    rows.map((r) => r.id),
  );
  const frameworks = new Map<number, Awaited<ReturnType<typeof frameworkAt>>>();
  const out: RectificationItem[] = [];
  for (const r of rows) {
    let questions = r.frozen?.questions;
    let aspect = r.frozen?.aspect ?? null;
    if (!r.frozen) {
      // Delivered before wording was frozen with findings: read the round's framework.
      if (!frameworks.has(1)) frameworks.set(1, await frameworkAt(db, r.roundId, 1));
      const fw = frameworks.get(1)!;
      questions = r.questions.map((code) => {
        const q = fw.questions.find((x) => x.code === code);
        return { code, focus: q?.focus ?? '', zh: q?.zh ?? code, en: q?.en ?? code };
      });
      const a = fw.aspects.find((x) => x.code === r.aspect);
      aspect = r.aspect ? { code: r.aspect, zh: a?.zh ?? r.aspect, en: a?.en ?? r.aspect } : null;
    }
    const list = responses.get(r.id) ?? [];
    const status = statusOf(r.state, list);
    const open = r.state === 'issued' || r.state === 'rectifying';
    out.push({
      finding: {
        id: r.id,
        title: r.title,
        description: r.description,
        questions: questions ?? [],
        aspect,
        requirement: r.requirement,
        deadline: r.deadline,
        immediate: r.immediate,
        state: r.state as RectificationItem['finding']['state'],
        reportId: r.reportId,
        unit: { id: r.unitId, name: r.unitName },
        group: { id: r.groupId, name: r.groupName },
      },
      status,
      overdue: isOverdue(r, today),
      responses: list,
      canAnswer:
        open &&
        status !== 'awaiting_review' &&
        decide(actor, 'write', rectificationResource(round, r)).allow,
      canReview:
        status === 'awaiting_review' &&
        decide(actor, 'review', rectificationResource(round, r)).allow,
    });
  }
  return out;
}
