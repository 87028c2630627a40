import { createRoute, z } from '@hono/zod-openapi';
import { AppError, type Resource, type RoundFacts } from '@rectify/domain';
import type { Context } from 'hono';
import { byName, counted, roundFramework, roundGroups } from '../coverage/coverage-store.ts';
import type { ApiEnv } from '../env.ts';
import { authorize, filterAllowed } from '../lib/authorize.ts';
import { errorResponses, router } from '../lib/openapi.ts';
import { authorizeRound } from '../lib/round-access.ts';
import { signedIn } from '../statements/signed-in.ts';
import {
  type AnnotationExportRow,
  annotationsWorkbook,
  attachment,
  findingsWorkbook,
  XLSX_MIME,
} from './export-xlsx.ts';
import { frameworkAt, listFindings } from './finding-store.ts';

const tags = ['findings'];
const RoundParams = z.object({ roundId: z.uuid() });
const xlsx = (description: string) => ({
  200: {
    description,
    content: { [XLSX_MIME]: { schema: z.string().openapi({ format: 'binary' }) } },
  },
  401: errorResponses[401],
  403: errorResponses[403],
  404: errorResponses[404],
});

const findingsXlsx = createRoute({
  method: 'get',
  path: '/rounds/{roundId}/findings.xlsx',
  tags,
  summary: 'The findings the caller may read, as an Excel workbook (audited as an export)',
  middleware: [signedIn] as const,
  request: {
    params: RoundParams,
    query: z.object({
      unitId: z.uuid().optional(),
      groupId: z.uuid().optional(),
      state: z
        .enum(['draft', 'confirmed', 'approved', 'issued', 'rectifying', 'closed'])
        .optional(),
    }),
  },
  responses: xlsx('The findings'),
});

const annotationsXlsx = createRoute({
  method: 'get',
  path: '/rounds/{roundId}/annotations.xlsx',
  tags,
  summary:
    'The annotations of the units whose annotations the caller may read, as an Excel workbook (audited as an export)',
  middleware: [signedIn] as const,
  request: { params: RoundParams },
  responses: xlsx('The annotations'),
});

/**
 * A group's working papers as a whole (no particular unit): unit contacts
 * match none of them, so they are refused here, with the refusal audited.
 */
const groupPapers = (
  kind: 'finding' | 'annotation',
  round: RoundFacts,
  groupId: string | null,
): Resource =>
  kind === 'finding'
    ? { kind, state: 'draft', round, groupId: groupId ?? '', unitId: '' }
    : { kind, round, groupId, unitId: '' };

/**
 * Asks the policy for an export of one kind of working paper: allowed when
 * the caller may export some group's; the allowed decision is audited as an
 * export of the round, a refusal as a denied one.
 */
async function authorizeExport(
  c: Context<ApiEnv>,
  kind: 'finding' | 'annotation',
  round: RoundFacts,
) {
  const groups = await roundGroups(c.get('deps').sql, round.id);
  const allowed = filterAllowed(c, 'export', groups, (g) => groupPapers(kind, round, g.id));
  await authorize(c, 'export', groupPapers(kind, round, allowed[0]?.id ?? groups[0]?.id ?? null), {
    resourceId: round.id,
  });
}

async function roundName(c: Context<ApiEnv>, roundId: string): Promise<string> {
  const [r] = await c.get('deps').sql<{ name: string }[]>`
    SELECT name FROM rounds WHERE id = ${roundId}`;
  if (!r) throw new AppError('not_found', 'Not found.');
  return r.name;
}

/** Mounted at /api. */
export const findingExports = router()
  .openapi(findingsXlsx, async (c) => {
    const { roundId } = c.req.valid('param');
    const { sql } = c.get('deps');
    const round = await authorizeRound(c, 'read', roundId);
    await authorizeExport(c, 'finding', round);
    const rows = await listFindings(sql, roundId, c.req.valid('query'));
    const visible = filterAllowed(c, 'read', rows, (r) => ({
      kind: 'finding',
      state: r.state,
      round,
      unitId: r.unitId,
      groupId: r.groupId,
    }));
    const frameworks = new Map<number, Awaited<ReturnType<typeof frameworkAt>>>();
    const fwAt = async (v: number) => {
      if (!frameworks.has(v)) frameworks.set(v, await frameworkAt(sql, roundId, v));
      return frameworks.get(v)!;
    };
    const out = [];
    for (const r of visible) {
      const fw = await fwAt(r.frameworkVersion);
      // An issued finding keeps the wording frozen with it.
      const frozen = (r.frozen ?? null) as { questions?: { code: string; zh: string }[] } | null;
      out.push({
        ...r,
        unit: r.unitName,
        group: r.groupName,
        questions:
          frozen?.questions ??
          r.questions.map((code) => ({
            code,
            zh: fw.questions.find((q) => q.code === code)?.zh ?? code,
          })),
        createdBy: r.createdBy.displayName,
      });
    }
    const { framework } = await roundFramework(sql, roundId);
    const name = await roundName(c, roundId);
    const bytes = await findingsWorkbook(`${name}发现问题清单`, framework, out);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': XLSX_MIME,
      'content-disposition': attachment('findings.xlsx', `${name}发现问题清单.xlsx`),
      'cache-control': 'no-store',
    });
  })
  .openapi(annotationsXlsx, async (c) => {
    const { roundId } = c.req.valid('param');
    const { sql } = c.get('deps');
    const round = await authorizeRound(c, 'read', roundId);
    await authorizeExport(c, 'annotation', round);
    const units = await sql<{ id: string; groupId: string | null }[]>`
      SELECT DISTINCT a.unit_id AS id, ua.group_id
      FROM annotations a
      LEFT JOIN unit_assignments ua ON ua.round_id = a.round_id AND ua.unit_id = a.unit_id
      WHERE a.round_id = ${roundId} AND NOT a.deleted`;
    // The policy decides unit by unit, on the group inspecting it now (recusals included).
    const readable = filterAllowed(c, 'read', units, (u) => ({
      kind: 'annotation',
      round,
      unitId: u.id,
      groupId: u.groupId,
    })).map((u) => u.id);
    const rows = readable.length
      ? await sql<AnnotationExportRow[]>`
          SELECT un.name AS unit, t.title AS task, a.quote, a.body_text AS body,
            ARRAY(SELECT aq.question FROM annotation_questions aq
                  WHERE aq.annotation_id = a.id ORDER BY length(aq.question), aq.question) AS questions,
            a.step, a.status, p.display_name AS author, a.created_at, a.updated_at,
            e.original_name AS evidence_name,
            CASE WHEN e.id IS NULL THEN NULL ELSE a.evidence_page END AS evidence_page
          FROM annotations a
          JOIN units un ON un.id = a.unit_id
          JOIN statement_versions v ON v.id = a.statement_version_id
          JOIN statements s ON s.id = v.statement_id
          LEFT JOIN tasks t ON t.id = s.task_id
          LEFT JOIN users p ON p.id = a.author_id
          LEFT JOIN evidence e ON e.id = a.evidence_id
          WHERE a.round_id = ${roundId} AND a.unit_id IN ${sql(readable)} AND ${counted(sql)}
          ORDER BY a.created_at, a.id`
      : [];
    rows.sort((x, y) => byName(x.unit, y.unit));
    const { framework } = await roundFramework(sql, roundId);
    const name = await roundName(c, roundId);
    const bytes = await annotationsWorkbook(`${name}批注清单`, framework, rows);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': XLSX_MIME,
      'content-disposition': attachment('annotations.xlsx', `${name}批注清单.xlsx`),
      'cache-control': 'no-store',
    });
  });
