import { createSignal, For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import type { RunChange } from './meeting-view.tsx';
import { type Meeting, meetingsApi } from './meetings-api.ts';

/** What the meeting decided, numbered; leaders add and remove (a mistaken entry). */
export function DecisionsPanel(props: { meeting: Meeting; run: RunChange }) {
  const { t } = useI18n();
  const [text, setText] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  let input!: HTMLInputElement;

  const add = async (event: SubmitEvent) => {
    event.preventDefault();
    const value = text().trim();
    if (!value || busy()) return;
    setBusy(true);
    const ok = await props.run(() => meetingsApi.addDecision(props.meeting.id, value));
    // Clear only what was sent: the next decision may already be half typed.
    if (ok && text().trim() === value) setText('');
    setBusy(false);
    input.focus();
  };

  return (
    <section class="mt-card mt-decisions" aria-labelledby="mt-decisions-title">
      <div class="mt-card__head">
        <h2 id="mt-decisions-title" class="mt-card__title">
          {t('meetings.decisions.title')}
        </h2>
        <Show when={props.meeting.decisions.length > 0}>
          <span class="mt-card__count">{props.meeting.decisions.length}</span>
        </Show>
      </div>
      <Show
        when={props.meeting.decisions.length > 0}
        fallback={<p class="mt-muted">{t('meetings.decisions.none')}</p>}
      >
        <ol class="mt-decisions__list">
          <For each={props.meeting.decisions}>
            {(d) => (
              <li class="mt-decisions__item">
                <span class="mt-decisions__text">{d.text}</span>
                <Show when={props.meeting.canEdit}>
                  <button
                    type="button"
                    class="mt-icon-button mt-noprint"
                    aria-label={t('meetings.decisions.remove', { text: d.text })}
                    title={t('meetings.decisions.removeShort')}
                    onClick={() =>
                      props.run(() => meetingsApi.removeDecision(props.meeting.id, d.id))
                    }
                  >
                    ×
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ol>
      </Show>
      <Show when={props.meeting.canEdit}>
        <form class="mt-add mt-noprint" onSubmit={add}>
          <label class="visually-hidden" for="mt-decision-text">
            {t('meetings.decisions.label')}
          </label>
          <input
            id="mt-decision-text"
            ref={input}
            class="input"
            type="text"
            maxLength={2000}
            placeholder={t('meetings.decisions.placeholder')}
            value={text()}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          <button
            type="submit"
            class="button button--secondary"
            disabled={busy() || !text().trim()}
          >
            {t('meetings.decisions.add')}
          </button>
        </form>
      </Show>
    </section>
  );
}
