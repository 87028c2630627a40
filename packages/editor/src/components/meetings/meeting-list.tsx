import type { Round } from '@rectify/domain';
import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { isApiError } from '../../lib/api.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { settled } from '../../lib/resource.ts';
import { Link, useRouter } from '../../lib/router.tsx';
import { Icon } from '../icon.tsx';
import { EmptyState, ErrorState, LoadingState } from '../state-views.tsx';
import { type MeetingSummary, meetingsApi } from './meetings-api.ts';
import { NewMeetingForm } from './new-meeting-form.tsx';

/**
 * Every meeting of the round, newest first; past ones stay one click away.
 * Leaders schedule the next one from here.
 */
export function MeetingList(props: { round: Round; mayCreate: boolean }) {
  const { t } = useI18n();
  const router = useRouter();
  usePageTitle(() => t('meetings.title'));
  const [meetings, { refetch }] = createResource(() => props.round.id, meetingsApi.list);
  const [creating, setCreating] = createSignal(false);
  const list = () => settled(meetings);
  // Members reach the rail entry, but the meeting is the leaders': the server says 404.
  const notForMe = () => isApiError(meetings.error) && meetings.error.status === 404;

  const newButton = () => (
    <button
      type="button"
      class="button button--primary"
      onClick={() => setCreating(true)}
      aria-expanded={creating()}
    >
      <Icon name="sparkle" size={16} />
      {t('meetings.new')}
    </button>
  );

  return (
    <>
      <header class="page-header mt-list-head">
        <p class="page-header__eyebrow">{props.round.name}</p>
        <div class="page-header__title-row mt-list-head__row">
          <h1 class="page-header__title">{t('meetings.title')}</h1>
          <Show when={props.mayCreate && !creating() && (list()?.length ?? 0) > 0}>
            {newButton()}
          </Show>
        </div>
        <p class="page-header__meta">{t('meetings.intro')}</p>
      </header>
      <Show when={creating()}>
        <NewMeetingForm
          roundId={props.round.id}
          onCancel={() => setCreating(false)}
          onCreated={(m) => router.navigate(`/meetings?id=${encodeURIComponent(m.id)}`)}
        />
      </Show>
      <Switch>
        <Match when={notForMe()}>
          <EmptyState
            icon="lock"
            title={t('meetings.notForYou')}
            hint={t('meetings.notForYouHint')}
          />
        </Match>
        <Match when={meetings.error}>
          <ErrorState title={t('meetings.loadError')} error={meetings.error} onRetry={refetch} />
        </Match>
        <Match when={!list()}>
          <LoadingState label={t('meetings.loading')} rows={3} />
        </Match>
        <Match when={list()?.length === 0 && !creating()}>
          <EmptyState
            icon="users"
            title={t('meetings.empty')}
            hint={props.mayCreate ? t('meetings.emptyHint') : t('meetings.emptyHintReadOnly')}
            action={props.mayCreate ? newButton() : undefined}
          />
        </Match>
        <Match when={list()?.length}>
          <section aria-labelledby="mt-list-title">
            <h2 id="mt-list-title" class="section-title">
              {t('meetings.list.label')}
            </h2>
            <ol class="mt-list">
              <For each={list()}>{(m, i) => <MeetingRow meeting={m} latest={i() === 0} />}</For>
            </ol>
          </section>
        </Match>
      </Switch>
    </>
  );
}

function MeetingRow(props: { meeting: MeetingSummary; latest: boolean }) {
  const { t, formatDate } = useI18n();
  const m = () => props.meeting;
  const [year, month, day] = m().heldOn.split('-');
  return (
    <li>
      <Link class="mt-row" href={`/meetings?id=${encodeURIComponent(m().id)}`}>
        <span class="mt-row__date" aria-hidden="true">
          <span class="mt-row__day num">{Number(day)}</span>
          <span class="mt-row__month">
            {t('meetings.list.month', { year: year ?? '', month: Number(month) })}
          </span>
        </span>
        <span class="mt-row__main">
          <span class="mt-row__title">
            {m().title}
            <span class="visually-hidden"> {formatDate(m().heldOn)}</span>
            <Show when={props.latest}>
              <span class="badge badge--soon">{t('meetings.list.latest')}</span>
            </Show>
          </span>
          <span class="mt-row__meta">
            {t('meetings.list.decisions', { count: m().decisions })}
            <span class="mt-dot" aria-hidden="true" />
            <span classList={{ 'mt-row__open': m().openActionItems > 0 }}>
              {t('meetings.list.open', { count: m().openActionItems })}
            </span>
          </span>
        </span>
        <span class="mt-row__go" aria-hidden="true">
          ›
        </span>
      </Link>
    </li>
  );
}
