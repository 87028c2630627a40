import {
  AppError,
  buildReportModel,
  defaultReportTexts,
  type FindingState,
  type FrozenWording,
  REPORTABLE_STATES,
  type ReportFindingInput,
  type ReportGrouping,
  type ReportModel,
  type ReportTexts,
  type Resource,
  type RoundState,
} from '@rectify/domain';
import type { Db } from '@rectify/store';
import { currentFramework } from '../findings/finding-store.ts';

/** What the policy and the routes need to know about one report. */
export interface ReportFacts {
  id: string;
  roundId: string;
  roundState: RoundState;
  roundName: string;
  unitId: string | null;
  unitName: string | null;
  groupId: string | null;
  groupName: string | null;
  state: 'draft' | 'issued';
  content: StoredContent;
  blobHash: string | null;
  issuedAt: Date | null;
  issuedBy: { id: string; displayName: string } | null;
  createdAt: Date;
}

/**
 * `reports.content`: the editable texts while a draft; once issued, also the
 * model exactly as rendered into the stored DOCX, and the file's size.
 */
export interface StoredContent {
  texts?: Partial<ReportTexts>;
  groupBy?: ReportGrouping;
  model?: ReportModel;
  size?: number;
}

export function reportResource(
  f: Pick<ReportFacts, 'roundId' | 'roundState' | 'unitId' | 'groupId' | 'state'>,
): Resource {
  return {
    kind: 'report',
    state: f.state,
    round: { id: f.roundId, state: f.roundState },
    unitId: f.unitId,
    groupId: f.groupId,
  };
}

export async function reportFacts(db: Db, id: string, lock = false): Promise<ReportFacts> {
  const [row] = await db<
    (Omit<ReportFacts, 'issuedBy'> & { issuerId: string | null; issuerName: string | null })[]
  >`
    SELECT rp.id, rp.round_id, r.state AS round_state, r.name AS round_name, rp.unit_id,
      u.name AS unit_name, ua.group_id, g.name AS group_name, rp.state, rp.content, rp.blob_hash,
      rp.issued_at, rp.issued_by AS issuer_id, iu.display_name AS issuer_name, rp.created_at
    FROM reports rp
    JOIN rounds r ON r.id = rp.round_id
    LEFT JOIN units u ON u.id = rp.unit_id
    LEFT JOIN unit_assignments ua ON ua.round_id = rp.round_id AND ua.unit_id = rp.unit_id
    LEFT JOIN inspection_groups g ON g.id = ua.group_id
    LEFT JOIN users iu ON iu.id = rp.issued_by
    WHERE rp.id = ${id}
    ${lock ? db`FOR UPDATE OF rp` : db``}`;
  if (!row) throw new AppError('not_found', 'Not found.');
  const { issuerId, issuerName, ...facts } = row;
  return {
    ...facts,
    content: (facts.content ?? {}) as StoredContent,
    issuedBy: issuerId ? { id: issuerId, displayName: issuerName ?? '' } : null,
  };
}

/** The texts in force: what was saved over the defaults for this unit. */
export function reportTexts(
  f: Pick<ReportFacts, 'unitName' | 'groupName' | 'content'>,
): ReportTexts {
  return {
    ...defaultReportTexts({ unitName: f.unitName, groupName: f.groupName }),
    ...f.content.texts,
  };
}

/**
 * The findings a report is built from: of the unit (or all units for the
 * summary), approved or delivered, not merged away, and not delivered by
 * another report. Each with the evidence its annotations point at.
 */
