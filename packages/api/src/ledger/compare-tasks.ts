import type { StoredTask } from './ledger-store.ts';
import type { LedgerPlan, PlannedTask } from './plan-import.ts';

export type TaskStatus = 'new' | 'updated' | 'unchanged';

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** A task of the round that the ledger no longer lists; imports leave such tasks alone. */
export interface AbsentTask {
  sourceKey: string;
  problem: string;
  title: string;
}

/**
 * Pairs each planned task with the stored one it updates: same source key,
 * else (for tasks not made by a ledger import) same problem and title.
 */
export function compareTasks(plan: LedgerPlan, stored: StoredTask[]) {
  const byKey = new Map(stored.map((t) => [t.sourceKey, t]));
  const byTitle = new Map(stored.map((t) => [`${t.problemTitle}\u0000${t.title}`, t]));
  const claimed = new Set<string>();
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  const statuses = plan.tasks.map((task) => {
    let old = byKey.get(task.sourceKey);
    if (!old || claimed.has(old.id)) old = byTitle.get(`${task.problem}\u0000${task.title}`);
    if (!old || claimed.has(old.id)) {
      counts.created++;
      return { status: 'new' as TaskStatus, id: undefined };
    }
    claimed.add(old.id);
    const status: TaskStatus = same(task, old) ? 'unchanged' : 'updated';
    counts[status === 'unchanged' ? 'unchanged' : 'updated']++;
    return { status, id: old.id };
  });
  const absent = stored
    .filter((t) => !claimed.has(t.id))
    .map((t) => ({ sourceKey: t.sourceKey, problem: t.problemTitle, title: t.title }));
  return { statuses, counts, absent };
}

function same(task: PlannedTask, old: StoredTask): boolean {
  if (
    old.sourceKey !== task.sourceKey ||
    old.problemTitle !== task.problem ||
    old.ordinal !== task.ordinal ||
    old.title !== task.title ||
    old.measures.length !== task.measures.length
  ) {
    return false;
  }
  return task.measures.every((m, i) => {
    const o = old.measures[i]!;
    return (
      o.content === m.content &&
      o.lead === m.lead &&
      o.kind === m.kind &&
      o.deadline === m.deadline &&
      o.deadlineText === m.deadlineText &&
      [...o.coUnits].sort().join('\u0000') === [...m.coUnits].sort().join('\u0000')
    );
  });
}
