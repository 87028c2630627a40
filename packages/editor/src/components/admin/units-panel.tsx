import { createSignal, For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { EmptyState } from '../state-views.tsx';
import { adminApi } from './admin-api.ts';
import type { RoundSetup, RunAction } from './round-setup.ts';

/**
 * 单位分配: every unit and the group that inspects it in this round. Choosing
 * a group assigns the unit at once; "未分配" takes it away from its group.
 */
export function UnitsPanel(props: { roundId: string; setup: RoundSetup; run: RunAction }) {
  const { t } = useI18n();
  const [newName, setNewName] = createSignal('');
  const [nameProblem, setNameProblem] = createSignal<string>();
  const unassigned = () => props.setup.units.filter((u) => !u.groupId).length;
  const groupName = (id: string | null) =>
    props.setup.groups.find((g) => g.id === id)?.name ?? t('admin.units.unassigned');

  const create = async () => {
    const name = newName().trim();
    if (!name) {
      setNameProblem(t('admin.units.nameRequired'));
      return;
    }
    setNameProblem(undefined);
    const ok = await props.run(
      () => adminApi.createUnit(name),
      t('admin.units.created', { name }),
      'admin.units.duplicate',
    );
    if (ok) setNewName('');
  };

  return (
    <div class="adm-stack">
      <Show
        when={props.setup.units.length > 0}
        fallback={
          <EmptyState
            icon="layers"
            title={t('admin.units.empty')}
            hint={t('admin.units.emptyHint')}
          />
        }
      >
        <p class="adm-summary">
          {t('admin.units.summary', { n: props.setup.units.length })}
          <Show when={unassigned() > 0}>
            <span class="adm-summary__warn">
              {t('admin.units.unassignedCount', { n: unassigned() })}
            </span>
          </Show>
        </p>
        <div class="adm-table-wrap adm-table-wrap--narrow">
          <table class="adm-table">
            <caption class="visually-hidden">{t('admin.tabs.units')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.units.unit')}</th>
                <th scope="col">{t('admin.units.group')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.setup.units}>
                {(unit) => (
                  <tr classList={{ 'adm-row--attention': !unit.groupId }}>
                    <td>{unit.name}</td>
                    <td>
                      <select
                        class="input adm-select"
                        aria-label={t('admin.units.groupFor', { name: unit.name })}
                        value={unit.groupId ?? ''}
                        onChange={(e) => {
                          const select = e.currentTarget;
                          const groupId = select.value || null;
                          void props
                            .run(
                              () => adminApi.assignUnit(props.roundId, unit.id, groupId),
                              groupId
                                ? t('admin.units.assigned', {
                                    name: unit.name,
                                    group: groupName(groupId),
                                  })
                                : t('admin.units.unassignedDone', { name: unit.name }),
                            )
                            .then((ok) => {
                              // A refused change puts the select back to what is stored.
                              if (!ok) select.value = unit.groupId ?? '';
                            });
                        }}
                      >
                        <option value="">{t('admin.units.unassigned')}</option>
                        <For each={props.setup.groups}>
                          {(g) => <option value={g.id}>{g.name}</option>}
                        </For>
                      </select>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
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
          <span class="field__label">{t('admin.units.newLabel')}</span>
          <input
            class="input"
            value={newName()}
            placeholder={t('admin.units.newPlaceholder')}
            aria-invalid={!!nameProblem()}
            onInput={(e) => setNewName(e.currentTarget.value)}
          />
          <Show when={nameProblem()}>
            <span class="adm-field__error">{nameProblem()}</span>
          </Show>
        </label>
        <button type="submit" class="button button--secondary">
          {t('admin.units.create')}
        </button>
      </form>
    </div>
  );
}
