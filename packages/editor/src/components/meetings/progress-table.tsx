import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh.ts';
import type { AgendaGroup } from './meetings-api.ts';

const STEPS = ['S1', 'S2', 'S3'] as const;

/** The method steps to show as columns: always S1–S3, then "no step" when any annotation lacks one. */
export function stepColumns(groups: readonly AgendaGroup[]): string[] {
  const extra = new Set<string>();
  for (const g of groups) {
    for (const key of Object.keys(g.steps)) {
      if (!(STEPS as readonly string[]).includes(key)) extra.add(key);
    }
  }
  return [...STEPS, ...[...extra].sort((a, b) => (a === 'none' ? 1 : b === 'none' ? -1 : 0))];
}

const stepLabel = (step: string): MessageKey | undefined =>
  step === 'S1' || step === 'S2' || step === 'S3' || step === 'none'
    ? (`meetings.step.${step}` as const)
    : undefined;

/** Progress per group: statements reviewed of those submitted, annotations by step, empty cells. */
export function ProgressTable(props: { groups: readonly AgendaGroup[] }) {
  const { t, formatNumber } = useI18n();
  const steps = () => stepColumns(props.groups);
  const pct = (g: AgendaGroup) =>
    g.statements > 0 ? Math.round((g.reviewed / g.statements) * 100) : 0;
  return (
    <section class="mt-agenda__part" aria-labelledby="mt-progress-title">
      <div class="mt-agenda__part-head">
        <h3 id="mt-progress-title" class="mt-agenda__heading">
          {t('meetings.agenda.progress')}
        </h3>
      </div>
      <Show
        when={props.groups.length > 0}
        fallback={<p class="mt-muted">{t('meetings.agenda.noGroups')}</p>}
      >
        <div class="mt-table-wrap">
          <table class="mt-table mt-progress">
            <thead>
              <tr>
                <th scope="col">{t('meetings.agenda.colGroup')}</th>
                <th scope="col" class="mt-progress__reviewed">
                  {t('meetings.agenda.colReviewed')}
                </th>
                <th scope="col" class="mt-num">
                  {t('meetings.agenda.colAnnotations')}
                </th>
                <For each={steps()}>
                  {(step) => {
                    const key = stepLabel(step);
                    return (
                      <th scope="col" class="mt-num" title={key ? t(key) : step}>
                        {step === 'none' ? t('meetings.step.noneShort') : step}
                      </th>
                    );
                  }}
                </For>
                <th scope="col" class="mt-num">
                  {t('meetings.agenda.colGaps')}
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={props.groups}>
                {(g) => (
                  <tr>
                    <th scope="row" class="mt-progress__group">
                      {g.name}
                      <span class="mt-progress__units">
                        {t('meetings.agenda.units', { count: g.units })}
                      </span>
                    </th>
                    <td class="mt-progress__reviewed">
                      <span class="mt-progress__ratio num">
                        {formatNumber(g.reviewed)} / {formatNumber(g.statements)}
                      </span>
                      <span class="mt-bar" aria-hidden="true">
                        <span class="mt-bar__fill" style={{ width: `${pct(g)}%` }} />
                      </span>
                    </td>
                    <td class="mt-num num">
                      {formatNumber(g.annotations)}
                      <Show when={g.newAnnotations > 0}>
                        <span class="mt-new-count">
                          {t('meetings.agenda.newCount', { count: g.newAnnotations })}
                        </span>
                      </Show>
                    </td>
                    <For each={steps()}>
                      {(step) => (
                        <td class="mt-num num" classList={{ 'mt-zero': !g.steps[step] }}>
                          {formatNumber(g.steps[step] ?? 0)}
                        </td>
                      )}
                    </For>
                    <td class="mt-num num" classList={{ 'mt-gapcell': g.gaps > 0 }}>
                      {formatNumber(g.gaps)}
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}
