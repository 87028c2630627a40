import { createMemo, createSignal, For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { EmptyState } from '../state-views.tsx';
import { adminApi, type Recusal } from './admin-api.ts';
import { AdminDialog } from './admin-dialog.tsx';
import { Field } from './field.tsx';
import { UnitSelect, UserSelect } from './pickers.tsx';
import type { RoundSetup, RunAction } from './round-setup.ts';

/**
 * 回避: a person × unit pair. The unit's material disappears for that person
 * at once; lifting a recusal shows it again, so it asks first.
 */
export function RecusalsPanel(props: { roundId: string; setup: RoundSetup; run: RunAction }) {
  const { t } = useI18n();
  const [userId, setUserId] = createSignal('');
  const [unitId, setUnitId] = createSignal('');
  const [reason, setReason] = createSignal('');
  const [problem, setProblem] = createSignal<string>();
  const [lifting, setLifting] = createSignal<Recusal>();
  const [liftBusy, setLiftBusy] = createSignal(false);
  // Inspectors first: recusal matters for those who read working papers.
  const inspectors = createMemo(() => {
    const ids = new Set(
      props.setup.memberships
        .filter((m) => m.role === 'leader' || m.role === 'member' || m.role === 'leadership')
        .map((m) => m.userId),
    );
    return props.setup.users.filter((u) => ids.has(u.id));
  });

  const add = async () => {
    if (!userId()) return setProblem(t('admin.seats.pickUser'));
    if (!unitId()) return setProblem(t('admin.seats.pickUnit'));
    if (reason().trim().length > 500) return setProblem(t('admin.recusals.reasonLong'));
    setProblem(undefined);
    const user = props.setup.users.find((u) => u.id === userId());
    const unit = props.setup.units.find((u) => u.id === unitId());
    const ok = await props.run(
      () =>
        adminApi.addRecusal(props.roundId, {
          userId: userId(),
          unitId: unitId(),
          reason: reason().trim(),
        }),
      t('admin.recusals.added', { name: user?.displayName ?? '', unit: unit?.name ?? '' }),
      'admin.recusals.duplicate',
    );
    if (ok) {
      setUserId('');
      setUnitId('');
      setReason('');
    }
  };

  return (
    <div class="adm-stack">
      <p class="adm-muted">{t('admin.recusals.intro')}</p>
      <Show
        when={props.setup.recusals.length > 0}
        fallback={
          <EmptyState
            icon="lock"
            title={t('admin.recusals.empty')}
            hint={t('admin.recusals.emptyHint')}
          />
        }
      >
        <div class="adm-table-wrap">
          <table class="adm-table">
            <caption class="visually-hidden">{t('admin.tabs.recusals')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.recusals.person')}</th>
                <th scope="col">{t('admin.recusals.unit')}</th>
                <th scope="col">{t('admin.recusals.reason')}</th>
                <th scope="col" class="adm-table__actions-head">
                  <span class="visually-hidden">{t('admin.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={props.setup.recusals}>
                {(r) => (
                  <tr>
                    <td>
                      {r.displayName}
                      <span class="adm-list__meta adm-mono"> {r.username}</span>
                    </td>
                    <td>{r.unitName}</td>
                    <td class="adm-muted-cell">{r.reason || '—'}</td>
                    <td class="adm-table__actions">
                      <button
                        type="button"
                        class="button button--quiet button--small"
                        aria-label={t('admin.recusals.liftFor', {
                          name: r.displayName,
                          unit: r.unitName,
                        })}
                        onClick={() => setLifting(r)}
                      >
                        {t('admin.recusals.lift')}
                      </button>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
      <form
        class="adm-card adm-recusal-form"
        noValidate
        aria-labelledby="adm-recusal-new"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <h3 class="adm-card__title" id="adm-recusal-new">
          {t('admin.recusals.new')}
        </h3>
        <div class="adm-recusal-form__fields">
          <Field label={t('admin.recusals.person')}>
            {(attrs) => (
              <UserSelect
                id={attrs.id}
                users={inspectors().length > 0 ? inspectors() : props.setup.users}
                value={userId()}
                onChange={setUserId}
                placeholder={t('admin.seats.pickUserOption')}
              />
            )}
          </Field>
          <Field label={t('admin.recusals.unit')}>
            {(attrs) => (
              <UnitSelect
                id={attrs.id}
                units={props.setup.units}
                value={unitId()}
                onChange={setUnitId}
                placeholder={t('admin.seats.pickUnitOption')}
              />
            )}
          </Field>
          <Field label={t('admin.recusals.reasonOptional')} class="adm-recusal-form__reason">
            {(attrs) => (
              <input
                {...attrs}
                class="input"
                value={reason()}
                maxLength={500}
                placeholder={t('admin.recusals.reasonPlaceholder')}
                onInput={(e) => setReason(e.currentTarget.value)}
              />
            )}
          </Field>
        </div>
        <div class="adm-recusal-form__actions">
          <Show when={problem()}>
            <p class="adm-field__error">{problem()}</p>
          </Show>
          <button type="submit" class="button button--primary">
            {t('admin.recusals.add')}
          </button>
        </div>
      </form>
      <AdminDialog
        open={!!lifting()}
        onOpenChange={(open) => !open && setLifting(undefined)}
        title={t('admin.recusals.liftTitle', {
          name: lifting()?.displayName ?? '',
          unit: lifting()?.unitName ?? '',
        })}
        description={t('admin.recusals.liftBody')}
        busy={liftBusy()}
        confirmLabel={t('admin.recusals.lift')}
        busyLabel={t('admin.working')}
        onConfirm={async () => {
          const r = lifting();
          if (!r) return;
          setLiftBusy(true);
          await props.run(
            () => adminApi.removeRecusal(props.roundId, r.userId, r.unitId),
            t('admin.recusals.lifted', { name: r.displayName, unit: r.unitName }),
          );
          setLiftBusy(false);
          setLifting(undefined);
        }}
      />
    </div>
  );
}
