import { defaultFramework, type Framework, type Question } from '@rectify/domain';

/**
 * The round's framework (focuses, questions, method steps). The API does not
 * serve a round's framework yet, so this is the one that ships; when
 * `GET /api/rounds/{id}/framework` exists, only this function changes.
 */
export async function loadFramework(_roundId: string): Promise<Framework> {
  return defaultFramework;
}

/** Questions offered as tags, in the round's order (retired ones only stay in history). */
export function taggableQuestions(fw: Framework): Question[] {
  return fw.questions.filter((q) => !q.retired);
}

/**
 * A few words for a tag chip: the question's first quoted phrase (“纸面整改”),
 * else its wording without the leading 是否 / 是否存在, cut short.
 */
export function shortLabel(q: Question, lang: 'zh-CN' | 'en'): string {
  if (lang === 'en') {
    const words = q.en.split(/\s+/).slice(0, 4).join(' ');
    return words.length < q.en.length ? `${words}…` : words;
  }
  const quoted = q.zh.match(/[“"]([^”"]{2,})[”"]/)?.[1]?.split(/[，,]/)[0];
  const text = quoted ?? q.zh.replace(/^(是否存在|是否)/, '');
  return text.length > 8 ? `${text.slice(0, 8)}…` : text;
}
