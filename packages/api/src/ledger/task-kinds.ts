import type { Framework } from '@rectify/domain';
import { fold } from './text.ts';

export type TaskKind = Framework['taskKinds'][number];

/** Leading numbering of a section heading: "二、", "（二）", "2.", "第二部分". */
const NUMBERING =
  /^(第?[一二三四五六七八九十\d]+[、.．)）部分]+|[(（][一二三四五六七八九十\d]+[)）])/;

/**
 * The task kind a cell names, by code, Chinese or English label, or a label
 * shortened or lengthened a little ("已完成" for 集中整改期已完成, "补充整改任务（2023年）").
 * Null when it names none, or more than one.
 */
export function matchKind(cell: string, kinds: readonly TaskKind[]): string | null {
  const t = fold(cell).replace(NUMBERING, '').toLowerCase();
  if (!t) return null;
  const exact = kinds.find((k) => [k.code, fold(k.zh), fold(k.en).toLowerCase()].includes(t));
  if (exact) return exact.code;
  const near = kinds.filter((k) => {
    const zh = fold(k.zh);
    const longer = zh.length >= 2 && t.startsWith(zh) && t.length <= zh.length + 8;
    return (t.length >= 2 && zh.includes(t)) || longer;
  });
  return near.length === 1 ? near[0]!.code : null;
}

/** The Chinese label of a kind code, for the exported ledger; the code itself if the framework lost it. */
export function kindLabel(code: string, kinds: readonly TaskKind[]): string {
  return kinds.find((k) => k.code === code)?.zh ?? code;
}
