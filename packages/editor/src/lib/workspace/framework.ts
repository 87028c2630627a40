import type { Framework, Question } from '@rectify/domain';
import { request } from '../api.ts';

/** A framework with the version number it was stored as (annotations record that number). */
export interface FrameworkAt {
  version: number;
  framework: Framework;
}

/**
 * The round's framework (focuses, questions, method steps, aspects,
 * severities) with its version number: the version in force, or an earlier
 * one that an annotation or finding was tagged with.
 */
export async function loadFrameworkView(roundId: string, version?: number): Promise<FrameworkAt> {
  const query = version ? `?version=${version}` : '';
  const view = await request<FrameworkAt>(
    'GET',
    `/api/rounds/${encodeURIComponent(roundId)}/framework${query}`,
  );
  return { version: view.version, framework: view.framework };
}

/** The framework alone, for callers that do not need its version number. */
export async function loadFramework(roundId: string, version?: number): Promise<Framework> {
  return (await loadFrameworkView(roundId, version)).framework;
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
