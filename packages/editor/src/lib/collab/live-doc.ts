import { CloseCode, SAVED_ACK_PARAM } from '@rectify/domain';
import * as decoding from 'lib0/decoding';
import { type Accessor, createSignal } from 'solid-js';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type PresenceUser, presentUsers } from './presence.ts';
import { type LiveSaveState, trackSaves } from './save-tracker.ts';

/** y-protocols' auth message: `varuint 2, varuint 0 (permission denied), varstring reason`. */
const MESSAGE_AUTH = 2;

export type Connection = 'connecting' | 'connected' | 'disconnected';

/** Why the server ended the live channel for good (a 44xx close), in the screen's terms. */
export type LiveEnd = 'forbidden' | 'unauthenticated' | 'notFound' | 'refused';

export function liveEndOf(code: number): LiveEnd {
  if (code === CloseCode.Forbidden) return 'forbidden';
  if (code === CloseCode.Unauthorized) return 'unauthenticated';
  if (code === CloseCode.NotFound) return 'notFound';
  return 'refused';
}

/**
 * One live document: a Y.Doc kept in step with the collab server, cached in
 * IndexedDB so edits not yet acknowledged survive a closed tab, with the
 * people here (awareness) and whether the server has stored what I did.
 */
export interface LiveDoc {
  readonly name: string;
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly awareness: WebsocketProvider['awareness'];
  readonly user: PresenceUser;
  connection: Accessor<Connection>;
  /** The server's state arrived at least once on some socket. */
  synced: Accessor<boolean>;
  /**
   * The first connection attempt is over (synced, or a socket closed). Before
   * that, "offline" only means "still connecting" and is not worth saying.
   */
  tried: Accessor<boolean>;
  save: Accessor<LiveSaveState>;
  ended: Accessor<LiveEnd | undefined>;
  /** The server said this socket may read but not write. */
  serverReadOnly: Accessor<boolean>;
  users: Accessor<PresenceUser[]>;
  destroy(): void;
}

export interface LiveDocOptions {
  name: string;
  user: PresenceUser;
  /** `ws(s)://host` of the collab server; defaults to this page's origin. */
  wsBase?: string;
  /** Keep a local copy in IndexedDB (off in tests: happy-dom has none). */
  persist?: boolean;
  WebSocketPolyfill?: typeof WebSocket;
}

export function defaultWsBase(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}`;
}

export function openLiveDoc(opts: LiveDocOptions): LiveDoc {
  const doc = new Y.Doc();
  const local = opts.persist === false ? undefined : new IndexeddbPersistence(opts.name, doc);
  // The browser sends the session cookie with the upgrade; no token in the URL.
  const provider = new WebsocketProvider(
    `${opts.wsBase ?? defaultWsBase()}/collab`,
    opts.name,
    doc,
    {
      params: { [SAVED_ACK_PARAM]: '1' },
      ...(opts.WebSocketPolyfill ? { WebSocketPolyfill: opts.WebSocketPolyfill } : {}),
    },
  );
  // Created before the socket opens, so it counts every write frame from the start.
  const tracker = trackSaves(provider, doc);

  const [connection, setConnection] = createSignal<Connection>('connecting');
  const [synced, setSynced] = createSignal(false);
  const [tried, setTried] = createSignal(false);
  const [save, setSave] = createSignal<LiveSaveState>(tracker.state());
  const [ended, setEnded] = createSignal<LiveEnd>();
  const [serverReadOnly, setServerReadOnly] = createSignal(false);
  const [users, setUsers] = createSignal<PresenceUser[]>([]);

  provider.on('status', ({ status }) => setConnection(status));
  provider.on('sync', (isSynced: boolean) => {
    if (isSynced) setSynced(true);
    setTried(true);
  });
  provider.on('connection-close', () => setTried(true));
  provider.on('closed', ({ code }) => setEnded(liveEndOf(code)));
  tracker.on(setSave);

  // A read-only socket is told so with an auth message; anything else it says is a refusal.
  provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder) => {
    try {
      const kind = decoding.readVarUint(decoder);
      const reason = decoding.readVarString(decoder);
      if (kind === 0 && /read.?only/i.test(reason)) setServerReadOnly(true);
      else if (kind === 0) setEnded('forbidden');
    } catch {
      decoder.pos = decoder.arr.length;
    }
  };

  const awareness = provider.awareness;
  const onAwareness = () => setUsers(presentUsers(awareness.getStates(), opts.user.id));
  awareness.on('change', onAwareness);
  awareness.setLocalStateField('user', opts.user);
  onAwareness();

  return {
    name: opts.name,
    doc,
    provider,
    awareness,
    user: opts.user,
    connection,
    synced,
    tried,
    save,
    ended,
    serverReadOnly,
    users,
    destroy() {
      awareness.off('change', onAwareness);
      tracker.destroy();
      provider.destroy();
      void local?.destroy();
      doc.destroy();
    },
  };
}
