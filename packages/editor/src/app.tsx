import { Show } from 'solid-js';
import { I18nProvider } from './i18n/i18n.tsx';
import { RouterProvider, useRouter } from './lib/router.tsx';
import { LoginRoute } from './routes/login.tsx';
import { SignedIn } from './routes/signed-in.tsx';

function Root() {
  const router = useRouter();
  return (
    <Show when={router.path() === '/login'} fallback={<SignedIn />}>
      <LoginRoute />
    </Show>
  );
}

/** The browser app: language, then routing, then login or the signed-in shell. */
export function App() {
  return (
    <I18nProvider>
      <RouterProvider>
        <Root />
      </RouterProvider>
    </I18nProvider>
  );
}
