import { createMemo, createSignal, For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { adminApi, type RoundMembership } from './admin-api.ts';
import { UnitSelect, UserSelect } from './pickers.tsx';
import { roleName } from './role-label.ts';
import type { RoundSetup, RunAction } from './round-setup.ts';

/**
 * 领导小组与联系人: the round's seats outside the groups. The leadership
 * group reads the whole round; a unit contact answers for one unit and sees
 * nothing of the inspectors' work.
 */
export function SeatsPanel(props: { roundId: string; setup: RoundSetup; run: RunAction }) {
  const { t, lang } = useI18n();
  const leadership = createMemo(() =>
    props.setup.memberships.filter((m) => m.role === 'leadership'),
  );
  const contacts = createMemo(() =>
    props.setup.memberships.filter((m) => m.role === 'unit_contact'),
  );
  const [leaderUser, setLeaderUser] = createSignal('');
  const [leaderProblem, setLeaderProblem] = createSignal<string>();
  const [contactUser, setContactUser] = createSignal('');
  const [contactUnit, setContactUnit] = createSignal('');
  const [contactProblem, setContactProblem] = createSignal<string>();
  const nameOf = (id: string) => props.setup.users.find((u) => u.id === id)?.displayName ?? '';

  const remove = (m: RoundMembership) =>
    props.run(
      () => adminApi.removeMembership(props.roundId, m.id),
      t('admin.seats.removed', { name: m.displayName, role: roleName(m.role, lang()) }),
    );

  const addLeadership = async () => {
    if (!leaderUser()) return setLeaderProblem(t('admin.seats.pickUser'));
    setLeaderProblem(undefined);
    const ok = await props.run(
      () => adminApi.addMembership(props.roundId, { userId: leaderUser(), role: 'leadership' }),
      t('admin.seats.added', {
        name: nameOf(leaderUser()),
        role: roleName('leadership', lang()),
        where: '',
      }),
      'admin.seats.duplicate',
    );
    if (ok) setLeaderUser('');
  };

  const addContact = async () => {
    if (!contactUser()) return setContactProblem(t('admin.seats.pickUser'));
    if (!contactUnit()) return setContactProblem(t('admin.seats.pickUnit'));
    setContactProblem(undefined);
    const unit = props.setup.units.find((u) => u.id === contactUnit());
    const ok = await props.run(
      () =>
        adminApi.addMembership(props.roundId, {
          userId: contactUser(),
          role: 'unit_contact',
          unitId: contactUnit(),
        }),
      t('admin.seats.added', {
        name: nameOf(contactUser()),
        role: roleName('unit_contact', lang()),
        where: unit ? ` · ${unit.name}` : '',
      }),
      'admin.seats.duplicate',
    );
    if (ok) {
      setContactUser('');
      setContactUnit('');
    }
  };

  const row = (m: RoundMembership) => (
    <li class="adm-list__row">
      <span class="adm-list__name">{m.displayName}</span>
      <span class="adm-list__meta adm-mono">{m.username}</span>
      <Show when={m.unitName}>
        <span class="adm-chip">{m.unitName}</span>
      </Show>
      <button
        type="button"
        class="button button--quiet button--small"
        aria-label={t('admin.seats.removeFor', {
          name: m.displayName,
          role: roleName(m.role, lang()),
        })}
        onClick={() => remove(m)}
      >
        {t('admin.remove')}
      </button>
    </li>
  );

  return (
    <div class="adm-two-col">
      <section class="adm-card" aria-labelledby="adm-leadership">
        <div class="adm-card__head">
          <h3 class="adm-card__title" id="adm-leadership">
            {roleName('leadership', lang())}
          </h3>
          <span class="adm-card__meta">{t('admin.seats.count', { n: leadership().length })}</span>
        </div>
        <p class="adm-muted">{t('admin.seats.leadershipHint')}</p>
        <Show
          when={leadership().length > 0}
          fallback={<p class="adm-muted">{t('admin.seats.noLeadership')}</p>}
        >
          <ul class="adm-list">
            <For each={leadership()}>{row}</For>
          </ul>
        </Show>
        <form
          class="adm-add-row"
          noValidate
          aria-label={t('admin.seats.addLeadership')}
          onSubmit={(e) => {
            e.preventDefault();
            void addLeadership();
          }}
        >
          <UserSelect
            users={props.setup.users}
            value={leaderUser()}
            onChange={setLeaderUser}
            label={t('admin.seats.user')}
            placeholder={t('admin.seats.pickUserOption')}
            exclude={new Set(leadership().map((m) => m.userId))}
          />
          <button type="submit" class="button button--secondary button--small">
            {t('admin.add')}
          </button>
          <Show when={leaderProblem()}>
            <p class="adm-field__error adm-add-row__problem">{leaderProblem()}</p>
          </Show>
        </form>
      </section>

      <section class="adm-card" aria-labelledby="adm-contacts">
        <div class="adm-card__head">
          <h3 class="adm-card__title" id="adm-contacts">
            {roleName('unit_contact', lang())}
          </h3>
          <span class="adm-card__meta">{t('admin.seats.count', { n: contacts().length })}</span>
        </div>
        <p class="adm-muted">{t('admin.seats.contactHint')}</p>
        <Show
          when={contacts().length > 0}
          fallback={<p class="adm-muted">{t('admin.seats.noContacts')}</p>}
        >
          <ul class="adm-list">
            <For each={contacts()}>{row}</For>
          </ul>
        </Show>
        <form
          class="adm-add-row"
          noValidate
          aria-label={t('admin.seats.addContact')}
          onSubmit={(e) => {
            e.preventDefault();
            void addContact();
          }}
        >
          <UserSelect
            users={props.setup.users}
            value={contactUser()}
            onChange={setContactUser}
            label={t('admin.seats.user')}
            placeholder={t('admin.seats.pickUserOption')}
          />
          <UnitSelect
            units={props.setup.units}
            value={contactUnit()}
            onChange={setContactUnit}
            label={t('admin.seats.unit')}
            placeholder={t('admin.seats.pickUnitOption')}
          />
          <button type="submit" class="button button--secondary button--small">
            {t('admin.add')}
          </button>
          <Show when={contactProblem()}>
            <p class="adm-field__error adm-add-row__problem">{contactProblem()}</p>
          </Show>
        </form>
      </section>
    </div>
  );
}
