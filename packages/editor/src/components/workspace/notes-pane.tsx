import { notesOf } from '@rectify/domain';
import { createSignal, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { readStored, writeStored } from '../../lib/storage.ts';
import { useWorkspace } from '../../lib/workspace/workspace-model.ts';
import { RichField } from './rich-field.tsx';

const OPEN_KEY = 'rectify.ws.notesOpen';

/** The group's shared working notes on this statement, under the columns; opens and folds. */
export function NotesPane() {
  const { t } = useI18n();
  const ws = useWorkspace();
  const [open, setOpen] = createSignal(readStored(OPEN_KEY) === '1');
  const toggle = () => {
    setOpen(!open());
    writeStored(OPEN_KEY, open() ? '1' : '0');
  };
  return (
    <section
      class="ws-notes"
      classList={{ 'ws-notes--open': open() }}
      aria-labelledby="ws-notes-title"
    >
      <h2 id="ws-notes-title" class="ws-notes__heading">
        <button
          type="button"
          class="ws-notes__toggle"
          aria-expanded={open()}
          aria-controls="ws-notes-body"
          onClick={toggle}
        >
          <span class="ws-notes__chevron" aria-hidden="true">
            {open() ? '▾' : '▸'}
          </span>
          {t('ws.notes.title')}
          <span class="ws-notes__hint">{t('ws.notes.hint')}</span>
        </button>
      </h2>
      <Show when={open()}>
        <div id="ws-notes-body" class="ws-notes__body">
          <RichField
            live={ws.live}
            fragment={notesOf(ws.live.doc)}
            editable={!ws.readOnly()}
            label={t('ws.notes.title')}
            placeholder={ws.readOnly() ? '' : t('ws.notes.placeholder')}
          />
        </div>
      </Show>
    </section>
  );
}
