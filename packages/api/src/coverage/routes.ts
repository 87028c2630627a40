import { createRoute, z } from '@hono/zod-openapi';
import { AppError, type Resource, type RoundFacts } from '@rectify/domain';
import { authorize, filterAllowed } from '../lib/authorize.ts';
import { errorResponses, json, router } from '../lib/openapi.ts';
import { authorizeRound } from '../lib/round-access.ts';
import { unitFacts } from '../queries/facts.ts';
import { signedIn } from '../statements/signed-in.ts';
import {
  cellAnnotations,
  groupUnits,
  roundFramework,
  roundGroups,
  sharedCoverageCounts,
} from './coverage-store.ts';
import { buildMatrix } from './matrix.ts';
import { CoverageCellDetailSchema, CoverageSchema } from './schemas.ts';

const tags = ['coverage'];
const RoundParams = z.object({ roundId: z.uuid() });

/**
 * A group's annotations as a whole, asked of the policy as annotations of the
 * group with no particular unit: no unit contact matches it and no recusal
 * applies to it; recusals are applied unit by unit afterwards.
 */
const groupAnnotations = (round: RoundFacts, groupId: string | null): Resource => ({
  kind: 'annotation',
  round,
  groupId,
  unitId: '',
});

const matrix = createRoute({
  method: 'get',
  path: '/rounds/{roundId}/coverage',
  tags,
  summary:
    'The unit × question matrix of one inspection group: open and resolved annotation counts and who annotated, with the gaps',
  middleware: [signedIn] as const,
  request: {
    params: RoundParams,
    query: z.object({
      groupId: z.uuid().optional().openapi({
        description: 'The group to show; by default the caller’s own (or the first group)',
      }),
    }),
  },
  responses: { 200: json(CoverageSchema), ...errorResponses },
});

const cell = createRoute({
  method: 'get',
  path: '/rounds/{roundId}/coverage/cell',
  tags,
  summary: 'The annotations behind one cell of the coverage matrix',
  middleware: [signedIn] as const,
  request: {
    params: RoundParams,
    query: z.object({
      unitId: z.uuid(),
      question: z.string().regex(/^Q\d{1,4}$/, 'a question code such as Q3'),
    }),
  },
  responses: { 200: json(CoverageCellDetailSchema), ...errorResponses },
});

export const coverage = router()
  .openapi(matrix, async (c) => {
    const { roundId } = c.req.valid('param');
    const { groupId } = c.req.valid('query');
    const { sql } = c.get('deps');
    const round = await authorizeRound(c, 'read', roundId);
    const groups = await roundGroups(sql, roundId);
    const visible = filterAllowed(c, 'read', groups, (g) => groupAnnotations(round, g.id));
    const target = groupId ? groups.find((g) => g.id === groupId) : (visible[0] ?? groups[0]);
    if (groupId && !target) throw new AppError('not_found', 'Not found.');
    // Asked even when the list above already said no: the refusal is audited.
    await authorize(c, 'read', groupAnnotations(round, target?.id ?? null), {
      resourceId: target?.id ?? roundId,
    });

    const units = target ? await groupUnits(sql, roundId, target.id) : [];
    // Recused units are left out, as if the group did not inspect them.
    const shown = filterAllowed(c, 'read', units, (u) => ({
      kind: 'annotation',
      round,
      unitId: u.id,
      groupId: target!.id,
    }));
    const { version, framework } = await roundFramework(sql, roundId);
    const counts = await sharedCoverageCounts(
      sql,
      roundId,
      shown.map((u) => u.id),
    );
    const built = buildMatrix(framework, shown, counts);
    return c.json(
      {
        roundId,
        group: target ? { id: target.id, name: target.name } : null,
        groups: visible.map((g) => ({ id: g.id, name: g.name })),
        framework: { version, focuses: built.focuses },
        units: built.units,
        people: built.people,
        totals: built.totals,
      },
      200,
    );
  })
  .openapi(cell, async (c) => {
    const { roundId } = c.req.valid('param');
    const { unitId, question } = c.req.valid('query');
    const { sql } = c.get('deps');
    const facts = await unitFacts(sql, roundId, unitId);
    await authorize(c, 'read', { kind: 'annotation', ...facts }, { resourceId: unitId });
    const { framework } = await roundFramework(sql, roundId);
    const q = framework.questions.find((x) => x.code === question);
    if (!q) throw new AppError('not_found', `The round's framework has no question ${question}.`);
    const [unit] = await sql<{ id: string; name: string }[]>`
      SELECT id, name FROM units WHERE id = ${unitId}`;
    const rows = await cellAnnotations(sql, roundId, unitId, question);
    return c.json(
      {
        unit: unit!,
        question: { code: q.code, focus: q.focus ?? null, zh: q.zh, en: q.en },
        annotations: rows.map((r) => ({
          id: r.id,
          quote: r.quote,
          body: r.body,
          questions: r.questions,
          step: r.step,
          status: r.status,
          orphaned: r.orphaned,
          author: r.author,
          createdAt: new Date(r.createdAt).toISOString(),
          updatedAt: new Date(r.updatedAt).toISOString(),
          statementVersionId: r.statementVersionId,
          version: r.version,
          task: r.taskId ? { id: r.taskId, title: r.taskTitle ?? '' } : null,
          evidence: r.evidenceId
            ? { id: r.evidenceId, name: r.evidenceName ?? '', page: r.evidencePage }
            : null,
        })),
      },
      200,
    );
  });
