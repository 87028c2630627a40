import { createEffect, createResource, createSignal, on, onMount, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { errorMessageKey } from '../../lib/error-text.ts';
import { settled } from '../../lib/resource.ts';
import { AttendeePicker } from './attendee-picker.tsx';
import { localToday, type Meeting, meetingsApi } from './meetings-api.ts';

/**
 * Schedules a meeting: its date, name and who attends. Leaders and the
 * leadership group start ticked, since they are who a leaders' meeting is for.
 */
export function NewMeetingForm(props: {
  roundId: string;
  onCancel: () => void;
  onCreated: (meeting: Meeting) => void;
}) {
  const { t } = useI18n();
  const [people] = createResource(() => props.roundId, meetingsApi.people);
  const [heldOn, setHeldOn] = createSignal(localToday());
  const [title, setTitle] = createSignal(t('meetings.new.defaultName'));
  const [attendees, setAttendees] = createSignal<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<string>();
  let dateInput!: HTMLInputElement;

  createEffect(
    on(
      () => settled(people),
      (list) => {
        if (!list) return;
        setAttendees(new Set(list.filter((p) => p.role !== 'member').map((p) => p.id)));
      },
    ),
  );
  onMount(() => dateInput.focus());

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(heldOn())) {
      setProblem(t('meetings.new.dateRequired'));
      dateInput.focus();
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      const name = title().trim();
      const created = await meetingsApi.create(props.roundId, {
        heldOn: heldOn(),
        ...(name ? { title: name } : {}),
        attendeeIds: [...attendees()],
      });
      props.onCreated(created);
    } catch (e) {
      setProblem(`${t('meetings.new.failed')} ${t(errorMessageKey(e))}`);
      setBusy(false);
    }
  };

  return (
    <form
      class="mt-card mt-new"
      aria-labelledby="mt-new-title"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !busy()) props.onCancel();
      }}
    >
      <h2 id="mt-new-title" class="mt-card__title">
        {t('meetings.new.title')}
      </h2>
      <div class="mt-new__fields">
        <label class="field">
          <span class="field__label">{t('meetings.new.date')}</span>
          <input
            ref={dateInput}
            class="input"
            type="date"
            required
            value={heldOn()}
            onInput={(e) => setHeldOn(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span class="field__label">{t('meetings.new.name')}</span>
          <input
            class="input"
            type="text"
            maxLength={200}
            value={title()}
            onInput={(e) => setTitle(e.currentTarget.value)}
          />
        </label>
      </div>
      <fieldset class="mt-new__people">
        <legend class="field__label">{t('meetings.new.attendees')}</legend>
        <Show
          when={!people.error}
          fallback={<p class="form-problem">{t('meetings.new.peopleError')}</p>}
        >
          <AttendeePicker
            people={settled(people) ?? []}
            loading={people.loading}
            selected={attendees()}
            onChange={setAttendees}
          />
        </Show>
      </fieldset>
      <p class="mt-new__hint">{t('meetings.new.hint')}</p>
      <Show when={problem()}>
        <p class="form-problem" role="alert">
          {problem()}
        </p>
      </Show>
      <div class="mt-new__actions">
        <button type="button" class="button button--secondary" onClick={() => props.onCancel()}>
          {t('meetings.new.cancel')}
        </button>
        <button type="submit" class="button button--primary" disabled={busy()}>
          {busy() ? t('meetings.new.creating') : t('meetings.new.create')}
        </button>
      </div>
    </form>
  );
}
