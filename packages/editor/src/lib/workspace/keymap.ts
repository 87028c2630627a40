/**
 * The workspace's keyboard map, as pure functions of a key event so it can be
 * tested without a DOM and read in one place.
 *
 * While an annotation card has focus (not its text fields):
 *   1–9, 0, -, =   toggle the round's 1st–12th question (Q1–Q12 by default)
 *   Alt+1/2/3      set the method step S1/S2/S3 (again: clear it)
 * Anywhere outside a text field:
 *   J / K          next / previous annotation
 *   Ctrl/⌘+M       new annotation on the statement selection
 */
export const QUESTION_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-', '='] as const;

/** Physical keys for the same, when the layout gives `key` something else (Shift, AZERTY). */
const QUESTION_CODES = [
  'Digit1',
  'Digit2',
  'Digit3',
  'Digit4',
  'Digit5',
  'Digit6',
  'Digit7',
  'Digit8',
  'Digit9',
  'Digit0',
  'Minus',
  'Equal',
];

export interface KeyLike {
  key: string;
  code?: string;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
}

export type CardKeyAction =
  | { kind: 'toggleQuestion'; code: string }
  | { kind: 'setStep'; code: string };

/** The key that toggles the question at `index` of the round's list, if any. */
export function questionKey(index: number): string | undefined {
  return QUESTION_KEYS[index];
}

function digitOf(e: KeyLike): number | undefined {
  // With Alt, macOS turns digits into symbols (¡ ™ £): the physical key decides.
  const fromCode = e.code?.match(/^(?:Digit|Numpad)(\d)$/)?.[1];
  const raw = fromCode ?? (/^\d$/.test(e.key) ? e.key : undefined);
  return raw === undefined ? undefined : Number(raw);
}

/**
 * What a key does on a focused card. `questions` are the codes offered as
 * tags, in the round's order; `steps` the method steps.
 */
export function cardKeyAction(
  e: KeyLike,
  questions: readonly string[],
  steps: readonly string[],
): CardKeyAction | undefined {
  if (e.ctrlKey || e.metaKey) return undefined;
  if (e.altKey) {
    const n = digitOf(e);
    const step = n === undefined || n === 0 ? undefined : steps[n - 1];
    return step ? { kind: 'setStep', code: step } : undefined;
  }
  let index = QUESTION_KEYS.indexOf(e.key as (typeof QUESTION_KEYS)[number]);
  if (index < 0 && !e.shiftKey && e.code) index = QUESTION_CODES.indexOf(e.code);
  const code = index < 0 ? undefined : questions[index];
  return code ? { kind: 'toggleQuestion', code } : undefined;
}

export type WorkspaceKeyAction = 'next' | 'previous' | 'newAnnotation';

/** Keys that work anywhere in the workspace except inside a text field. */
export function workspaceKeyAction(e: KeyLike): WorkspaceKeyAction | undefined {
  const key = e.key.toLowerCase();
  if ((e.ctrlKey || e.metaKey) && !e.altKey && (key === 'm' || e.code === 'KeyM')) {
    return 'newAnnotation';
  }
  if (e.ctrlKey || e.metaKey || e.altKey) return undefined;
  if (key === 'j') return 'next';
  if (key === 'k') return 'previous';
  return undefined;
}

/** True when the event comes from somewhere the user types text. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(target.type);
  }
  return false;
}
