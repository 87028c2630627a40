import { type JSX, Show } from 'solid-js';
import { useI18n } from '../i18n/i18n.tsx';
import { errorCode, errorMessageKey } from '../lib/error-text.ts';
import { Icon, type IconName } from './icon.tsx';
import '../styles/states.css';

/** Placeholder blocks the size of the content to come, so nothing jumps when it lands. */
export function LoadingState(props: { label: string; rows?: number }) {
  return (
    <div class="state state--loading" role="status" aria-live="polite">
      <span class="visually-hidden">{props.label}</span>
      <div class="skeleton-grid" aria-hidden="true">
        {Array.from({ length: props.rows ?? 3 }, () => (
          <div class="skeleton-card">
            <div class="skeleton-line skeleton-line--title" />
            <div class="skeleton-line" />
            <div class="skeleton-line skeleton-line--short" />
          </div>
        ))}
      </div>
    </div>
  );
}

/** What is missing and what to do next, per UI.md's empty-state rule. */
export function EmptyState(props: {
  icon?: IconName;
  title: string;
  hint?: string;
  action?: JSX.Element;
}) {
  return (
    <div class="state state--empty">
      <div class="state__icon" aria-hidden="true">
        <Icon name={props.icon ?? 'compass'} size={28} />
      </div>
      <h2 class="state__title">{props.title}</h2>
      <Show when={props.hint}>
        <p class="state__hint">{props.hint}</p>
      </Show>
      <Show when={props.action}>
        <div class="state__action">{props.action}</div>
      </Show>
    </div>
  );
}

export function ErrorState(props: { title: string; error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div class="state state--error" role="alert">
      <div class="state__icon" aria-hidden="true">
        <Icon name="alert" size={28} />
      </div>
      <h2 class="state__title">{props.title}</h2>
      <p class="state__hint">{t(errorMessageKey(props.error))}</p>
      <Show when={errorCode(props.error)}>
        {(code) => <p class="state__code">{t('common.errorCode', { code: code() })}</p>}
      </Show>
      <Show when={props.onRetry}>
        {(retry) => (
          <div class="state__action">
            <button type="button" class="button button--secondary" onClick={() => retry()()}>
              {t('common.retry')}
            </button>
          </div>
        )}
      </Show>
    </div>
  );
}
