import { For, type JSX, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import type { ProblemTasks, UnitTask } from '../../lib/portal/contracts.ts';
import { kindText, problemLabel } from '../../lib/portal/labels.ts';
import { Link } from '../../lib/router.tsx';
import { StatusChip } from './status-chip.tsx';
import './portal-base.css';
import './tasks.css';

/** Where a task's page is: the unit travels along, since a contact may answer for several. */
export function taskHref(taskId: string, unitId: string): string {
  return `/tasks/${encodeURIComponent(taskId)}?unit=${encodeURIComponent(unitId)}`;
}

/**
 * ↑/↓ (and Home/End) move between task rows across all problems, so a long
 * list is walked without tabbing through every row.
 */
const onArrowKeys: JSX.EventHandler<HTMLElement, KeyboardEvent> = (event) => {
  const keys = ['ArrowDown', 'ArrowUp', 'Home', 'End'];
  if (!keys.includes(event.key) || event.altKey || event.ctrlKey || event.metaKey) return;
  const rows = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('.task-row'));
  const at = rows.indexOf(document.activeElement as HTMLElement);
  if (at < 0) return;
  const next =
    event.key === 'Home'
      ? 0
      : event.key === 'End'
        ? rows.length - 1
        : Math.min(rows.length - 1, Math.max(0, at + (event.key === 'ArrowDown' ? 1 : -1)));
  event.preventDefault();
  rows[next]?.focus();
};

function TaskRow(props: { task: UnitTask; problem: number; unitId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <li>
      <Link class="task-row" href={taskHref(props.task.id, props.unitId)}>
        <span class="task-row__num num" aria-hidden="true">
          {props.problem}.{props.task.ordinal}
        </span>
        <span class="task-row__main">
          <span class="task-row__title">{props.task.title}</span>
          <span class="task-row__meta">
            <span class={`kind-tag kind-tag--${props.task.kind}`}>
              {kindText(t, props.task.kind, props.task.kindLabel)}
            </span>
            {/* "长期坚持" is both a kind and the ledger's deadline wording: say it once. */}
            <Show when={props.task.deadline && props.task.deadline !== props.task.kindLabel}>
              <span class="task-row__deadline">
                <span class="visually-hidden">{t('portal.deadline')}：</span>
                {props.task.deadline}
              </span>
            </Show>
            <span class="task-row__role">
              {props.task.role === 'lead' ? t('portal.role.lead') : t('portal.role.co')}
            </span>
            <Show when={props.task.evidenceCount > 0}>
              <span class="task-row__files">
                {t('portal.tasks.files', { count: props.task.evidenceCount })}
              </span>
            </Show>
          </span>
        </span>
        <span class="task-row__status">
          <StatusChip status={props.task.statement} />
        </span>
      </Link>
    </li>
  );
}

/** A unit's tasks under the problems of the rectification plan, in ledger order. */
export function TaskList(props: { problems: ProblemTasks[]; unitId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: arrow keys only move focus between the links inside
    <div class="task-groups" onKeyDown={onArrowKeys}>
      <For each={props.problems}>
        {(problem) => (
          <section class="task-group" aria-labelledby={`problem-${problem.id}`}>
            <h2 class="task-group__title" id={`problem-${problem.id}`}>
              <span class="task-group__label">{problemLabel(i18n, problem.ordinal)}</span>
              <span class="task-group__name">{problem.title}</span>
              <span class="task-group__count num">
                {t('portal.tasks.count', { count: problem.tasks.length })}
              </span>
            </h2>
            <ul class="task-group__list">
              <For each={problem.tasks}>
                {(task) => <TaskRow task={task} problem={problem.ordinal} unitId={props.unitId} />}
              </For>
            </ul>
          </section>
        )}
      </For>
    </div>
  );
}
