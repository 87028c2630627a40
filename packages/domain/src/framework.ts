import { z } from 'zod';
import defaultFrameworkJson from './framework.default.json' with { type: 'json' };

const text = z.string().trim().min(1);
const localized = { zh: text, en: text };

export const FocusSchema = z.object({ code: z.string().regex(/^F\d+$/), ...localized });
export const QuestionSchema = z.object({
  code: z.string().regex(/^Q\d+$/),
  focus: z.string().regex(/^F\d+$/),
  ...localized,
  /** A retired question stays in history but is no longer offered as a tag. */
  retired: z.boolean().optional(),
});
export const MethodStepSchema = z.object({ code: z.string().regex(/^S\d+$/), ...localized });
export const AspectSchema = z.object({
  code: z.string().regex(/^A\d+$/),
  ...localized,
  note: z.string().optional(),
});
export const TaskKindSchema = z.object({
  code: z.string().regex(/^[a-z_]+$/),
  ...localized,
  check: z.string().optional(),
});
export const SeverityLevelSchema = z.object({ code: z.string().min(1), ...localized });

export const DEFAULT_SEVERITIES = [
  { code: 'minor', zh: '一般', en: 'Minor' },
  { code: 'major', zh: '较重', en: 'Major' },
  { code: 'severe', zh: '严重', en: 'Severe' },
];

/**
 * One round's "one theme, four focuses, twelve questions", with the method
 * steps, the aspects findings are grouped under, the severity scale and the
 * task kinds. Counts are not fixed: institutions edit them per round.
 */
export const FrameworkSchema = z
  .object({
    name: text,
    theme: z.object(localized),
    focuses: z.array(FocusSchema).min(1),
    questions: z.array(QuestionSchema).min(1),
    methodSteps: z.array(MethodStepSchema).min(1),
    aspects: z.array(AspectSchema).min(1),
    taskKinds: z.array(TaskKindSchema).min(1),
    severities: z.array(SeverityLevelSchema).min(1).default(DEFAULT_SEVERITIES),
  })
  .superRefine((fw, ctx) => {
    const focusCodes = new Set(fw.focuses.map((f) => f.code));
    fw.questions.forEach((q, i) => {
      if (!focusCodes.has(q.focus)) {
        ctx.addIssue({
          code: 'custom',
          path: ['questions', i, 'focus'],
          message: `unknown focus ${q.focus}`,
        });
      }
    });
    for (const key of ['focuses', 'questions', 'methodSteps', 'aspects', 'taskKinds'] as const) {
      const seen = new Set<string>();
      fw[key].forEach((item, i) => {
        if (seen.has(item.code)) {
          ctx.addIssue({
            code: 'custom',
            path: [key, i, 'code'],
            message: `duplicate code ${item.code}`,
          });
        }
        seen.add(item.code);
      });
    }
  });

export type Framework = z.infer<typeof FrameworkSchema>;
export type Question = z.infer<typeof QuestionSchema>;
export type Focus = z.infer<typeof FocusSchema>;

/** The framework that ships, derived from the source article (shared/domain). */
export const defaultFramework: Framework = FrameworkSchema.parse(defaultFrameworkJson);

/** Parses a framework, naming the first bad field in the error message. */
export function parseFramework(input: unknown): Framework {
  const r = FrameworkSchema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = issue.path.join('.') || '(root)';
  throw new FrameworkError(`${path}: ${issue.message}`, path);
}

export class FrameworkError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/** The focus a question belongs to, or undefined for an unknown code. */
export function focusOf(fw: Framework, questionCode: string): string | undefined {
  return fw.questions.find((q) => q.code === questionCode)?.focus;
}
