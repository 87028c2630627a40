import { z } from '@hono/zod-openapi';
import { LEDGER_FIELDS } from './detect-header.ts';
import { MAX_COLUMNS, MAX_ROWS } from './read-sheet.ts';

/** Largest ledger file accepted; real ledgers are well under 1 MB. */
export const MAX_LEDGER_BYTES = 10 * 1024 * 1024;

const Field = z.enum(LEDGER_FIELDS);

export const MappingSchema = z
  .object({
    headerRow: z.int().min(0).max(MAX_ROWS),
    columns: z.partialRecord(
      Field,
      z
        .int()
        .min(0)
        .max(MAX_COLUMNS - 1),
    ),
  })
  .openapi('LedgerMapping');

/** The JSON of the multipart field `options`. */
export const ImportOptionsSchema = z.object({
  mapping: MappingSchema.partial().optional(),
  /** Proposed unit names the administrator accepts for creation. */
  createUnits: z.array(z.string().trim().min(1).max(200)).max(1000).default([]),
});

export const UploadSchema = z.object({
  file: z
    .instanceof(File)
    .openapi({ type: 'string', format: 'binary', description: 'The ledger, .xlsx or .csv' }),
  options: z.string().optional().openapi({
    description: 'JSON: { mapping?: { headerRow?, columns? }, createUnits?: string[] }',
  }),
});

const Issue = z.object({
  row: z.number(),
  field: z.string(),
  code: z.string(),
  message: z.string(),
});

const Measure = z.object({
  row: z.number(),
  content: z.string(),
  lead: z.string(),
  coUnits: z.array(z.string()),
  kind: z.string(),
  deadline: z.string().nullable(),
  deadlineText: z.string(),
});

const Counts = z.object({ created: z.number(), updated: z.number(), unchanged: z.number() });
const Absent = z.object({ sourceKey: z.string(), problem: z.string(), title: z.string() });

export const PreviewSchema = z
  .object({
    sheet: z.object({
      name: z.string(),
      format: z.enum(['xlsx', 'csv']),
      encoding: z.string().nullable(),
      rows: z.number(),
    }),
    header: z.object({
      firstRow: z.number(),
      lastRow: z.number(),
      columns: z.array(
        z.object({
          index: z.number(),
          letter: z.string(),
          label: z.string(),
          field: Field.nullable(),
        }),
      ),
    }),
    detected: MappingSchema,
    mapping: MappingSchema,
    problems: z.array(
      z.object({
        title: z.string(),
        ordinal: z.number(),
        row: z.number(),
        status: z.enum(['new', 'existing']),
      }),
    ),
    tasks: z.array(
      z.object({
        sourceKey: z.string(),
        problem: z.string(),
        ordinal: z.number(),
        title: z.string(),
        row: z.number(),
        measures: z.array(Measure),
        status: z.enum(['new', 'updated', 'unchanged']),
      }),
    ),
    units: z.object({
      existing: z.array(z.string()),
      proposed: z.array(z.object({ name: z.string(), rows: z.array(z.number()) })),
    }),
    errors: z.array(Issue),
    warnings: z.array(Issue),
    counts: Counts,
    absent: z.array(Absent),
  })
  .openapi('LedgerPreview');

export const ImportResultSchema = z
  .object({
    counts: Counts,
    problemsCreated: z.number(),
    unitsCreated: z.array(z.string()),
    absent: z.array(Absent),
  })
  .openapi('LedgerImportResult');
