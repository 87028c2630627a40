import { createMemo, createResource, createSignal, Match, Show, Switch } from 'solid-js';
import { adminErrorText } from '../../components/admin/action-error.ts';
import { type AuditVerification, adminApi, auditSearch } from '../../components/admin/admin-api.ts';
import {
  type AuditFilterDraft,
  AuditFilters,
  EMPTY_FILTER,
  toAuditQuery,
} from '../../components/admin/audit-filters.tsx';
import { AuditTable } from '../../components/admin/audit-table.tsx';
import { personLabel } from '../../components/admin/round-setup.ts';
import { Icon } from '../../components/icon.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/state-views.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { usePageTitle } from '../../lib/page-title.ts';
import { settled } from '../../lib/resource.ts';
import { useRound } from '../../lib/round-context.tsx';
import '../../styles/admin.css';

const PAGE_SIZE = 50;

/** Users, units and the round's groups by id, so the log shows names; best effort. */
async function loadNames(roundId: string | undefined): Promise<Map<string, string>> {
  const quiet = <T,>(p: Promise<T[]>) => p.catch(() => [] as T[]);
  const [users, units, groups] = await Promise.all([
    quiet(adminApi.users()),
    quiet(adminApi.units()),
    roundId ? quiet(adminApi.groups(roundId)) : Promise.resolve([]),
  ]);
  const names = new Map<string, string>();
  for (const u of users) names.set(u.id, personLabel(u));
  for (const u of units) names.set(u.id, u.name);
  for (const g of groups) names.set(g.id, g.name);
  return names;
}

/**
 * 审计日志: the append-only log, newest first, with the API's filters and
 * cursor paging, and a check of its hash chain. Reading the log is itself
 * logged by the server.
 */
export function AdminAuditRoute() {
  const { t, formatNumber } = useI18n();
  const round = useRound();
  const [filter, setFilter] = createSignal<AuditFilterDraft>({ ...EMPTY_FILTER });
  // The `before` cursor of each page shown so far; the last one is this page's.
  const [cursors, setCursors] = createSignal<Array<number | undefined>>([undefined]);
  // Compared by value: the round loading must not fetch the same page twice.
  const query = createMemo(
    () => ({
      ...toAuditQuery(filter(), round.current()?.id),
      before: cursors()[cursors().length - 1],
      limit: PAGE_SIZE,
    }),
    undefined,
    { equals: (a, b) => auditSearch(a) === auditSearch(b) },
  );
  const [page, { refetch }] = createResource(query, adminApi.audit);
  const [names] = createResource(
    () => round.current()?.id ?? '',
    (id) => loadNames(id || undefined),
  );
  const [verifying, setVerifying] = createSignal(false);
  const [verification, setVerification] = createSignal<AuditVerification>();
  const [verifyError, setVerifyError] = createSignal<string>();
  usePageTitle(() => t('admin.audit.title'));

  const nameOf = (id: string) => settled(names)?.get(id);
  const data = () => settled(page);
  const pageNo = () => cursors().length;

  const verify = async () => {
    setVerifying(true);
    setVerifyError(undefined);
    try {
      setVerification(await adminApi.verifyAudit());
    } catch (e) {
      setVerification(undefined);
      setVerifyError(adminErrorText(t, e));
    } finally {
      setVerifying(false);
    }
  };

  return (
    <div class="page adm adm--wide">
      <header class="page-header adm-header">
        <div>
          <p class="page-header__eyebrow">{t('admin.eyebrow')}</p>
          <h1 class="page-header__title">{t('admin.audit.title')}</h1>
          <p class="page-header__meta">{t('admin.audit.intro')}</p>
        </div>
        <button
          type="button"
          class="button button--secondary"
          disabled={verifying()}
          onClick={verify}
        >
          <Icon name="lock" size={16} />
          {verifying() ? t('admin.audit.verifying') : t('admin.audit.verify')}
        </button>
      </header>
      <div class="adm-notice-slot" aria-live="polite">
        <Show when={verification()}>
          {(v) => (
            <div
              class="adm-verify"
              classList={{ 'adm-verify--ok': v().ok, 'adm-verify--bad': !v().ok }}
              role={v().ok ? 'status' : 'alert'}
            >
              <Icon name={v().ok ? 'check' : 'alert'} size={18} />
              <Show
                when={v().firstBad}
                fallback={
                  <span>{t('admin.audit.verifyOk', { n: formatNumber(v().checked) })}</span>
                }
              >
                {(bad) => (
                  <>
                    <span>
                      {t('admin.audit.verifyBad', { seq: bad().seq, reason: bad().reason })}
                    </span>
                    <button
                      type="button"
                      class="button button--secondary button--small"
                      onClick={() => {
                        setFilter({ ...EMPTY_FILTER });
                        setCursors([bad().seq + 1]);
                      }}
                    >
                      {t('admin.audit.showBad')}
                    </button>
                  </>
                )}
              </Show>
            </div>
          )}
        </Show>
        <Show when={verifyError()}>
          <p class="form-problem" role="alert">
            {verifyError()}
          </p>
        </Show>
      </div>
      <AuditFilters
        value={filter()}
        roundName={round.current()?.name}
        onApply={(f) => {
          setFilter(f);
          setCursors([undefined]);
        }}
      />
      <Switch>
        <Match when={page.error}>
          <ErrorState title={t('admin.audit.loadError')} error={page.error} onRetry={refetch} />
        </Match>
        <Match when={!data()}>
          <LoadingState label={t('admin.audit.loading')} rows={2} />
        </Match>
        <Match when={data()?.items.length === 0}>
          <EmptyState
            icon="list"
            title={t('admin.audit.empty')}
            hint={t('admin.audit.emptyHint')}
          />
        </Match>
        <Match when={data()}>
          {(p) => (
            <div class="adm-stack" aria-busy={page.loading}>
              <AuditTable items={p().items} nameOf={nameOf} />
              <nav class="adm-pager" aria-label={t('admin.audit.paging')}>
                <button
                  type="button"
                  class="button button--secondary button--small"
                  disabled={pageNo() === 1 || page.loading}
                  onClick={() => setCursors((c) => c.slice(0, -1))}
                >
                  {t('admin.audit.newer')}
                </button>
                <span class="adm-pager__where">
                  {t('admin.audit.page', { n: pageNo(), count: p().items.length })}
                </span>
                <button
                  type="button"
                  class="button button--secondary button--small"
                  disabled={p().nextBefore === null || page.loading}
                  onClick={() => {
                    const next = p().nextBefore;
                    if (next !== null) setCursors((c) => [...c, next]);
                  }}
                >
                  {t('admin.audit.older')}
                </button>
              </nav>
            </div>
          )}
        </Match>
      </Switch>
    </div>
  );
}
