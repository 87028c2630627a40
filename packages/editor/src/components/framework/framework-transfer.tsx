import { Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';

/** Reads a chosen file as JSON; undefined when it is not JSON at all. */
export async function readJsonFile(
  file: File,
): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    return { ok: true, value: JSON.parse(await file.text()) };
  } catch {
    return { ok: false };
  }
}

/**
 * Export the version in force as a JSON file (the server names it), and
 * import one: the file goes to the server as a new version, which checks it
 * against the framework schema and names the first bad field.
 */
export function FrameworkTransfer(props: {
  exportUrl: string;
  canImport: boolean;
  busy: boolean;
  onFile: (file: File) => void;
}) {
  const { t } = useI18n();
  let picker!: HTMLInputElement;
  return (
    <div class="fw-transfer">
      <a class="button button--secondary button--small" href={props.exportUrl} download="">
        {t('framework.export')}
      </a>
      <Show when={props.canImport}>
        <button
          type="button"
          class="button button--secondary button--small"
          disabled={props.busy}
          onClick={() => picker.click()}
        >
          {t('framework.import')}
        </button>
        <input
          ref={picker}
          type="file"
          accept="application/json,.json"
          class="visually-hidden"
          tabIndex={-1}
          aria-label={t('framework.importFile')}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) props.onFile(file);
          }}
        />
      </Show>
    </div>
  );
}
