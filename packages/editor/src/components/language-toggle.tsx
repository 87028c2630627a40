import { For } from 'solid-js';
import { LANGS, type Lang, useI18n } from '../i18n/i18n.tsx';

const LABEL: Record<Lang, 'lang.zh' | 'lang.en'> = { 'zh-CN': 'lang.zh', en: 'lang.en' };

/** 中文 / English as two pressed-state buttons, for pages without the user menu. */
export function LanguageToggle() {
  const { lang, setLang, t } = useI18n();
  return (
    <fieldset class="lang-toggle">
      <legend class="visually-hidden">{t('lang.label')}</legend>
      <For each={LANGS}>
        {(option) => (
          <button
            type="button"
            class="lang-toggle__option"
            lang={option}
            aria-pressed={lang() === option}
            onClick={() => setLang(option)}
          >
            {t(LABEL[option])}
          </button>
        )}
      </For>
    </fieldset>
  );
}
