import type { Framework } from '@rectify/domain';
import type { Finding, FindingFields } from './findings-api.ts';

/** The editable fields of a finding, as the form holds them. */
export function fieldsOf(f: Finding): FindingFields {
  return {
    title: f.title,
    description: f.description,
    questions: f.questions.map((q) => q.code),
    aspect: f.aspect,
    severity: f.severity,
    immediate: f.immediate,
    requirement: f.requirement,
    deadline: f.deadline,
  };
}

/**
 * Only what differs from the saved copy, so a save never overwrites a colleague's other fields.
 * Never the description: it is a live document of its own, and its row copy follows it.
 */
export function changedFields(saved: FindingFields, draft: FindingFields): Partial<FindingFields> {
  const out: Partial<FindingFields> = {};
  if (draft.title.trim() !== saved.title) out.title = draft.title.trim();
  if (draft.questions.join(',') !== saved.questions.join(',')) out.questions = [...draft.questions];
  if (draft.aspect !== saved.aspect) out.aspect = draft.aspect;
  if (draft.severity !== saved.severity) out.severity = draft.severity;
  if (draft.immediate !== saved.immediate) out.immediate = draft.immediate;
  if (draft.requirement !== saved.requirement) out.requirement = draft.requirement;
  if ((draft.deadline || null) !== saved.deadline) out.deadline = draft.deadline || null;
  return out;
}

const localized = (item: { zh: string; en: string }, lang: string) =>
  lang === 'en' ? item.en : item.zh;

/** An aspect's or a severity's name in the round's framework; the code if it left the framework. */
export function aspectName(fw: Framework, code: string | null, lang: string): string | undefined {
  if (!code) return undefined;
  const a = fw.aspects.find((x) => x.code === code);
  return a ? localized(a, lang) : code;
}

export function severityName(fw: Framework, code: string | null, lang: string): string | undefined {
  if (!code) return undefined;
  const s = fw.severities.find((x) => x.code === code);
  return s ? localized(s, lang) : code;
}
