import { z } from '@hono/zod-openapi';

/** The wire shapes of the coverage routes (`routes.ts`); the page reads exactly these. */

const Localized = { zh: z.string(), en: z.string() };

export const CoverageQuestionSchema = z
  .object({
    code: z.string(),
    ...Localized,
    /** Retired questions appear only while annotations still carry them. */
    retired: z.boolean(),
  })
  .openapi('CoverageQuestion');

export const CoverageFocusSchema = z
  .object({ code: z.string(), ...Localized, questions: z.array(CoverageQuestionSchema) })
  .openapi('CoverageFocus');

const Counts = { open: z.number().int(), resolved: z.number().int() };

export const CoverageCellSchema = z
  .object({
    question: z.string(),
    ...Counts,
    /** Display names of who annotated this cell, in collation order. */
    authors: z.array(z.string()),
  })
  .openapi('CoverageCell');

export const CoverageUnitSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    /** Statements the unit has submitted (any version), and how many of them carry annotations. */
    statements: z.number().int(),
    annotatedStatements: z.number().int(),
    /** Distinct annotations of the unit, tagged or not. */
    ...Counts,
    untagged: z.number().int(),
    /** One cell per question column, in column order; a cell with 0 + 0 is a gap. */
    cells: z.array(CoverageCellSchema),
  })
  .openapi('CoverageUnit');

export const CoverageSchema = z
  .object({
    roundId: z.string(),
    /** The group shown; null only when the round has no groups yet. */
    group: z.object({ id: z.string(), name: z.string() }).nullable(),
    /** Groups the caller may switch to (their own, or all for leadership and administrators). */
    groups: z.array(z.object({ id: z.string(), name: z.string() })),
    framework: z.object({ version: z.number().int(), focuses: z.array(CoverageFocusSchema) }),
    units: z.array(CoverageUnitSchema),
    /** Who annotated in this group, with their annotation and unit counts. */
    people: z.array(
      z.object({ name: z.string(), annotations: z.number().int(), units: z.number().int() }),
    ),
    totals: z.object({
      ...Counts,
      cells: z.number().int(),
      covered: z.number().int(),
      gaps: z.number().int(),
    }),
  })
  .openapi('Coverage');

export const CellAnnotationSchema = z
  .object({
    id: z.string(),
    quote: z.string(),
    body: z.string(),
    questions: z.array(z.string()),
    step: z.string().nullable(),
    status: z.enum(['open', 'resolved']),
    orphaned: z.boolean(),
    author: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** Opens the review workspace at `/review/{statementVersionId}`. */
    statementVersionId: z.string(),
    version: z.number().int(),
    task: z.object({ id: z.string(), title: z.string() }).nullable(),
    evidence: z
      .object({ id: z.string(), name: z.string(), page: z.number().int().nullable() })
      .nullable(),
  })
  .openapi('CoverageCellAnnotation');

export const CoverageCellDetailSchema = z
  .object({
    unit: z.object({ id: z.string(), name: z.string() }),
    question: z.object({
      code: z.string(),
      focus: z.string().nullable(),
      zh: z.string(),
      en: z.string(),
    }),
    annotations: z.array(CellAnnotationSchema),
  })
  .openapi('CoverageCellDetail');

export type Coverage = z.infer<typeof CoverageSchema>;
export type CoverageCellDetail = z.infer<typeof CoverageCellDetailSchema>;
