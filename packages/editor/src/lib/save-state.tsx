import {
  type Accessor,
  createContext,
  createSignal,
  type JSX,
  onCleanup,
  useContext,
} from 'solid-js';

/**
 * What the top bar says about unsaved work. Editors report `saving`/`saved`;
 * going offline overrides both, because edits then only live in the browser.
 * A live document also reports `offline` itself when its socket is down
 * while the browser is online (server unreachable): edits are kept locally.
 */
export type SaveState = 'idle' | 'saving' | 'saved';
export type ShownSaveState = SaveState | 'offline';

interface SaveStateValue {
  state: Accessor<ShownSaveState>;
  report: (state: ShownSaveState) => void;
}

const SaveStateContext = createContext<SaveStateValue>();

export function SaveStateProvider(props: { children: JSX.Element }) {
  const [reported, setReported] = createSignal<ShownSaveState>('idle');
  const [online, setOnline] = createSignal(navigator.onLine !== false);
  const up = () => setOnline(true);
  const down = () => setOnline(false);
  window.addEventListener('online', up);
  window.addEventListener('offline', down);
  onCleanup(() => {
    window.removeEventListener('online', up);
    window.removeEventListener('offline', down);
  });
  const value: SaveStateValue = {
    state: () => (online() ? reported() : 'offline'),
    report: setReported,
  };
  return <SaveStateContext.Provider value={value}>{props.children}</SaveStateContext.Provider>;
}

export function useSaveState(): SaveStateValue {
  const value = useContext(SaveStateContext);
  if (!value) throw new Error('useSaveState() needs a <SaveStateProvider> above it');
  return value;
}
