import type { Framework } from '@rectify/domain';

/** The lists of a framework the editor edits item by item, each item keyed by its code. */
export type ListKey =
  | 'focuses'
  | 'questions'
  | 'methodSteps'
  | 'aspects'
  | 'severities'
  | 'taskKinds';

/** Codes the schema numbers (F1, Q13, S4, A6); severities and task kinds take words. */
export const CODE_PREFIX: Partial<Record<ListKey, string>> = {
  focuses: 'F',
  questions: 'Q',
  methodSteps: 'S',
  aspects: 'A',
};

/**
 * The next free numbered code: one past the highest ever used in the list,
 * so a deleted Q12 is never handed out again to mean something else.
 */
export function nextCode(items: readonly { code: string }[], prefix: string): string {
  let max = 0;
  for (const item of items) {
    const m = item.code.match(new RegExp(`^${prefix}(\\d+)$`));
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `${prefix}${max + 1}`;
}

/** A word code not yet taken: `custom`, then `custom_b`, `custom_c`… (task kinds allow a–z and _). */
export function nextWordCode(items: readonly { code: string }[], word: string): string {
  const taken = new Set(items.map((i) => i.code));
  if (!taken.has(word)) return word;
  for (let c = 98; c <= 122; c++) {
    const code = `${word}_${String.fromCharCode(c)}`;
    if (!taken.has(code)) return code;
  }
  return `${word}_${taken.size}`;
}

/** The code a new item of `key` gets. */
export function newCode(fw: Framework, key: ListKey): string {
  const prefix = CODE_PREFIX[key];
  const items = fw[key] as readonly { code: string }[];
  if (prefix) return nextCode(items, prefix);
  return nextWordCode(items, key === 'severities' ? 'level' : 'custom');
}

/** The list with the item at `from` moved to `to` (both clamped); the same array if nothing moves. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const target = Math.max(0, Math.min(items.length - 1, to));
  if (from === target || from < 0 || from >= items.length) return [...items];
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(target, 0, item as T);
  return next;
}

/** Question codes in `base` that `draft` no longer has: the deletions a save asks for. */
export function removedQuestions(base: Framework, draft: Framework): string[] {
  const kept = new Set(draft.questions.map((q) => q.code));
  return base.questions.filter((q) => !kept.has(q.code)).map((q) => q.code);
}

/** A deep copy to edit, so the stored version stays what the server sent. */
export function cloneFramework(fw: Framework): Framework {
  return structuredClone(fw);
}

/** Whether two frameworks would save the same (key order aside, `retired: false` = absent). */
export function sameFramework(a: Framework, b: Framework): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const entries = Object.entries(v as Record<string, unknown>)
        .filter(([k, x]) => x !== undefined && !(k === 'retired' && x === false))
        .sort(([x], [y]) => x.localeCompare(y));
      return Object.fromEntries(entries);
    }
    return v;
  });
}

/** How many questions a focus holds in the draft: a focus with questions cannot be deleted. */
export function questionsIn(fw: Framework, focus: string): number {
  return fw.questions.filter((q) => q.focus === focus).length;
}

/**
 * The draft with `codes` kept as retired questions instead of deleted: each
 * one the draft dropped goes back where the stored version had it.
 */
export function retireInstead(
  stored: Framework,
  draft: Framework,
  codes: readonly string[],
): Framework {
  const next = cloneFramework(draft);
  for (const code of codes) {
    const present = next.questions.find((q) => q.code === code);
    if (present) {
      present.retired = true;
      continue;
    }
    const at = stored.questions.findIndex((q) => q.code === code);
    const original = stored.questions[at];
    if (!original) continue;
    next.questions.splice(Math.min(at, next.questions.length), 0, { ...original, retired: true });
  }
  return next;
}

/** Every code a framework uses, across its lists: what "already stored" means in the editor. */
export function codesOf(fw: Framework): Set<string> {
  return new Set(
    [fw.focuses, fw.questions, fw.methodSteps, fw.aspects, fw.severities, fw.taskKinds].flatMap(
      (list) => list.map((x) => x.code),
    ),
  );
}
