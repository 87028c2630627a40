import { createEffect, createResource, createSignal, Match, on, Show, Switch } from 'solid-js';
import { Icon } from '../../components/icon.tsx';
import { InterviewDetail } from '../../components/interviews/interview-detail.tsx';
import { InterviewForm } from '../../components/interviews/interview-form.tsx';
import { InterviewList, interviewPath } from '../../components/interviews/interview-list.tsx';
import {
  byDate,
  type Interview,
  interviewsApi,
} from '../../components/interviews/interviews-api.ts';
import { EmptyState, ErrorState, LoadingState } from '../../components/state-views.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { isApiError } from '../../lib/api.ts';
import type { LiveDoc } from '../../lib/collab/live-doc.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { settled } from '../../lib/resource.ts';
import { useRound } from '../../lib/round-context.tsx';
import { useRouter } from '../../lib/router.tsx';
import { useSession } from '../../lib/session.tsx';
import '../../styles/interviews.css';

/**
 * 谈话记录: the interview records the user may read (the server decides:
 * their interviewers, the group leader, administrators), a form for a new
 * one, and one record open beside the list (`?interview=<id>`), its text
 * co-edited live. `?new=1` opens the form.
 */
export function InterviewsRoute(props: { openLive?: (name: string) => LiveDoc }) {
  const { t, formatNumber } = useI18n();
  const round = useRound();
  const router = useRouter();
  const session = useSession();
  usePageTitle(() => t('interviews.title'));

  const roundId = () => round.current()?.id;
  const closed = () => round.current()?.state === 'closed';
  const roles = () => round.roles();
  const canCreate = () =>
    !closed() && (roles().has('member') || roles().has('leader') || roles().has('admin'));
  const selectedId = () => router.query().get('interview') || undefined;
  const creating = () => router.query().get('new') === '1' && canCreate();

  const [list, listCtl] = createResource(roundId, interviewsApi.list);
  const [detail, detailCtl] = createResource(selectedId, interviewsApi.get);
  const [units] = createResource(() => (canCreate() ? roundId() : undefined), interviewsApi.units);
  const [editing, setEditing] = createSignal(false);
  createEffect(on(selectedId, () => setEditing(false)));

  const interviews = () => [...(settled(list) ?? [])].sort(byDate);
  const unitChoices = () => {
    const mine = new Set(
      session.memberships
        .filter((m) => m.roundId === roundId() && (m.role === 'leader' || m.role === 'member'))
        .map((m) => m.groupId),
    );
    return (settled(units) ?? []).filter(
      (u) => u.groupId !== null && (roles().has('admin') || mine.has(u.groupId)),
    );
  };
  /** No records yet: the empty state or the first record's form alone, no empty list beside it. */
  const single = () => interviews().length === 0 && !selectedId();
  const shown = () => {
    const d = settled(detail);
    return d && d.id === selectedId() ? d : undefined;
  };
  const detailStatus = () => (isApiError(detail.error) ? detail.error.status : undefined);

  const upsert = (saved: Interview) => {
    listCtl.mutate((prev) => {
      const rows = prev ?? [];
      return rows.some((r) => r.id === saved.id)
        ? rows.map((r) => (r.id === saved.id ? saved : r))
        : [saved, ...rows];
    });
    detailCtl.mutate(saved);
  };
  const close = () => router.navigate('/interviews');

  return (
    <div class="page iv-page">
      <header class="page-header iv-header">
        <div>
          <Show when={round.current()}>
            {(current) => <p class="page-header__eyebrow">{current().name}</p>}
          </Show>
          <h1 class="page-header__title">{t('interviews.title')}</h1>
          <p class="page-header__meta">{t('interviews.intro')}</p>
        </div>
        <Show when={canCreate() && !creating() && !(settled(list) && single())}>
          <button
            type="button"
            class="button button--primary"
            onClick={() => router.navigate('/interviews?new=1')}
          >
            {t('interviews.new')}
          </button>
        </Show>
      </header>
      <aside class="iv-notice" aria-label={t('interviews.notice.title')}>
        <Icon name="lock" size={18} />
        <p>
          <strong>{t('interviews.notice.title')}</strong>
          {t('interviews.notice.body')}
        </p>
      </aside>
      <Switch>
        <Match when={round.rounds.error}>
          <ErrorState
            title={t('interviews.loadError')}
            error={round.rounds.error}
            onRetry={round.refetchRounds}
          />
        </Match>
        <Match when={!settled(round.rounds)}>
          <LoadingState label={t('interviews.loading')} rows={2} />
        </Match>
        <Match when={!roundId()}>
          <EmptyState
            icon="layers"
            title={t('interviews.noRound')}
            hint={t('interviews.noRoundHint')}
          />
        </Match>
        <Match when={list.error}>
          <ErrorState
            title={t('interviews.loadError')}
            error={list.error}
            onRetry={() => void listCtl.refetch()}
          />
        </Match>
        <Match when={!settled(list)}>
          <LoadingState label={t('interviews.loading')} rows={2} />
        </Match>
        <Match when={true}>
          <div class="iv-layout" classList={{ 'iv-layout--single': single() }}>
            <Show when={!single()}>
              <section class="iv-layout__list" aria-label={t('interviews.list.label')}>
                <Show
                  when={interviews().length > 0}
                  fallback={
                    <EmptyState
                      icon="message"
                      title={t('interviews.empty')}
                      hint={canCreate() ? t('interviews.emptyHint') : t('interviews.emptyReadOnly')}
                    />
                  }
                >
                  <p class="iv-layout__count">
                    {t('interviews.list.count', { n: formatNumber(interviews().length) })}
                  </p>
                  <InterviewList interviews={interviews()} selected={selectedId()} />
                </Show>
              </section>
            </Show>
            <div class="iv-layout__main">
              <Switch>
                <Match when={creating()}>
                  <InterviewForm
                    roundId={roundId()!}
                    units={unitChoices()}
                    onCancel={close}
                    onSaved={(saved) => {
                      upsert(saved);
                      router.navigate(interviewPath(saved.id));
                    }}
                  />
                </Match>
                <Match when={single()}>
                  <EmptyState
                    icon="message"
                    title={t('interviews.empty')}
                    hint={canCreate() ? t('interviews.emptyHint') : t('interviews.emptyReadOnly')}
                    action={
                      canCreate() ? (
                        <button
                          type="button"
                          class="button button--primary"
                          onClick={() => router.navigate('/interviews?new=1')}
                        >
                          {t('interviews.new')}
                        </button>
                      ) : undefined
                    }
                  />
                </Match>
                <Match when={selectedId() && detailStatus() === 404}>
                  <EmptyState
                    icon="lock"
                    title={t('interviews.detail.notFound')}
                    hint={t('interviews.detail.notFoundHint')}
                  />
                </Match>
                <Match when={selectedId() && detail.error}>
                  <ErrorState
                    title={t('interviews.detail.loadError')}
                    error={detail.error}
                    onRetry={() => void detailCtl.refetch()}
                  />
                </Match>
                <Match when={selectedId() && !shown()}>
                  <LoadingState label={t('interviews.loading')} rows={1} />
                </Match>
                <Match when={shown()}>
                  {(iv) => (
                    <Show
                      when={!editing()}
                      fallback={
                        <InterviewForm
                          roundId={roundId()!}
                          units={[iv().unit]}
                          interview={iv()}
                          onCancel={() => setEditing(false)}
                          onSaved={(saved) => {
                            upsert(saved);
                            setEditing(false);
                          }}
                        />
                      }
                    >
                      <Show when={iv().id} keyed>
                        <InterviewDetail
                          interview={iv()}
                          canEdit={!closed()}
                          onEdit={() => setEditing(true)}
                          onClose={close}
                          openLive={props.openLive}
                        />
                      </Show>
                    </Show>
                  )}
                </Match>
                <Match when={interviews().length > 0}>
                  <div class="iv-pick">
                    <p class="iv-pick__title">{t('interviews.pick')}</p>
                    <p class="iv-muted">{t('interviews.pickHint')}</p>
                  </div>
                </Match>
              </Switch>
            </div>
          </div>
        </Match>
      </Switch>
    </div>
  );
}
