import { createMemo, For, Index, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { kindText, problemLabel } from '../../lib/portal/labels.ts';
import type { LedgerPreview, PlannedTask, TaskStatus } from './ledger-api.ts';

const STATUS_KEY = {
  new: 'ledger.status.new',
  updated: 'ledger.status.updated',
  unchanged: 'ledger.status.unchanged',
} as const;

/**
 * The rows as they will be imported, grouped under their problems: the task
 * with each of its measures, lead unit, co-units, kind and deadline (as
 * written, and the date it was read as), and whether it is new, changed or
 * the same as stored. Units still to be created are marked.
 */
export function TaskPreview(props: { preview: LedgerPreview }) {
  const i18n = useI18n();
  const { t, formatDate } = i18n;
  const proposed = createMemo(() => new Set(props.preview.units.proposed.map((u) => u.name)));
  const groups = createMemo(() =>
    props.preview.problems.map((problem) => ({
      problem,
      tasks: props.preview.tasks.filter((task) => task.problem === problem.title),
    })),
  );
  const measures = () => props.preview.tasks.reduce((n, task) => n + task.measures.length, 0);
  const unit = (name: string) => (
    <span class="ledger-unit-name" classList={{ 'ledger-unit-name--new': proposed().has(name) }}>
      {name}
      <Show when={proposed().has(name)}>
        <span class="visually-hidden"> ({t('ledger.rows.newUnit')})</span>
      </Show>
    </span>
  );
  const status = (s: TaskStatus) => (
    <span class={`ledger-status ledger-status--${s}`}>{t(STATUS_KEY[s])}</span>
  );

  return (
    <section class="ledger-section" aria-labelledby="ledger-rows-title">
      <div class="ledger-section__head">
        <h2 class="ledger-section__title" id="ledger-rows-title">
          {t('ledger.rows.title')}
        </h2>
        <span class="ledger-section__meta">
          {t('ledger.rows.count', {
            problems: props.preview.problems.length,
            tasks: props.preview.tasks.length,
            measures: measures(),
          })}
        </span>
      </div>
      <Show
        when={props.preview.tasks.length > 0}
        fallback={
          <p class="ledger-empty">
            {props.preview.errors.length > 0
              ? t('ledger.rows.emptyWithErrors')
              : t('ledger.rows.empty')}
          </p>
        }
      >
        <div class="ledger-table-wrap">
          <table class="ledger-table">
            <caption class="visually-hidden">{t('ledger.rows.title')}</caption>
            <thead>
              <tr>
                <th scope="col" class="ledger-table__row">
                  {t('ledger.rows.row')}
                </th>
                <th scope="col">{t('ledger.rows.task')}</th>
                <th scope="col">{t('ledger.rows.lead')}</th>
                <th scope="col">{t('ledger.rows.co')}</th>
                <th scope="col">{t('ledger.rows.kind')}</th>
                <th scope="col">{t('ledger.rows.deadline')}</th>
                <th scope="col">{t('ledger.rows.status')}</th>
              </tr>
            </thead>
            <For each={groups()}>
              {(group) => (
                <tbody class="ledger-group">
                  <tr class="ledger-group__head">
                    <th scope="colgroup" colSpan={7}>
                      <span class="ledger-group__label">
                        {problemLabel(i18n, group.problem.ordinal)}
                      </span>
                      <span class="ledger-group__title">{group.problem.title}</span>
                      <Show when={group.problem.status === 'new'}>
                        <span class="ledger-status ledger-status--new">
                          {t('ledger.problem.new')}
                        </span>
                      </Show>
                    </th>
                  </tr>
                  <For each={group.tasks}>{(task) => <TaskRows task={task} />}</For>
                </tbody>
              )}
            </For>
          </table>
        </div>
      </Show>
    </section>
  );

  function TaskRows(p: { task: PlannedTask }) {
    return (
      <Index each={p.task.measures}>
        {(measure, i) => (
          <tr
            class="ledger-measure"
            classList={{ 'ledger-measure--first': i === 0 }}
            data-row={measure().row}
          >
            <td class="ledger-table__row num">{measure().row}</td>
            <td class="ledger-measure__text">
              <Show when={i === 0}>
                <span class="ledger-measure__task">{p.task.title}</span>
              </Show>
              <Show when={measure().content && measure().content !== p.task.title}>
                <span class="ledger-measure__content">{measure().content}</span>
              </Show>
            </td>
            <td class="ledger-measure__lead">{unit(measure().lead)}</td>
            <td class="ledger-measure__co">
              <Show when={measure().coUnits.length > 0} fallback={t('ledger.rows.none')}>
                <For each={measure().coUnits}>
                  {(name, k) => (
                    <>
                      {k() > 0 ? t('ledger.listSeparator') : ''}
                      {unit(name)}
                    </>
                  )}
                </For>
              </Show>
            </td>
            <td class="ledger-measure__kind">{kindText(t, measure().kind, '')}</td>
            <td class="ledger-measure__deadline">
              {measure().deadlineText || t('ledger.rows.none')}
              <Show when={measure().deadline && measure().deadline !== measure().deadlineText}>
                <span class="ledger-measure__date">{formatDate(measure().deadline ?? '')}</span>
              </Show>
            </td>
            <td>
              <Show when={i === 0}>{status(p.task.status)}</Show>
            </td>
          </tr>
        )}
      </Index>
    );
  }
}
