import { createEffect, createSignal, Show } from 'solid-js';
import { BrandMark } from '../components/brand-mark.tsx';
import { LanguageToggle } from '../components/language-toggle.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/zh.ts';
import { api, isApiError } from '../lib/api.ts';
import { safeNext, useRouter } from '../lib/router.tsx';
import '../styles/login.css';

interface LoginProblem {
  key: MessageKey;
  minutes?: number;
}

/** What went wrong, in words the user can act on. Never the server's text or a stack. */
export function loginProblem(error: unknown): LoginProblem {
  if (!isApiError(error)) return { key: 'login.failed' };
  if (error.code === 'network') return { key: 'login.network' };
  if (error.status === 401) return { key: 'login.invalid' };
  if (error.status === 403) return { key: 'login.inactive' };
  if (error.status === 429) {
    const minutes = Math.max(1, Math.ceil((error.retryAfter ?? 60) / 60));
    return { key: 'login.tooMany', minutes };
  }
  return { key: 'login.failed' };
}

export function LoginRoute() {
  const { t } = useI18n();
  const router = useRouter();
  const [username, setUsername] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [submitting, setSubmitting] = createSignal(false);
  const [problem, setProblem] = createSignal<LoginProblem>();
  let usernameInput: HTMLInputElement | undefined;
  let passwordInput: HTMLInputElement | undefined;

  createEffect(() => {
    document.title = t('app.pageTitle', { page: t('login.title') });
  });

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (submitting()) return;
    const body = { username: username().trim(), password: password() };
    if (!body.username || !body.password) {
      setProblem({ key: 'login.required' });
      (body.username ? passwordInput : usernameInput)?.focus();
      return;
    }
    setSubmitting(true);
    setProblem(undefined);
    try {
      await api.login(body);
      router.navigate(safeNext(router.query().get('next')), { replace: true });
    } catch (error) {
      setProblem(loginProblem(error));
      setPassword('');
      passwordInput?.focus();
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div class="login">
      <main class="login__card" aria-labelledby="login-title">
        <header class="login__header">
          <BrandMark size="lg" />
          <h1 id="login-title" class="login__product">
            {t('app.name')}
          </h1>
          <p class="login__subtitle">{t('login.subtitle')}</p>
        </header>

        <form class="login__form" onSubmit={onSubmit} noValidate aria-busy={submitting()}>
          <div class="field">
            <label class="field__label" for="login-username">
              {t('login.username')}
            </label>
            <input
              ref={usernameInput}
              id="login-username"
              name="username"
              class="input"
              autocomplete="username"
              autocapitalize="none"
              spellcheck={false}
              autofocus
              required
              value={username()}
              onInput={(e) => setUsername(e.currentTarget.value)}
              aria-invalid={problem()?.key === 'login.invalid' || undefined}
              aria-describedby={problem() ? 'login-problem' : undefined}
            />
          </div>
          <div class="field">
            <label class="field__label" for="login-password">
              {t('login.password')}
            </label>
            <input
              ref={passwordInput}
              id="login-password"
              name="password"
              type="password"
              class="input"
              autocomplete="current-password"
              required
              value={password()}
              onInput={(e) => setPassword(e.currentTarget.value)}
              aria-invalid={problem()?.key === 'login.invalid' || undefined}
              aria-describedby={problem() ? 'login-problem' : undefined}
            />
          </div>

          <div class="login__problem-slot">
            <Show when={problem()}>
              {(p) => (
                <p id="login-problem" class="form-problem" role="alert">
                  {t(p().key, { minutes: p().minutes ?? 0 })}
                </p>
              )}
            </Show>
          </div>

          <button
            type="submit"
            class="button button--primary button--block"
            disabled={submitting()}
          >
            {submitting() ? t('login.submitting') : t('login.submit')}
          </button>
        </form>

        <footer class="login__footer">
          <p class="login__notice">{t('login.notice')}</p>
          <LanguageToggle />
        </footer>
      </main>
    </div>
  );
}
