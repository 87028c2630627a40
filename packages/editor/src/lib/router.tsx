import {
  type Accessor,
  createContext,
  createMemo,
  createSignal,
  type JSX,
  onCleanup,
  splitProps,
  useContext,
} from 'solid-js';

/**
 * A deliberately small history-API router: the app has a flat set of paths,
 * and the server answers index.html for every non-API path. Links are plain
 * `<a href>` (so open-in-new-tab works) whose clicks are intercepted.
 */
export interface Router {
  /** The pathname, e.g. `/coverage`. */
  path: Accessor<string>;
  query: Accessor<URLSearchParams>;
  navigate: (to: string, opts?: { replace?: boolean }) => void;
}

const RouterContext = createContext<Router>();

function currentUrl(): string {
  return `${window.location.pathname}${window.location.search}`;
}

export function RouterProvider(props: { children: JSX.Element }) {
  const [url, setUrl] = createSignal(currentUrl());
  const onPopState = () => setUrl(currentUrl());
  window.addEventListener('popstate', onPopState);
  onCleanup(() => window.removeEventListener('popstate', onPopState));

  const parsed = createMemo(() => new URL(url(), window.location.origin));
  const router: Router = {
    path: () => parsed().pathname,
    query: () => parsed().searchParams,
    navigate: (to, opts) => {
      if (to === currentUrl()) return;
      if (opts?.replace) window.history.replaceState(null, '', to);
      else window.history.pushState(null, '', to);
      setUrl(currentUrl());
      if (!opts?.replace) window.scrollTo?.(0, 0);
    },
  };
  return <RouterContext.Provider value={router}>{props.children}</RouterContext.Provider>;
}

export function useRouter(): Router {
  const router = useContext(RouterContext);
  if (!router) throw new Error('useRouter() needs a <RouterProvider> above it');
  return router;
}

/** Only same-app absolute paths are followed after login; anything else goes home. */
export function safeNext(next: string | null): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) {
    return '/';
  }
  return next;
}

type AnchorProps = JSX.AnchorHTMLAttributes<HTMLAnchorElement>;

export function Link(props: AnchorProps & { href: string }) {
  const router = useRouter();
  const [local, rest] = splitProps(props, ['href', 'onClick']);
  const onClick: JSX.EventHandler<HTMLAnchorElement, MouseEvent> = (event) => {
    if (typeof local.onClick === 'function') local.onClick(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return;
    }
    event.preventDefault();
    router.navigate(local.href);
  };
  return (
    <a
      {...rest}
      href={local.href}
      aria-current={router.path() === local.href ? 'page' : undefined}
      onClick={onClick}
    />
  );
}
