import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LanguageToggle } from '../components/language-toggle.tsx';
import { renderApp } from '../test/render.tsx';
import { format, LANG_STORAGE_KEY, useI18n } from './i18n.tsx';

function Greeting() {
  const { t } = useI18n();
  return <p data-testid="text">{t('login.submit')}</p>;
}

describe('language', () => {
  let cleanup = () => {};
  beforeEach(() => {
    localStorage.clear();
    document.documentElement.lang = '';
  });
  afterEach(() => cleanup());

  it('defaults to Simplified Chinese and sets <html lang>', () => {
    const { container, dispose } = renderApp(() => <Greeting />);
    cleanup = dispose;
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(container.textContent).toBe('登录');
  });

  it('switches <html lang>, the text, and remembers the choice', () => {
    const { container, dispose } = renderApp(() => (
      <>
        <Greeting />
        <LanguageToggle />
      </>
    ));
    cleanup = dispose;
    const english = [...container.querySelectorAll('button')].find(
      (b) => b.textContent === 'English',
    );
    english?.click();
    expect(document.documentElement.lang).toBe('en');
    expect(container.querySelector('[data-testid="text"]')?.textContent).toBe('Sign in');
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('en');

    const chinese = [...container.querySelectorAll('button')].find((b) => b.textContent === '中文');
    chinese?.click();
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('starts in the stored language', () => {
    localStorage.setItem(LANG_STORAGE_KEY, 'en');
    const { container, dispose } = renderApp(() => <Greeting />);
    cleanup = dispose;
    expect(document.documentElement.lang).toBe('en');
    expect(container.textContent).toBe('Sign in');
  });

  it('ignores a stored value it does not know', () => {
    localStorage.setItem(LANG_STORAGE_KEY, 'fr');
    const { dispose } = renderApp(() => <Greeting />);
    cleanup = dispose;
    expect(document.documentElement.lang).toBe('zh-CN');
  });
});

describe('format', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('请 {minutes} 分钟后再试', { minutes: 5 })).toBe('请 5 分钟后再试');
    expect(format('{a} {b}', { a: 1 })).toBe('1 {b}');
  });
});
