import { createSignal, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { Icon } from '../icon.tsx';
import { isLedgerFile } from './ledger-api.ts';

/**
 * Where the ledger file comes in: dropped on the zone or chosen with the
 * button (a real file input, so it is keyboard reachable). Only .xlsx and
 * .csv are passed on; anything else is refused here with its name.
 */
export function FileDrop(props: { onFile: (file: File) => void; disabled?: boolean }) {
  const { t } = useI18n();
  const [over, setOver] = createSignal(false);
  const [message, setMessage] = createSignal<string>();
  let input: HTMLInputElement | undefined;

  const take = (files: FileList | null | undefined) => {
    const all = [...(files ?? [])];
    const file = all[0];
    if (!file) return;
    if (!isLedgerFile(file.name)) {
      setMessage(t('ledger.drop.wrongType', { name: file.name }));
      return;
    }
    setMessage(all.length > 1 ? t('ledger.drop.several', { name: file.name }) : undefined);
    props.onFile(file);
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop target; the file input inside is the keyboard way in
    <div
      class="ledger-drop"
      classList={{ 'ledger-drop--over': over() }}
      onDragEnter={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragOver={(e) => {
        e.preventDefault();
        if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        if (!props.disabled) take(e.dataTransfer?.files);
      }}
    >
      <div class="ledger-drop__icon" aria-hidden="true">
        <Icon name="upload" size={28} />
      </div>
      <p class="ledger-drop__title">{t('ledger.drop.title')}</p>
      <p class="ledger-drop__or">{t('ledger.drop.or')}</p>
      <label class="button button--primary ledger-drop__choose">
        {t('ledger.drop.choose')}
        <input
          ref={input}
          class="visually-hidden"
          type="file"
          aria-label={t('ledger.drop.label')}
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          disabled={props.disabled}
          onChange={(e) => {
            take(e.currentTarget.files);
            // Choosing the same file again after fixing it must fire again.
            if (input) input.value = '';
          }}
        />
      </label>
      <p class="ledger-drop__hint">{t('ledger.drop.hint')}</p>
      <Show when={message()}>
        <p class="ledger-drop__message" role="alert">
          {message()}
        </p>
      </Show>
    </div>
  );
}
