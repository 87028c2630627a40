import { Tabs } from '@kobalte/core/tabs';
import { createResource, createSignal, Match, Show, Switch } from 'solid-js';
import { adminErrorText } from '../../components/admin/action-error.ts';
import { GroupsPanel } from '../../components/admin/groups-panel.tsx';
import { Notice, useNotice } from '../../components/admin/notice.tsx';
import { RecusalsPanel } from '../../components/admin/recusals-panel.tsx';
import { RoundCreateDialog } from '../../components/admin/round-create-dialog.tsx';
import { loadRoundSetup, type RunAction } from '../../components/admin/round-setup.ts';
import { SeatsPanel } from '../../components/admin/seats-panel.tsx';
import { UnitsPanel } from '../../components/admin/units-panel.tsx';
import { RoundLifecycle } from '../../components/framework/round-lifecycle.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/state-views.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { usePageTitle } from '../../lib/page-title.ts';
import { settled } from '../../lib/resource.ts';
import { useRound } from '../../lib/round-context.tsx';
import '../../styles/admin.css';
import '../../styles/framework.css';

type Tab = 'groups' | 'units' | 'seats' | 'recusals';

/**
 * 轮次设置: for the round chosen in the top bar, its inspection groups with
 * their people, the units each group inspects, the leadership group and unit
 * contacts, and recusals, one tab each. Every change reloads the whole setup,
 * so the tabs never disagree.
 */
export function AdminRoundsRoute() {
  const { t } = useI18n();
  const round = useRound();
  const roundId = () => round.current()?.id;
  const [setup, { refetch }] = createResource(roundId, loadRoundSetup);
  const [tab, setTab] = createSignal<Tab>('groups');
  const [creating, setCreating] = createSignal(false);
  const notice = useNotice();
  usePageTitle(() => t('admin.rounds.title'));

  const run: RunAction = async (work, done, conflict) => {
    notice.clear();
    try {
      await work();
      notice.show(done);
      return true;
    } catch (e) {
      notice.fail(adminErrorText(t, e, conflict));
      return false;
    } finally {
      await refetch();
      round.refetchOverview();
    }
  };
  const counts = () => {
    const s = settled(setup);
    return {
      groups: s?.groups.length ?? 0,
      units: s?.units.length ?? 0,
      seats:
        s?.memberships.filter((m) => m.role === 'leadership' || m.role === 'unit_contact').length ??
        0,
      recusals: s?.recusals.length ?? 0,
    };
  };

  return (
    <div class="page adm">
      <header class="page-header adm-header">
        <div>
          <p class="page-header__eyebrow">{round.current()?.name ?? t('admin.eyebrow')}</p>
          <h1 class="page-header__title">{t('admin.rounds.title')}</h1>
          <p class="page-header__meta">{t('admin.rounds.intro')}</p>
        </div>
        <div class="fw-header-actions">
          <Show when={round.current()}>
            {(r) => (
              <RoundLifecycle
                round={r()}
                onChanged={(message) => {
                  round.refetchRounds();
                  round.refetchOverview();
                  notice.show(message);
                }}
              />
            )}
          </Show>
          <button type="button" class="button button--secondary" onClick={() => setCreating(true)}>
            {t('admin.roundNew.open')}
          </button>
        </div>
      </header>
      <Notice notice={notice} />
      <Switch>
        <Match when={round.rounds.error}>
          <ErrorState
            title={t('admin.rounds.loadError')}
            error={round.rounds.error}
            onRetry={round.refetchRounds}
          />
        </Match>
        <Match when={!settled(round.rounds)}>
          <LoadingState label={t('admin.rounds.loading')} rows={3} />
        </Match>
        <Match when={!roundId()}>
          <EmptyState
            icon="layers"
            title={t('admin.rounds.noRound')}
            hint={t('admin.rounds.noRoundHint')}
            action={
              <button
                type="button"
                class="button button--primary"
                onClick={() => setCreating(true)}
              >
                {t('admin.roundNew.open')}
              </button>
            }
          />
        </Match>
        <Match when={setup.error && !settled(setup)}>
          <ErrorState title={t('admin.rounds.loadError')} error={setup.error} onRetry={refetch} />
        </Match>
        <Match when={!settled(setup)}>
          <LoadingState label={t('admin.rounds.loading')} rows={3} />
        </Match>
        <Match when={settled(setup)}>
          {(data) => (
            <Tabs value={tab()} onChange={(v) => setTab(v as Tab)} class="adm-tabs">
              <Tabs.List class="adm-tabs__list" aria-label={t('admin.rounds.title')}>
                <Tabs.Trigger class="adm-tabs__trigger" value="groups">
                  {t('admin.tabs.groups')}
                  <span class="adm-tabs__count">{counts().groups}</span>
                </Tabs.Trigger>
                <Tabs.Trigger class="adm-tabs__trigger" value="units">
                  {t('admin.tabs.units')}
                  <span class="adm-tabs__count">{counts().units}</span>
                </Tabs.Trigger>
                <Tabs.Trigger class="adm-tabs__trigger" value="seats">
                  {t('admin.tabs.seats')}
                  <span class="adm-tabs__count">{counts().seats}</span>
                </Tabs.Trigger>
                <Tabs.Trigger class="adm-tabs__trigger" value="recusals">
                  {t('admin.tabs.recusals')}
                  <span class="adm-tabs__count">{counts().recusals}</span>
                </Tabs.Trigger>
                <Tabs.Indicator class="adm-tabs__indicator" />
              </Tabs.List>
              <Show when={roundId()}>
                {(id) => (
                  <>
                    <Tabs.Content class="adm-tabs__panel" value="groups">
                      <GroupsPanel roundId={id()} setup={data()} run={run} />
                    </Tabs.Content>
                    <Tabs.Content class="adm-tabs__panel" value="units">
                      <UnitsPanel roundId={id()} setup={data()} run={run} />
                    </Tabs.Content>
                    <Tabs.Content class="adm-tabs__panel" value="seats">
                      <SeatsPanel roundId={id()} setup={data()} run={run} />
                    </Tabs.Content>
                    <Tabs.Content class="adm-tabs__panel" value="recusals">
                      <RecusalsPanel roundId={id()} setup={data()} run={run} />
                    </Tabs.Content>
                  </>
                )}
              </Show>
            </Tabs>
          )}
        </Match>
      </Switch>
      <RoundCreateDialog
        open={creating()}
        onOpenChange={setCreating}
        onCreated={(created) => {
          round.select(created.id);
          round.refetchRounds();
          notice.show(t('admin.roundNew.done', { name: created.name }));
        }}
      />
    </div>
  );
}
