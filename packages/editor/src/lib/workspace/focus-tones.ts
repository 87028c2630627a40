import { type Framework, focusOf } from '@rectify/domain';

/**
 * Highlight colours follow the focus (F1–F4) of an annotation's first
 * question: four calm tones, one per focus, and a neutral one for an
 * annotation not tagged yet. The colours themselves live in workspace.css
 * (`--tone-f1` …); code only picks the tone.
 */
export const TONES = ['f1', 'f2', 'f3', 'f4'] as const;
export type Tone = (typeof TONES)[number] | 'none';

/** The tone of a focus, by its place in the round's framework (a fifth focus wraps round). */
export function focusTone(framework: Framework, focusCode: string | undefined): Tone {
  if (!focusCode) return 'none';
  const index = framework.focuses.findIndex((f) => f.code === focusCode);
  return index < 0 ? 'none' : TONES[index % TONES.length]!;
}

/** The tone of an annotation: its first question's focus. */
export function annotationTone(framework: Framework, questions: readonly string[]): Tone {
  const first = questions[0];
  return first ? focusTone(framework, focusOf(framework, first)) : 'none';
}

/** CSS classes of a highlight: tone, and faded once resolved. */
export function highlightClass(tone: Tone, resolved: boolean, active: boolean): string {
  let cls = `ws-hl ws-tone-${tone}`;
  if (resolved) cls += ' ws-hl--resolved';
  if (active) cls += ' ws-hl--active';
  return cls;
}
