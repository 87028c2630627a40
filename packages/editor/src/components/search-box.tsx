import { createSignal, onCleanup } from 'solid-js';
import { useI18n } from '../i18n/i18n.tsx';
import { useRouter } from '../lib/router.tsx';
import { Icon } from './icon.tsx';

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}

/**
 * Search is not built yet; the box already takes "/" to focus and Enter to
 * go to the search page (a "coming soon" for now), so the habit can form.
 */
export function SearchBox() {
  const { t } = useI18n();
  const router = useRouter();
  const [query, setQuery] = createSignal('');
  let input: HTMLInputElement | undefined;

  const onKey = (event: KeyboardEvent) => {
    if (event.key === '/' && !typingIn(event.target) && !event.metaKey && !event.ctrlKey) {
      event.preventDefault();
      input?.focus();
    }
  };
  document.addEventListener('keydown', onKey);
  onCleanup(() => document.removeEventListener('keydown', onKey));

  return (
    <search class="search">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const q = query().trim();
          router.navigate(q ? `/search?q=${encodeURIComponent(q)}` : '/search');
        }}
      >
        <Icon name="search" size={16} class="search__icon" />
        <input
          ref={input}
          class="search__input"
          type="search"
          aria-label={t('topbar.search')}
          placeholder={t('topbar.searchPlaceholder')}
          value={query()}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
        <span class="search__hint" aria-hidden="true">
          /
        </span>
      </form>
    </search>
  );
}
