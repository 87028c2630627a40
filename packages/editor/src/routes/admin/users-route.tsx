import type { User } from '@rectify/domain';
import { createMemo, createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { adminErrorText } from '../../components/admin/action-error.ts';
import { adminApi, type RoundMembership } from '../../components/admin/admin-api.ts';
import { AdminDialog } from '../../components/admin/admin-dialog.tsx';
import { Notice, useNotice } from '../../components/admin/notice.tsx';
import { PasswordDialog } from '../../components/admin/password-dialog.tsx';
import { seatLabel } from '../../components/admin/role-label.ts';
import { UserCreateDialog } from '../../components/admin/user-create-dialog.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/state-views.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { usePageTitle } from '../../lib/page-title.ts';
import { settled } from '../../lib/resource.ts';
import { useRound } from '../../lib/round-context.tsx';
import { useSession } from '../../lib/session.tsx';
import '../../styles/admin.css';

/**
 * 用户账号: every account with its state and its seats in the chosen round;
 * administrators create accounts, disable and enable them, and reset passwords.
 */
export function AdminUsersRoute() {
  const { t, lang } = useI18n();
  const session = useSession();
  const round = useRound();
  const roundId = () => round.current()?.id;
  const [users, { mutate, refetch }] = createResource(adminApi.users);
  const [seats] = createResource(roundId, adminApi.memberships);
  const [query, setQuery] = createSignal('');
  const [creating, setCreating] = createSignal(false);
  const [resetting, setResetting] = createSignal<User>();
  const [disabling, setDisabling] = createSignal<User>();
  const [busyId, setBusyId] = createSignal<string>();
  const [dialogError, setDialogError] = createSignal<string>();
  const notice = useNotice();
  usePageTitle(() => t('admin.users.title'));

  const seatsOf = createMemo(() => {
    const map = new Map<string, RoundMembership[]>();
    for (const m of settled(seats) ?? []) map.set(m.userId, [...(map.get(m.userId) ?? []), m]);
    return map;
  });
  // Until the round's seats arrive (or when they fail), "no role" would be a guess.
  const rolesKnown = () => !roundId() || settled(seats) !== undefined;
  const list = () => settled(users);
  const shown = createMemo(() => {
    const q = query().trim().toLowerCase();
    const all = list() ?? [];
    if (!q) return all;
    return all.filter(
      (u) => u.username.toLowerCase().includes(q) || u.displayName.toLowerCase().includes(q),
    );
  });
  const replace = (user: User) =>
    mutate((all) => (all ?? []).map((u) => (u.id === user.id ? user : u)));

  const setActive = async (user: User, active: boolean) => {
    setBusyId(user.id);
    setDialogError(undefined);
    try {
      const after = await adminApi.setActive(user.id, active);
      replace(after);
      setDisabling(undefined);
      notice.show(
        t(active ? 'admin.users.enabled' : 'admin.users.disabled', { name: after.displayName }),
      );
    } catch (e) {
      const text = adminErrorText(t, e);
      if (active) notice.fail(text);
      else setDialogError(text);
    } finally {
      setBusyId(undefined);
    }
  };

  return (
    <div class="page adm">
      <header class="page-header">
        <p class="page-header__eyebrow">{t('admin.eyebrow')}</p>
        <h1 class="page-header__title">{t('admin.users.title')}</h1>
        <p class="page-header__meta">{t('admin.users.intro')}</p>
      </header>
      <Notice notice={notice} />
      <Switch>
        <Match when={users.error}>
          <ErrorState title={t('admin.users.loadError')} error={users.error} onRetry={refetch} />
        </Match>
        <Match when={!list()}>
          <LoadingState label={t('admin.users.loading')} rows={3} />
        </Match>
        <Match when={list()}>
          <div class="adm-toolbar">
            <label class="adm-search">
              <span class="visually-hidden">{t('admin.users.filter')}</span>
              <input
                class="input"
                type="search"
                placeholder={t('admin.users.filter')}
                value={query()}
                onInput={(e) => setQuery(e.currentTarget.value)}
              />
            </label>
            <p class="adm-toolbar__count" aria-live="polite">
              {t('admin.users.count', { n: shown().length, total: list()?.length ?? 0 })}
            </p>
            <button type="button" class="button button--primary" onClick={() => setCreating(true)}>
              {t('admin.users.create.open')}
            </button>
          </div>
          <Show
            when={shown().length > 0}
            fallback={<EmptyState icon="idCard" title={t('admin.users.noMatch')} />}
          >
            <div class="adm-table-wrap">
              <table class="adm-table">
                <caption class="visually-hidden">{t('admin.users.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.users.username')}</th>
                    <th scope="col">{t('admin.users.displayName')}</th>
                    <th scope="col">{t('admin.users.state')}</th>
                    <th scope="col">
                      {round.current() ? t('admin.users.rolesIn') : t('admin.users.roles')}
                    </th>
                    <th scope="col" class="adm-table__actions-head">
                      <span class="visually-hidden">{t('admin.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={shown()}>
                    {(user) => {
                      const self = () => user.id === session.user.id;
                      return (
                        <tr classList={{ 'adm-row--inactive': !user.active }}>
                          <td class="adm-mono">{user.username}</td>
                          <td>
                            {user.displayName}
                            <Show when={self()}>
                              <span class="adm-you">{t('admin.users.you')}</span>
                            </Show>
                          </td>
                          <td>
                            <span
                              class="badge"
                              classList={{
                                'badge--active': user.active,
                                'badge--closed': !user.active,
                              }}
                            >
                              {user.active ? t('admin.users.active') : t('admin.users.inactive')}
                            </span>
                          </td>
                          <td>
                            <ul class="adm-chips">
                              <Show when={user.isAdmin}>
                                <li class="adm-chip adm-chip--admin">{t('admin.users.isAdmin')}</li>
                              </Show>
                              <For
                                each={(seatsOf().get(user.id) ?? []).filter(
                                  // The global flag already says "administrator".
                                  (m) => !(user.isAdmin && m.role === 'admin'),
                                )}
                              >
                                {(m) => <li class="adm-chip">{seatLabel(m, lang())}</li>}
                              </For>
                              <Show
                                when={
                                  rolesKnown() && !user.isAdmin && !seatsOf().get(user.id)?.length
                                }
                              >
                                <li class="adm-chip adm-chip--none">{t('admin.users.noRole')}</li>
                              </Show>
                              <Show when={seats.error}>
                                <li class="adm-chip adm-chip--none">
                                  {t('admin.users.rolesUnavailable')}
                                </li>
                              </Show>
                            </ul>
                          </td>
                          <td class="adm-table__actions">
                            <button
                              type="button"
                              class="button button--secondary button--small"
                              aria-label={t('admin.users.reset.labelFor', {
                                name: user.displayName,
                              })}
                              onClick={() => setResetting(user)}
                            >
                              {t('admin.users.reset.open')}
                            </button>
                            <Show
                              when={user.active}
                              fallback={
                                <button
                                  type="button"
                                  class="button button--secondary button--small"
                                  disabled={busyId() === user.id}
                                  aria-label={t('admin.users.enableFor', {
                                    name: user.displayName,
                                  })}
                                  onClick={() => setActive(user, true)}
                                >
                                  {t('admin.users.enable')}
                                </button>
                              }
                            >
                              <button
                                type="button"
                                class="button button--quiet-danger button--small"
                                disabled={self()}
                                title={self() ? t('admin.users.notSelf') : undefined}
                                aria-label={t('admin.users.disableFor', {
                                  name: user.displayName,
                                })}
                                onClick={() => {
                                  setDialogError(undefined);
                                  setDisabling(user);
                                }}
                              >
                                {t('admin.users.disable')}
                              </button>
                            </Show>
                          </td>
                        </tr>
                      );
                    }}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        </Match>
      </Switch>

      <UserCreateDialog
        open={creating()}
        onOpenChange={setCreating}
        onCreated={(user) => {
          setCreating(false);
          mutate((all) =>
            [...(all ?? []), user].sort((a, b) =>
              a.username.toLowerCase().localeCompare(b.username.toLowerCase()),
            ),
          );
          notice.show(t('admin.users.created', { name: user.displayName }));
        }}
      />
      <PasswordDialog
        user={resetting()}
        onClose={() => setResetting(undefined)}
        onDone={(user) => notice.show(t('admin.users.reset.done', { name: user.displayName }))}
      />
      <AdminDialog
        open={!!disabling()}
        onOpenChange={(open) => !open && setDisabling(undefined)}
        title={t('admin.users.disableTitle', {
          name: disabling()?.displayName ?? '',
          username: disabling()?.username ?? '',
        })}
        description={t('admin.users.disableBody')}
        busy={!!busyId()}
        error={dialogError()}
        danger
        confirmLabel={t('admin.users.disable')}
        busyLabel={t('admin.users.disabling')}
        onConfirm={() => {
          const user = disabling();
          if (user) void setActive(user, false);
        }}
      />
    </div>
  );
}
