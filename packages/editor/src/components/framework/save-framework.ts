import { isApiError } from '../../lib/api.ts';
import { type FrameworkView, frameworkApi, type QuestionUses } from './framework-api.ts';

/** What became of a save or an import, for the page to show. */
export type SaveOutcome =
  | { kind: 'saved'; view: FrameworkView }
  /** Someone saved meanwhile: the page offers to reload (the draft is not merged). */
  | { kind: 'stale'; current: number }
  /** Questions the draft deletes are in use: shown with their uses, retiring offered. */
  | { kind: 'inUse'; uses: QuestionUses[] }
  /** The framework failed the schema; `detail` is the server's `framework.<path>: …`. */
  | { kind: 'invalid'; detail: string }
  /** Another refusal (a closed round, a focus or aspect still in use): the server's words. */
  | { kind: 'refused'; detail: string }
  | { kind: 'failed'; error: unknown };

const questionCodes = (fw: unknown): string[] => {
  const list = (fw as { questions?: unknown } | null)?.questions;
  return Array.isArray(list)
    ? list
        .map((q) => (q as { code?: unknown })?.code)
        .filter((c): c is string => typeof c === 'string')
    : [];
};

/**
 * Saves `framework` as the version after `base`. A 409 is told apart by
 * asking the server again rather than by reading its English message: a
 * newer version means stale; otherwise the deleted questions' uses say
 * whether that was the reason.
 */
export async function saveFramework(
  roundId: string,
  framework: unknown,
  base: FrameworkView,
): Promise<SaveOutcome> {
  try {
    return { kind: 'saved', view: await frameworkApi.save(roundId, framework, base.version) };
  } catch (e) {
    if (!isApiError(e)) return { kind: 'failed', error: e };
    if (e.status === 400) return { kind: 'invalid', detail: e.message };
    if (e.status !== 409) return { kind: 'failed', error: e };
    try {
      const fresh = await frameworkApi.view(roundId);
      if (fresh.current !== base.version) return { kind: 'stale', current: fresh.current };
      const kept = new Set(questionCodes(framework));
      const removed = questionCodes(base.framework).filter((c) => !kept.has(c));
      const uses = removed.length > 0 ? await frameworkApi.uses(roundId, removed) : [];
      if (uses.length > 0) return { kind: 'inUse', uses };
    } catch {
      // The follow-up question failed too: the refusal itself is still worth showing.
    }
    return { kind: 'refused', detail: e.message };
  }
}
