import { createMemo, createResource, For, Match, Show, Switch } from 'solid-js';
import { AnswerForm } from '../../components/follow-up/answer-form.tsx';
import {
  followUpApi,
  ledgerUrl,
  type RectificationItem,
} from '../../components/follow-up/follow-up-api.ts';
import { RectificationCard } from '../../components/follow-up/rectification-card.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/state-views.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useRound } from '../../lib/round-context.tsx';
import '../../styles/reports.css';

/**
 * /follow-up (整改落实): each finding delivered to the contact's unit, with
 * its deadline and requirement, the answers so far and the inspectors'
 * comments, and the form for the next answer until it is closed (销号).
 */
export function FollowUpRoute() {
  const { t } = useI18n();
  const round = useRound();
  const [items, { mutate, refetch }] = createResource(
    () => round.current()?.id,
    (id) => followUpApi.list(id),
  );
  const list = () => (items.error ? undefined : items.latest);
  const counts = createMemo(() => {
    const all = list() ?? [];
    return {
      total: all.length,
      open: all.filter((i) => i.status === 'awaiting_answer' || i.status === 'returned').length,
      review: all.filter((i) => i.status === 'awaiting_review').length,
      closed: all.filter((i) => i.status === 'closed').length,
      overdue: all.filter((i) => i.overdue).length,
    };
  });
  const replace = (next: RectificationItem) =>
    mutate((all) => all?.map((i) => (i.finding.id === next.finding.id ? next : i)));

  return (
    <div class="page rp-page">
      <header class="page-header">
        <Show when={round.current()}>{(c) => <p class="page-header__eyebrow">{c().name}</p>}</Show>
        <div class="page-header__title-row">
          <h1 class="page-header__title">{t('reports.followUp.title')}</h1>
        </div>
        <p class="page-header__meta">{t('reports.followUp.intro')}</p>
      </header>
      <Switch>
        <Match when={!round.current() && !round.rounds.loading}>
          <EmptyState icon="cycle" title={t('reports.feedback.noRound')} />
        </Match>
        <Match when={list()?.length === 0}>
          <EmptyState
            icon="cycle"
            title={t('reports.followUp.empty')}
            hint={t('reports.followUp.emptyHint')}
          />
        </Match>
        <Match when={list()}>
          {(all) => (
            <>
              <div class="fu-summary">
                <dl class="fu-counts">
                  <div>
                    <dt>{t('reports.followUp.total')}</dt>
                    <dd class="num">{counts().total}</dd>
                  </div>
                  <div>
                    <dt>{t('reports.followUp.open')}</dt>
                    <dd class="num">{counts().open}</dd>
                  </div>
                  <div>
                    <dt>{t('reports.followUp.review')}</dt>
                    <dd class="num">{counts().review}</dd>
                  </div>
                  <div>
                    <dt>{t('reports.followUp.closed')}</dt>
                    <dd class="num">{counts().closed}</dd>
                  </div>
                  <div classList={{ 'fu-counts--bad': counts().overdue > 0 }}>
                    <dt>{t('reports.followUp.overdue')}</dt>
                    <dd class="num">{counts().overdue}</dd>
                  </div>
                </dl>
                <a
                  class="button button--secondary button--small"
                  href={ledgerUrl(round.current()!.id)}
                  download=""
                >
                  {t('reports.fu.ledger')}
                </a>
              </div>
              <div class="fu-list">
                <For each={all()}>
                  {(item, i) => (
                    <RectificationCard item={item} ordinal={i() + 1}>
                      <Show when={item.canAnswer}>
                        <AnswerForm item={item} onAnswered={replace} />
                      </Show>
                      <Show when={item.status === 'awaiting_review'}>
                        <p class="fu-wait">{t('reports.followUp.waiting')}</p>
                      </Show>
                      <Show when={item.status === 'closed'}>
                        <p class="fu-done">{t('reports.followUp.closedNote')}</p>
                      </Show>
                    </RectificationCard>
                  )}
                </For>
              </div>
            </>
          )}
        </Match>
        <Match when={items.error}>
          <ErrorState title={t('reports.fu.loadError')} error={items.error} onRetry={refetch} />
        </Match>
        <Match when={true}>
          <LoadingState label={t('reports.fu.loading')} rows={3} />
        </Match>
      </Switch>
    </div>
  );
}
