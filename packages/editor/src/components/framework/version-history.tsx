import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import type { FrameworkVersionInfo } from './framework-api.ts';

/** "2026-05-01 10:02" in the reader's locale. */
function when(iso: string, lang: string): string {
  return new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/**
 * Every saved version, newest first. Choosing one shows it read-only; the
 * version in force is marked. Annotations and findings keep the version they
 * were tagged with, so earlier wordings stay reachable here.
 */
export function VersionHistory(props: {
  versions: readonly FrameworkVersionInfo[];
  current: number;
  viewing: number;
  onView: (version: number) => void;
}) {
  const { t, lang } = useI18n();
  const newestFirst = () => [...props.versions].reverse();
  return (
    <section class="fw-history" aria-labelledby="fw-history-title">
      <h2 class="fw-history__title" id="fw-history-title">
        {t('framework.history.title')}
      </h2>
      <ol class="fw-history__list">
        <For each={newestFirst()}>
          {(v) => (
            <li>
              <button
                type="button"
                class="fw-history__item"
                aria-current={props.viewing === v.version ? 'true' : undefined}
                onClick={() => props.onView(v.version)}
              >
                <span class="fw-history__version">
                  {t('framework.version', { n: v.version })}
                  <Show when={v.version === props.current}>
                    <span class="fw-badge fw-badge--current">{t('framework.history.current')}</span>
                  </Show>
                </span>
                <span class="fw-history__meta">
                  <time datetime={v.createdAt}>{when(v.createdAt, lang())}</time>
                  <Show when={v.createdBy}>{(by) => <> · {by()}</>}</Show>
                </span>
              </button>
            </li>
          )}
        </For>
      </ol>
    </section>
  );
}
