import { createResource, createSignal, Match, Show, Switch } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { isApiError } from '../../lib/api.ts';
import type { LiveDoc } from '../../lib/collab/live-doc.ts';
import { errorMessageKey } from '../../lib/error-text.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { settled } from '../../lib/resource.ts';
import { Link } from '../../lib/router.tsx';
import { EmptyState, ErrorState, LoadingState } from '../state-views.tsx';
import { ActionItemsPanel } from './action-items-panel.tsx';
import { AgendaPanel } from './agenda-panel.tsx';
import { DecisionsPanel } from './decisions-panel.tsx';
import { MeetingHeader } from './meeting-header.tsx';
import { type Meeting, meetingsApi } from './meetings-api.ts';
import { MinutesPanel } from './minutes-panel.tsx';

/** Runs a change on the server and shows the meeting it answers with; false when it failed. */
export type RunChange = (change: () => Promise<Meeting>) => Promise<boolean>;

/**
 * One meeting: the generated agenda beside the live minutes, then decisions
 * and action items. Every change answers with the whole meeting, which
 * replaces what is shown, so the numbers never drift from the server's.
 */
export function MeetingView(props: { id: string; openLive?: (name: string) => LiveDoc }) {
  const { t, formatDate } = useI18n();
  const [meeting, { mutate, refetch }] = createResource(() => props.id, meetingsApi.get);
  const [problem, setProblem] = createSignal<string>();
  const current = () => settled(meeting);
  usePageTitle(() => {
    const m = current();
    return m ? `${m.title} · ${formatDate(m.heldOn)}` : t('meetings.title');
  });

  const run: RunChange = async (change) => {
    setProblem(undefined);
    try {
      mutate(await change());
      return true;
    } catch (e) {
      setProblem(t('meetings.actionFailed', { reason: t(errorMessageKey(e)) }));
      return false;
    }
  };

  return (
    <Switch>
      <Match when={isApiError(meeting.error) && meeting.error.status === 404}>
        <EmptyState
          icon="lock"
          title={t('meetings.view.notFound')}
          hint={t('meetings.view.notFoundHint')}
          action={
            <Link href="/meetings" class="button button--secondary">
              {t('meetings.back')}
            </Link>
          }
        />
      </Match>
      <Match when={meeting.error}>
        <ErrorState title={t('meetings.view.loadError')} error={meeting.error} onRetry={refetch} />
      </Match>
      <Match when={current()}>
        {(m) => (
          <article class="mt-view" aria-labelledby="mt-title">
            <MeetingHeader meeting={m()} run={run} />
            <Show when={problem()}>
              <p class="form-problem mt-problem" role="alert">
                {problem()}
              </p>
            </Show>
            <div class="mt-grid">
              <AgendaPanel agenda={m().agenda} />
              <MinutesPanel meeting={m()} openLive={props.openLive} />
            </div>
            <div class="mt-records">
              <DecisionsPanel meeting={m()} run={run} />
              <ActionItemsPanel meeting={m()} run={run} />
            </div>
          </article>
        )}
      </Match>
      <Match when={true}>
        <LoadingState label={t('meetings.view.loading')} rows={3} />
      </Match>
    </Switch>
  );
}
