import { createMemo, createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { EmptyState, ErrorState, LoadingState } from '../state-views.tsx';
import {
  followUpApi,
  ledgerUrl,
  type RectificationFilter,
  type RectificationItem,
  type RectificationStatus,
} from './follow-up-api.ts';
import { RectificationCard } from './rectification-card.tsx';
import { ReviewForm } from './review-form.tsx';

const STATUSES: RectificationStatus[] = [
  'awaiting_review',
  'awaiting_answer',
  'returned',
  'closed',
];

/**
 * Inspectors' follow-up of the findings delivered to their units: answers
 * awaiting review first, each with 销号 / return; filters by status, unit and
 * overdue; the ledger (整改台账) of the same selection as XLSX.
 */
export function ReviewBoard(props: { roundId: string }) {
  const { t } = useI18n();
  const [status, setStatus] = createSignal<RectificationStatus | ''>('awaiting_review');
  const [overdue, setOverdue] = createSignal(false);
  const [unitId, setUnitId] = createSignal('');
  const [items, { mutate, refetch }] = createResource(
    () => props.roundId,
    (roundId) => followUpApi.list(roundId),
  );
  const all = () => (items.error ? undefined : items.latest);

  const filter = (): RectificationFilter => ({
    ...(status() ? { status: status() as RectificationStatus } : {}),
    ...(overdue() ? { overdue: true } : {}),
    ...(unitId() ? { unitId: unitId() } : {}),
  });
  const units = createMemo(() => {
    const seen = new Map<string, string>();
    for (const i of all() ?? []) seen.set(i.finding.unit.id, i.finding.unit.name);
    return [...seen].sort((a, b) => a[1].localeCompare(b[1], 'zh-CN'));
  });
  const shown = createMemo(() =>
    (all() ?? []).filter(
      (i) =>
        (!status() || i.status === status()) &&
        (!overdue() || i.overdue) &&
        (!unitId() || i.finding.unit.id === unitId()),
    ),
  );
  const count = (s: RectificationStatus) => (all() ?? []).filter((i) => i.status === s).length;

  const [notice, setNotice] = createSignal('');
  const replace = (next: RectificationItem) => {
    mutate((list) => list?.map((i) => (i.finding.id === next.finding.id ? next : i)));
    setNotice(
      t(next.status === 'closed' ? 'reports.fu.board.accepted' : 'reports.fu.board.returned', {
        title: next.finding.title,
      }),
    );
  };

  return (
    <div class="fu-board">
      <fieldset class="fu-filters" aria-label={t('reports.fu.filters')}>
        <label class="fu-filter">
          <span>{t('reports.fu.filter.status')}</span>
          <select
            class="input fu-select"
            value={status()}
            onChange={(e) => setStatus(e.currentTarget.value as RectificationStatus | '')}
          >
            <option value="">{t('reports.fu.filter.all')}</option>
            <For each={STATUSES}>
              {(s) => (
                <option value={s}>
                  {t(`reports.fu.status.${s}`)}（{count(s)}）
                </option>
              )}
            </For>
          </select>
        </label>
        <label class="fu-filter">
          <span>{t('reports.fu.filter.unit')}</span>
          <select
            class="input fu-select"
            value={unitId()}
            onChange={(e) => setUnitId(e.currentTarget.value)}
          >
            <option value="">{t('reports.fu.filter.allUnits')}</option>
            <For each={units()}>{([id, name]) => <option value={id}>{name}</option>}</For>
          </select>
        </label>
        <label class="fu-check">
          <input
            type="checkbox"
            checked={overdue()}
            onChange={(e) => setOverdue(e.currentTarget.checked)}
          />
          {t('reports.fu.filter.overdue')}
        </label>
        <a
          class="button button--secondary button--small fu-ledger"
          href={ledgerUrl(props.roundId, filter())}
          download=""
        >
          {t('reports.fu.ledger')}
        </a>
      </fieldset>
      <p class="fu-notice" role="status" aria-live="polite">
        {notice()}
      </p>
      <Switch>
        <Match when={all()?.length === 0}>
          <EmptyState
            icon="cycle"
            title={t('reports.fu.board.empty')}
            hint={t('reports.fu.board.emptyHint')}
          />
        </Match>
        <Match when={all()}>
          <Show
            when={shown().length > 0}
            fallback={<p class="fu-none">{t('reports.fu.board.noneMatch')}</p>}
          >
            <div class="fu-list">
              <For each={shown()}>
                {(item) => (
                  <RectificationCard item={item} showUnit>
                    <Show when={item.canReview}>
                      <ReviewForm item={item} onReviewed={replace} />
                    </Show>
                  </RectificationCard>
                )}
              </For>
            </div>
          </Show>
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
