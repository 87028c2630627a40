import {
  type Accessor,
  createContext,
  createEffect,
  createSignal,
  type JSX,
  useContext,
} from 'solid-js';
import { readStored, writeStored } from '../lib/storage.ts';
import { en } from './en.ts';
import { type Dictionary, type MessageKey, zh } from './zh.ts';

export type Lang = 'zh-CN' | 'en';
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];
export const LANG_STORAGE_KEY = 'rectify.lang';

const DICTIONARIES: Record<Lang, Dictionary> = { 'zh-CN': zh, en };

export type Params = Record<string, string | number>;

/** Fills `{name}` placeholders; unknown placeholders stay visible so gaps are noticed. */
export function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export function isLang(value: unknown): value is Lang {
  return value === 'zh-CN' || value === 'en';
}

/** The stored language, else Simplified Chinese: the product is Chinese first. */
export function initialLang(): Lang {
  const stored = readStored(LANG_STORAGE_KEY);
  return isLang(stored) ? stored : 'zh-CN';
}

export interface I18n {
  lang: Accessor<Lang>;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, params?: Params) => string;
  /** Numbers grouped the local way (12,345). */
  formatNumber: (value: number) => string;
  /** A calendar date `YYYY-MM-DD` (or ISO timestamp) in the local style. */
  formatDate: (value: string) => string;
}

const I18nContext = createContext<I18n>();

export function I18nProvider(props: { lang?: Lang; children: JSX.Element }) {
  const [lang, setLangSignal] = createSignal<Lang>(props.lang ?? initialLang());

  const setLang = (next: Lang) => {
    setLangSignal(next);
    writeStored(LANG_STORAGE_KEY, next);
  };

  // Screen readers, hyphenation and CJK font fallback all follow <html lang>.
  createEffect(() => {
    document.documentElement.lang = lang();
  });

  const i18n: I18n = {
    lang,
    setLang,
    t: (key, params) => format(DICTIONARIES[lang()][key], params),
    formatNumber: (value) => new Intl.NumberFormat(lang()).format(value),
    formatDate: (value) => {
      const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
      if (Number.isNaN(date.getTime())) return value;
      return new Intl.DateTimeFormat(lang(), { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
    },
  };

  return <I18nContext.Provider value={i18n}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n() needs an <I18nProvider> above it');
  return i18n;
}