export async function reportFindings(
  db: Db,
  roundId: string,
  report: { id: string; unitId: string | null },
  opts: { lock?: boolean } = {},
): Promise<ReportFindingInput[]> {
  const states = REPORTABLE_STATES as FindingState[];
  const rows = await db<
    {
      id: string;
      unitName: string;
      title: string;
      description: string;
      state: FindingState;
      questions: string[];
      aspect: string | null;
      immediate: boolean;
      requirement: string;
      deadline: string | null;
      createdAt: Date;
      frozen: FrozenWording | null;
    }[]
  >`
    SELECT f.id, u.name AS unit_name, f.title, f.description_text AS description, f.state,
      f.questions, f.aspect, f.immediate, f.requirement,
      to_char(f.deadline, 'YYYY-MM-DD') AS deadline, f.created_at, f.frozen
    FROM findings f JOIN units u ON u.id = f.unit_id
    WHERE f.round_id = ${roundId} AND f.merged_into IS NULL AND f.state IN ${db(states)}
      ${report.unitId ? db`AND f.unit_id = ${report.unitId} AND (f.report_id IS NULL OR f.report_id = ${report.id})` : db``}
    ORDER BY f.created_at, f.id
    ${opts.lock ? db`FOR UPDATE OF f` : db``}`;
  const refs = await db<{ findingId: string; name: string; page: number | null }[]>`
    SELECT DISTINCT fa.finding_id, e.original_name AS name, a.evidence_page AS page
    FROM finding_annotations fa
    JOIN findings f ON f.id = fa.finding_id
    JOIN annotations a ON a.id = fa.annotation_id
    JOIN evidence e ON e.id = a.evidence_id
    WHERE f.round_id = ${roundId} AND NOT a.deleted
      ${report.unitId ? db`AND f.unit_id = ${report.unitId}` : db``}`;
  const byFinding = new Map<string, Array<{ name: string; page: number | null }>>();
  for (const r of refs) {
    byFinding.set(r.findingId, [
      ...(byFinding.get(r.findingId) ?? []),
      { name: r.name, page: r.page },
    ]);
  }
  return rows.map((r) => ({
    ...r,
    createdAt: new Date(r.createdAt).toISOString(),
    evidence: byFinding.get(r.id) ?? [],
  }));
}

/** Builds the model of a draft from the database as it is now; `date` fills an unset date. */
export async function draftModel(
  db: Db,
  f: ReportFacts,
  date: string,
  opts: { lock?: boolean } = {},
): Promise<{ model: ReportModel; texts: ReportTexts; frameworkVersion: number }> {
  const { version, framework } = await currentFramework(db, f.roundId);
  const texts = reportTexts(f);
  const findings = await reportFindings(db, f.roundId, f, opts);
  const model = buildReportModel({
    unitName: f.unitName,
    framework,
    texts: { ...texts, date: texts.date ?? date },
    groupBy: f.content.groupBy ?? 'focus',
    findings,
  });
  return { model, texts, frameworkVersion: version };
}

export interface ReportListRow {
  unitId: string | null;
  unitName: string | null;
  groupId: string | null;
  groupName: string | null;
  reportId: string | null;
  state: 'draft' | 'issued' | null;
  issuedAt: Date | null;
  approved: number;
  delivered: number;
}

/** Every unit assigned in the round (and the summary row), with its report if any. */
export async function listReportRows(db: Db, roundId: string): Promise<ReportListRow[]> {
  const units = await db<ReportListRow[]>`
    SELECT u.id AS unit_id, u.name AS unit_name, ua.group_id, g.name AS group_name,
      rp.id AS report_id, rp.state, rp.issued_at,
      (SELECT count(*)::int FROM findings f WHERE f.round_id = ${roundId} AND f.unit_id = u.id
        AND f.merged_into IS NULL AND f.state = 'approved') AS approved,
      (SELECT count(*)::int FROM findings f WHERE f.round_id = ${roundId} AND f.unit_id = u.id
        AND f.state IN ('issued', 'rectifying', 'closed')) AS delivered
    FROM unit_assignments ua
    JOIN units u ON u.id = ua.unit_id
    JOIN inspection_groups g ON g.id = ua.group_id
    LEFT JOIN reports rp ON rp.round_id = ua.round_id AND rp.unit_id = u.id
    WHERE ua.round_id = ${roundId}
    ORDER BY g.ordinal, g.name, u.name, u.id`;
  const [summary] = await db<{ id: string; state: 'draft' | 'issued'; issuedAt: Date | null }[]>`
    SELECT id, state, issued_at FROM reports
    WHERE round_id = ${roundId} AND unit_id IS NULL ORDER BY created_at LIMIT 1`;
  const [totals] = await db<{ approved: number; delivered: number }[]>`
    SELECT count(*) FILTER (WHERE state = 'approved' AND merged_into IS NULL)::int AS approved,
      count(*) FILTER (WHERE state IN ('issued', 'rectifying', 'closed'))::int AS delivered
    FROM findings WHERE round_id = ${roundId}`;
  return [
    {
      unitId: null,
      unitName: null,
      groupId: null,
      groupName: null,
      reportId: summary?.id ?? null,
      state: summary?.state ?? null,
      issuedAt: summary?.issuedAt ?? null,
      approved: totals?.approved ?? 0,
      delivered: totals?.delivered ?? 0,
    },
    ...units,
  ];
}
