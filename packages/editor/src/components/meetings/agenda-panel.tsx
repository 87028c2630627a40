import { createSignal, For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import type { Agenda } from './meetings-api.ts';
import { ProgressTable } from './progress-table.tsx';
import { questionRuns } from './question-runs.ts';

/** Units shown before "show the rest": the gap list can run to every unit of the round. */
const GAP_UNITS_SHOWN = 6;

/**
 * The agenda generated from the data since the previous meeting, in the
 * order the meeting takes it: progress, coverage gaps, findings, overdue items.
 */
export function AgendaPanel(props: { agenda: Agenda | null }) {
  const { t, formatDate, lang } = useI18n();
  const generated = (iso: string) =>
    new Intl.DateTimeFormat(lang(), {
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(new Date(iso));
  return (
    <section class="mt-card mt-agenda" aria-labelledby="mt-agenda-title">
      <div class="mt-card__head">
        <h2 id="mt-agenda-title" class="mt-card__title">
          {t('meetings.agenda.title')}
        </h2>
        <Show when={props.agenda}>
          {(a) => (
            <p class="mt-card__meta">
              {a().since
                ? t('meetings.agenda.since', { date: formatDate(a().since ?? '') })
                : t('meetings.agenda.sinceStart')}
              <span class="mt-dot" aria-hidden="true" />
              {t('meetings.agenda.generatedAt', { time: generated(a().generatedAt) })}
            </p>
          )}
        </Show>
      </div>
      <Show when={props.agenda} fallback={<p class="mt-muted">{t('meetings.agenda.none')}</p>}>
        {(a) => (
          <>
            <ProgressTable groups={a().groups} />
            <GapList agenda={a()} />
            <FindingList agenda={a()} />
            <OverdueList agenda={a()} />
          </>
        )}
      </Show>
    </section>
  );
}

function GapList(props: { agenda: Agenda }) {
  const { t } = useI18n();
  const [expanded, setExpanded] = createSignal(false);
  const groupName = (id: string) => props.agenda.groups.find((g) => g.groupId === id)?.name ?? '';
  const cells = () => props.agenda.gaps.reduce((n, g) => n + g.questions.length, 0);
  const hidden = () => Math.max(0, props.agenda.gaps.length - GAP_UNITS_SHOWN);
  return (
    <section class="mt-agenda__part" aria-labelledby="mt-gaps-title">
      <div class="mt-agenda__part-head">
        <h3 id="mt-gaps-title" class="mt-agenda__heading">
          {t('meetings.agenda.gaps')}
        </h3>
        <Show when={props.agenda.gaps.length > 0}>
          <span class="mt-agenda__count">
            {t('meetings.agenda.gapsCount', { units: props.agenda.gaps.length, cells: cells() })}
          </span>
        </Show>
        <Link href="/coverage" class="mt-agenda__more mt-noprint">
          {t('meetings.agenda.toCoverage')}
        </Link>
      </div>
      <Show
        when={props.agenda.gaps.length > 0}
        fallback={<p class="mt-muted">{t('meetings.agenda.gapsNone')}</p>}
      >
        <ul class="mt-gaps">
          <For each={props.agenda.gaps}>
            {(gap, i) => (
              <li
                class="mt-gaps__row"
                classList={{ 'mt-collapsed': !expanded() && i() >= GAP_UNITS_SHOWN }}
              >
                <span class="mt-gaps__unit">
                  {gap.unitName}
                  <span class="mt-gaps__group">{groupName(gap.groupId)}</span>
                </span>
                <span class="mt-gaps__qs">
                  <span class="visually-hidden">{gap.questions.join('、')}</span>
                  <For each={questionRuns(gap.questions)}>
                    {(run) => (
                      <span class="mt-q" aria-hidden="true">
                        {run}
                      </span>
                    )}
                  </For>
                </span>
                <span class="mt-gaps__n num" aria-hidden="true">
                  {t('meetings.agenda.gapsUnit', { count: gap.questions.length })}
                </span>
              </li>
            )}
          </For>
        </ul>
        <Show when={hidden() > 0}>
          <button
            type="button"
            class="mt-link-button mt-noprint"
            aria-expanded={expanded()}
            onClick={() => setExpanded(!expanded())}
          >
            {expanded()
              ? t('meetings.agenda.gapsLess')
              : t('meetings.agenda.gapsMore', { count: hidden() })}
          </button>
        </Show>
      </Show>
    </section>
  );
}

function FindingList(props: { agenda: Agenda }) {
  const { t } = useI18n();
  return (
    <section class="mt-agenda__part" aria-labelledby="mt-findings-title">
      <div class="mt-agenda__part-head">
        <h3 id="mt-findings-title" class="mt-agenda__heading">
          {t('meetings.agenda.findings')}
        </h3>
        <Show when={props.agenda.findings.length > 0}>
          <span class="mt-agenda__count">{props.agenda.findings.length}</span>
        </Show>
        <Link href="/findings" class="mt-agenda__more mt-noprint">
          {t('meetings.agenda.toFindings')}
        </Link>
      </div>
      <Show
        when={props.agenda.findings.length > 0}
        fallback={<p class="mt-muted">{t('meetings.agenda.findingsNone')}</p>}
      >
        <ul class="mt-findings">
          <For each={props.agenda.findings}>
            {(f) => (
              <li class="mt-findings__row">
                <span class={`mt-change mt-change--${f.change}`}>
                  {t(
                    f.change === 'new'
                      ? 'meetings.agenda.changeNew'
                      : 'meetings.agenda.changeChanged',
                  )}
                </span>
                <span class="mt-findings__main">
                  <span class="mt-findings__title">{f.title}</span>
                  <span class="mt-findings__meta">
                    {f.unitName}
                    <span class="mt-dot" aria-hidden="true" />
                    {f.groupName}
                  </span>
                </span>
                <span class={`mt-state mt-state--${f.state}`}>{t(`finding.${f.state}`)}</span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}

function OverdueList(props: { agenda: Agenda }) {
  const { t, formatDate } = useI18n();
  return (
    <section class="mt-agenda__part" aria-labelledby="mt-overdue-title">
      <div class="mt-agenda__part-head">
        <h3 id="mt-overdue-title" class="mt-agenda__heading">
          {t('meetings.agenda.overdue')}
        </h3>
        <Show when={props.agenda.overdue.length > 0}>
          <span class="mt-agenda__count mt-agenda__count--alert">
            {props.agenda.overdue.length}
          </span>
        </Show>
      </div>
      <Show
        when={props.agenda.overdue.length > 0}
        fallback={<p class="mt-muted">{t('meetings.agenda.overdueNone')}</p>}
      >
        <ul class="mt-overdue">
          <For each={props.agenda.overdue}>
            {(item) => (
              <li class="mt-overdue__row">
                <span class="mt-overdue__title">{item.title}</span>
                <span class="mt-overdue__meta">
                  {t('meetings.agenda.overdueItem', {
                    date: formatDate(item.dueOn),
                    owner: item.owner ?? t('meetings.items.noOwner'),
                    meeting: formatDate(item.meetingOn),
                  })}
                </span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
