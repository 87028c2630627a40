import { createResource, createSignal, For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { settled } from '../../lib/resource.ts';
import { groupPeople } from './attendee-picker.tsx';
import type { RunChange } from './meeting-view.tsx';
import { type ActionItem, type Meeting, type MeetingPerson, meetingsApi } from './meetings-api.ts';

/**
 * Action items with their owner and due date. Leaders tick them done and
 * change owner or date in place; an open item past its date is marked
 * 已逾期 and comes back on the next meeting's agenda until done.
 */
export function ActionItemsPanel(props: { meeting: Meeting; run: RunChange }) {
  const { t } = useI18n();
  const [people] = createResource(
    () => (props.meeting.canEdit ? props.meeting.roundId : undefined),
    meetingsApi.people,
  );
  const list = () => settled(people) ?? [];
  const done = () => props.meeting.actionItems.filter((i) => i.done).length;
  const total = () => props.meeting.actionItems.length;

  return (
    <section class="mt-card mt-items" aria-labelledby="mt-items-title">
      <div class="mt-card__head">
        <h2 id="mt-items-title" class="mt-card__title">
          {t('meetings.items.title')}
        </h2>
        <Show when={total() > 0}>
          <span class="mt-card__meta">
            {t('meetings.items.progress', { done: done(), total: total() })}
          </span>
        </Show>
      </div>
      <Show when={total() > 0} fallback={<p class="mt-muted">{t('meetings.items.none')}</p>}>
        <div class="mt-table-wrap">
          <table class="mt-table mt-items__table">
            <thead>
              <tr>
                <th scope="col" class="mt-items__done">
                  <span class="visually-hidden">{t('meetings.items.colDone')}</span>
                </th>
                <th scope="col">{t('meetings.items.colTitle')}</th>
                <th scope="col">{t('meetings.items.colOwner')}</th>
                <th scope="col">{t('meetings.items.colDue')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.meeting.actionItems}>
                {(item) => (
                  <ItemRow
                    item={item}
                    canEdit={props.meeting.canEdit}
                    people={list()}
                    run={props.run}
                  />
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
      <Show when={props.meeting.canEdit}>
        <AddItem meeting={props.meeting} people={list()} run={props.run} />
      </Show>
    </section>
  );
}

/** "Nobody yet", then people by group; `selected` set per option so late-loading lists keep the choice. */
function OwnerOptions(props: {
  people: readonly MeetingPerson[];
  current?: ActionItem['owner'];
  selectedId: string;
}) {
  const { t } = useI18n();
  const missing = () =>
    props.current && !props.people.some((p) => p.id === props.current?.id) ? props.current : null;
  return (
    <>
      <option value="" selected={props.selectedId === ''}>
        {t('meetings.items.noOwner')}
      </option>
      <Show when={missing()}>
        {(p) => (
          <option value={p().id} selected>
            {p().displayName}
          </option>
        )}
      </Show>
      <For each={groupPeople(props.people)}>
        {(g) => (
          <optgroup label={g.key || t('role.leadership')}>
            <For each={g.people}>
              {(p) => (
                <option value={p.id} selected={p.id === props.selectedId}>
                  {p.displayName}
                </option>
              )}
            </For>
          </optgroup>
        )}
      </For>
    </>
  );
}

function ItemRow(props: {
  item: ActionItem;
  canEdit: boolean;
  people: readonly MeetingPerson[];
  run: RunChange;
}) {
  const { t, formatDate } = useI18n();
  const patch = (body: Parameters<typeof meetingsApi.updateActionItem>[1]) =>
    props.run(() => meetingsApi.updateActionItem(props.item.id, body));
  return (
    <tr
      class="mt-item"
      classList={{ 'mt-item--overdue': props.item.overdue, 'mt-item--done': props.item.done }}
    >
      <td class="mt-items__done">
        <input
          type="checkbox"
          class="mt-item__check"
          checked={props.item.done}
          disabled={!props.canEdit}
          aria-label={t('meetings.items.markDone', { title: props.item.title })}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            void patch({ done: on }).then((ok) => {
              if (!ok) e.currentTarget.checked = !on;
            });
          }}
        />
      </td>
      <td class="mt-item__title">
        {props.item.title}
        <Show when={props.item.overdue}>
          <span class="mt-flag mt-flag--overdue">{t('meetings.items.overdue')}</span>
        </Show>
        <Show when={props.item.done}>
          <span class="mt-flag mt-flag--done">{t('meetings.items.done')}</span>
        </Show>
      </td>
      <td class="mt-item__owner">
        <Show
          when={props.canEdit}
          fallback={props.item.owner?.displayName ?? t('meetings.items.noOwner')}
        >
          <select
            class="mt-inline-input"
            aria-label={t('meetings.items.ownerOf', { title: props.item.title })}
            value={props.item.owner?.id ?? ''}
            onChange={(e) => void patch({ ownerId: e.currentTarget.value || null })}
          >
            <OwnerOptions
              people={props.people}
              current={props.item.owner}
              selectedId={props.item.owner?.id ?? ''}
            />
          </select>
          <span class="mt-print-only">
            {props.item.owner?.displayName ?? t('meetings.items.noOwner')}
          </span>
        </Show>
      </td>
      <td class="mt-item__due num">
        <Show
          when={props.canEdit}
          fallback={props.item.dueOn ? formatDate(props.item.dueOn) : t('meetings.items.noDue')}
        >
          <input
            type="date"
            class="mt-inline-input"
            aria-label={t('meetings.items.dueOf', { title: props.item.title })}
            value={props.item.dueOn ?? ''}
            onChange={(e) => void patch({ dueOn: e.currentTarget.value || null })}
          />
          <span class="mt-print-only">
            {props.item.dueOn ? formatDate(props.item.dueOn) : t('meetings.items.noDue')}
          </span>
        </Show>
      </td>
    </tr>
  );
}

function AddItem(props: { meeting: Meeting; people: readonly MeetingPerson[]; run: RunChange }) {
  const { t } = useI18n();
  const [title, setTitle] = createSignal('');
  const [owner, setOwner] = createSignal('');
  const [due, setDue] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  let input!: HTMLInputElement;

  const add = async (event: SubmitEvent) => {
    event.preventDefault();
    const value = title().trim();
    if (!value || busy()) return;
    setBusy(true);
    const ok = await props.run(() =>
      meetingsApi.addActionItem(props.meeting.id, {
        title: value,
        ownerId: owner() || null,
        dueOn: due() || null,
      }),
    );
    // Clear only what was sent: the next item may already be half typed.
    if (ok && title().trim() === value) {
      setTitle('');
      setOwner('');
      setDue('');
    }
    setBusy(false);
    input.focus();
  };

  return (
    <form class="mt-add mt-add--item mt-noprint" onSubmit={add}>
      <label class="field mt-add__title">
        <span class="field__label">{t('meetings.items.titleLabel')}</span>
        <input
          ref={input}
          class="input"
          type="text"
          maxLength={500}
          placeholder={t('meetings.items.placeholder')}
          value={title()}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span class="field__label">{t('meetings.items.ownerLabel')}</span>
        <select class="input" value={owner()} onChange={(e) => setOwner(e.currentTarget.value)}>
          <OwnerOptions people={props.people} selectedId={owner()} />
        </select>
      </label>
      <label class="field">
        <span class="field__label">{t('meetings.items.dueLabel')}</span>
        <input
          class="input"
          type="date"
          value={due()}
          onInput={(e) => setDue(e.currentTarget.value)}
        />
      </label>
      <button type="submit" class="button button--secondary" disabled={busy() || !title().trim()}>
        {t('meetings.items.add')}
      </button>
    </form>
  );
}
