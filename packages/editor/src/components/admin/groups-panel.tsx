import { createMemo, createSignal, For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { EmptyState } from '../state-views.tsx';
import { adminApi, type InspectionGroup } from './admin-api.ts';
import { AdminDialog } from './admin-dialog.tsx';
import { UserSelect } from './pickers.tsx';
import { roleName } from './role-label.ts';
import type { RoundSetup, RunAction } from './round-setup.ts';

/**
 * 巡视组: each group of the round with its leader and members and the units it
 * inspects. Seats are added and removed here; units move in the units tab.
 */
export function GroupsPanel(props: { roundId: string; setup: RoundSetup; run: RunAction }) {
  const { t } = useI18n();
  const [newName, setNewName] = createSignal('');
  const [nameProblem, setNameProblem] = createSignal<string>();
  const [deleting, setDeleting] = createSignal<InspectionGroup>();
  const [deleteBusy, setDeleteBusy] = createSignal(false);

  const create = async () => {
    const name = newName().trim();
    if (!name) {
      setNameProblem(t('admin.groups.nameRequired'));
      return;
    }
    setNameProblem(undefined);
    const ok = await props.run(
      () => adminApi.createGroup(props.roundId, name),
      t('admin.groups.created', { name }),
      'admin.groups.duplicate',
    );
    if (ok) setNewName('');
  };

  return (
    <div class="adm-stack">
      <Show
        when={props.setup.groups.length > 0}
        fallback={
          <EmptyState
            icon="users"
            title={t('admin.groups.empty')}
            hint={t('admin.groups.emptyHint')}
          />
        }
      >
        <div class="adm-group-grid">
          <For each={props.setup.groups}>
            {(group) => (
              <GroupCard
                group={group}
                roundId={props.roundId}
                setup={props.setup}
                run={props.run}
                onDelete={() => setDeleting(group)}
              />
            )}
          </For>
        </div>
      </Show>
      <form
        class="adm-inline-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label class="field adm-field adm-inline-form__grow">
          <span class="field__label">{t('admin.groups.newLabel')}</span>
          <input
            class="input"
            value={newName()}
            placeholder={t('admin.groups.newPlaceholder')}
            aria-invalid={!!nameProblem()}
            onInput={(e) => setNewName(e.currentTarget.value)}
          />
          <Show when={nameProblem()}>
            <span class="adm-field__error">{nameProblem()}</span>
          </Show>
        </label>
        <button type="submit" class="button button--secondary">
          {t('admin.groups.create')}
        </button>
      </form>
      <AdminDialog
        open={!!deleting()}
        onOpenChange={(open) => !open && setDeleting(undefined)}
        title={t('admin.groups.deleteTitle', { name: deleting()?.name ?? '' })}
        description={t('admin.groups.deleteBody')}
        busy={deleteBusy()}
        danger
        confirmLabel={t('admin.groups.delete')}
        busyLabel={t('admin.working')}
        onConfirm={async () => {
          const group = deleting();
          if (!group) return;
          setDeleteBusy(true);
          await props.run(
            () => adminApi.deleteGroup(props.roundId, group.id),
            t('admin.groups.deleted', { name: group.name }),
            'admin.groups.inUse',
          );
          setDeleteBusy(false);
          setDeleting(undefined);
        }}
      />
    </div>
  );
}

function GroupCard(props: {
  group: InspectionGroup;
  roundId: string;
  setup: RoundSetup;
  run: RunAction;
  onDelete: () => void;
}) {
  const { t, lang } = useI18n();
  const [userId, setUserId] = createSignal('');
  const [role, setRole] = createSignal<'leader' | 'member'>('member');
  const [problem, setProblem] = createSignal<string>();
  const seats = createMemo(() =>
    props.setup.memberships
      .filter((m) => m.groupId === props.group.id)
      .sort((a, b) => (a.role === b.role ? 0 : a.role === 'leader' ? -1 : 1)),
  );
  const units = createMemo(() => props.setup.units.filter((u) => u.groupId === props.group.id));
  const headingId = `adm-group-${props.group.id}`;
  const [renaming, setRenaming] = createSignal(false);
  const [name, setName] = createSignal('');

  const rename = async () => {
    const next = name().trim();
    if (!next || next === props.group.name) {
      setRenaming(false);
      return;
    }
    const ok = await props.run(
      () => adminApi.renameGroup(props.roundId, props.group.id, next),
      t('admin.groups.renamed', { name: next }),
      'admin.groups.duplicate',
    );
    if (ok) setRenaming(false);
  };

  const add = async () => {
    if (!userId()) {
      setProblem(t('admin.seats.pickUser'));
      return;
    }
    setProblem(undefined);
    const user = props.setup.users.find((u) => u.id === userId());
    const ok = await props.run(
      () =>
        adminApi.addMembership(props.roundId, {
          userId: userId(),
          role: role(),
          groupId: props.group.id,
        }),
      t('admin.seats.added', {
        name: user?.displayName ?? '',
        role: roleName(role(), lang()),
        where: ` · ${props.group.name}`,
      }),
      'admin.seats.duplicate',
    );
    if (ok) setUserId('');
  };

  return (
    <section class="adm-card" aria-labelledby={headingId}>
      <Show
        when={renaming()}
        fallback={
          <div class="adm-card__head">
            <h3 class="adm-card__title" id={headingId}>
              {props.group.name}
            </h3>
            <span class="adm-card__meta">
              {t('admin.groups.counts', { people: seats().length, units: units().length })}
            </span>
            <button
              type="button"
              class="button button--quiet button--small"
              aria-label={t('admin.groups.renameFor', { name: props.group.name })}
              onClick={() => {
                setName(props.group.name);
                setRenaming(true);
              }}
            >
              {t('admin.groups.rename')}
            </button>
            <button
              type="button"
              class="button button--quiet button--small adm-card__delete"
              aria-label={t('admin.groups.deleteFor', { name: props.group.name })}
              onClick={() => props.onDelete()}
            >
              {t('admin.groups.delete')}
            </button>
          </div>
        }
      >
        <form
          class="adm-card__head adm-rename"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void rename();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setRenaming(false);
          }}
        >
          <h3 class="visually-hidden" id={headingId}>
            {props.group.name}
          </h3>
          <input
            ref={(el) => queueMicrotask(() => el.focus())}
            class="input adm-rename__input"
            aria-label={t('admin.groups.nameLabel')}
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
          />
          <button type="submit" class="button button--primary button--small">
            {t('admin.save')}
          </button>
          <button
            type="button"
            class="button button--quiet button--small"
            onClick={() => setRenaming(false)}
          >
            {t('admin.cancel')}
          </button>
        </form>
      </Show>
      <h4 class="adm-card__sub">{t('admin.groups.people')}</h4>
      <Show
        when={seats().length > 0}
        fallback={<p class="adm-muted">{t('admin.groups.noPeople')}</p>}
      >
        <ul class="adm-list">
          <For each={seats()}>
            {(m) => (
              <li class="adm-list__row">
                <span class="adm-role" classList={{ 'adm-role--leader': m.role === 'leader' }}>
                  {roleName(m.role, lang())}
                </span>
                <span class="adm-list__name">{m.displayName}</span>
                <span class="adm-list__meta adm-mono">{m.username}</span>
                <button
                  type="button"
                  class="button button--quiet button--small"
                  aria-label={t('admin.seats.removeFor', {
                    name: m.displayName,
                    role: roleName(m.role, lang()),
                  })}
                  onClick={() =>
                    props.run(
                      () => adminApi.removeMembership(props.roundId, m.id),
                      t('admin.seats.removed', {
                        name: m.displayName,
                        role: roleName(m.role, lang()),
                      }),
                    )
                  }
                >
                  {t('admin.remove')}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <form
        class="adm-add-row"
        noValidate
        aria-label={t('admin.groups.addTo', { name: props.group.name })}
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <UserSelect
          users={props.setup.users}
          value={userId()}
          onChange={setUserId}
          label={t('admin.seats.user')}
          placeholder={t('admin.seats.pickUserOption')}
          exclude={new Set(seats().map((m) => m.userId))}
        />
        <select
          class="input adm-select adm-select--narrow"
          aria-label={t('admin.seats.role')}
          value={role()}
          onChange={(e) => setRole(e.currentTarget.value as 'leader' | 'member')}
        >
          <option value="member">{roleName('member', lang())}</option>
          <option value="leader">{roleName('leader', lang())}</option>
        </select>
        <button type="submit" class="button button--secondary button--small">
          {t('admin.add')}
        </button>
        <Show when={problem()}>
          <p class="adm-field__error adm-add-row__problem">{problem()}</p>
        </Show>
      </form>
      <h4 class="adm-card__sub">{t('admin.groups.units')}</h4>
      <Show
        when={units().length > 0}
        fallback={<p class="adm-muted">{t('admin.groups.noUnits')}</p>}
      >
        <ul class="adm-chips">
          <For each={units()}>{(u) => <li class="adm-chip">{u.name}</li>}</For>
        </ul>
      </Show>
    </section>
  );
}
