import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MeetingPerson } from './meetings-api.ts';

/** People grouped the way a leaders' meeting thinks of them: leadership, then each group. */
export function groupPeople(people: readonly MeetingPerson[]) {
  const groups: Array<{ key: string; people: MeetingPerson[] }> = [];
  for (const p of people) {
    const key = p.role === 'leadership' ? '' : (p.groupName ?? '');
    const found = groups.find((g) => g.key === key);
    if (found) found.people.push(p);
    else groups.push({ key, people: [p] });
  }
  return groups;
}

/** Checkboxes, one a person, under their group's name; leaders are marked. */
export function AttendeePicker(props: {
  people: readonly MeetingPerson[];
  loading: boolean;
  selected: ReadonlySet<string>;
  onChange: (next: ReadonlySet<string>) => void;
}) {
  const { t } = useI18n();
  const toggle = (id: string, on: boolean) => {
    const next = new Set(props.selected);
    if (on) next.add(id);
    else next.delete(id);
    props.onChange(next);
  };
  return (
    <Show
      when={!props.loading || props.people.length > 0}
      fallback={<p class="mt-muted">{t('common.loading')}</p>}
    >
      <div class="mt-people">
        <For each={groupPeople(props.people)}>
          {(group) => (
            <div class="mt-people__group">
              <p class="mt-people__label">{group.key || t('role.leadership')}</p>
              <ul class="mt-people__list">
                <For each={group.people}>
                  {(p) => (
                    <li>
                      <label class="mt-check">
                        <input
                          type="checkbox"
                          checked={props.selected.has(p.id)}
                          onChange={(e) => toggle(p.id, e.currentTarget.checked)}
                        />
                        <span>{p.displayName}</span>
                        <Show when={p.role === 'leader'}>
                          <span class="mt-check__role">{t('role.leader')}</span>
                        </Show>
                      </label>
                    </li>
                  )}
                </For>
              </ul>
            </div>
          )}
        </For>
      </div>
    </Show>
  );
}
