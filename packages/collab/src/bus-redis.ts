import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import {
  type AccessRevokedEvent,
  type AccessRevokedListener,
  type CollabBus,
  type DocBusEvent,
  type DocBusListener,
  decodeBusMessage,
  encodeBusMessage,
  type WireEvent,
} from './bus.ts';
import { type CollabLog, consoleLog } from './log.ts';

export interface RedisBusOptions {
  /** `redis://…` or `rediss://…`. */
  readonly url: string;
  /** Prefix of every channel and key, so installations can share one Redis (default `rectify:collab:`). */
  readonly prefix?: string;
  readonly log?: CollabLog;
  /** How long revocations are kept for nodes that were cut off when they happened (default 1 h). */
  readonly revocationsKeptMs?: number;
  /** Longest wait between reconnection attempts (default 2 s). */
  readonly maxReconnectDelayMs?: number;
}

export interface RedisBus extends CollabBus {
  /** This node's id, carried in every message so it can drop its own echoes. */
  readonly nodeId: string;
  /** Both connections up and every subscription live. */
  readonly connected: boolean;
  /** Resolves once `connected` (for tests and start-up logs). */
  ready(): Promise<void>;
}

/** Revocations read back after an outage start this much before it, for clock skew between nodes. */
const REPLAY_MARGIN_MS = 60_000;

/**
 * The bus over Redis pub/sub: one publisher and one subscriber connection per
 * node, one channel per open doc (`<prefix>doc:<docName>`, subscribed while
 * the doc's room is open) and one for revocations. Every message carries the
 * sender's node id; a node drops its own.
 *
 * Pub/sub loses what is sent while a connection is down, so the bus tracks
 * outages. When both connections are back (and every channel subscribed
 * again), it (1) delivers `resync` to every doc open here, which reloads it
 * from the store and applies what is missing (updates the other nodes
 * committed meanwhile), (2) publishes `resync` on each of those docs' channels,
 * so the other nodes reload them too (updates this node committed meanwhile,
 * which they never heard of), and (3) replays revocations: each one is also
 * kept in a sorted set for `revocationsKeptMs`, read back from shortly before
 * the outage began, and delivered as `replayed`; revocations made here while
 * Redis was down are sent then. Nothing lives only in one node's memory:
 * updates are in the store before they are published, revocations in Redis
 * (and in the database, where authentication reads them).
 */
export function createRedisBus(options: RedisBusOptions): RedisBus {
  const log = options.log ?? consoleLog;
  const prefix = options.prefix ?? 'rectify:collab:';
  const revokedChannel = `${prefix}revoked`;
  const revokedLog = `${prefix}revoked-log`;
  const keptMs = options.revocationsKeptMs ?? 3_600_000;
  const nodeId = randomUUID();
  const maxDelay = options.maxReconnectDelayMs ?? 2000;
  const connection = (role: string): Redis =>
    new Redis(options.url, {
      connectionName: `rectify-${role}-${nodeId.slice(0, 8)}`,
      // Nothing queued while down: updates are caught up from the store
      // instead, revocations are kept below.
      enableOfflineQueue: false,
      autoResubscribe: false,
      maxRetriesPerRequest: 1,
      retryStrategy: (times) => Math.min(times * 100, maxDelay),
    });
  const pub = connection('pub');
  const sub = connection('sub');
  const docs = new Map<string, Set<DocBusListener>>();
  const revokedListeners = new Set<AccessRevokedListener>();
  /** Revocations made while the publisher was down. */
  const pendingRevocations = new Set<string>();
  /** Channels subscribed on the current subscriber connection. */
  const live = new Set<string>();
  /** When the last outage began; set at start, since nothing was subscribed before. */
  let lostAt: number | undefined = Date.now();
  let closed = false;
  let recovering = false;
  /** One error line per outage, not one per reconnection attempt. */
  let errorLogged = false;
  const waiting = new Set<() => void>();

  const docChannel = (docName: string): string => `${prefix}doc:${docName}`;
  const docOf = (channel: string): string | undefined =>
    channel.startsWith(`${prefix}doc:`) ? channel.slice(prefix.length + 4) : undefined;
  const isConnected = (): boolean =>
    pub.status === 'ready' && sub.status === 'ready' && lostAt === undefined;

  const lost = (): void => {
    if (closed) return;
    if (lostAt === undefined) {
      lostAt = Date.now();
      log('warn', 'lost Redis: each node serves its own clients until it is back', {
        docs: docs.size,
      });
    }
  };
  for (const [name, client] of [
    ['publisher', pub],
    ['subscriber', sub],
  ] as const) {
    client.on('error', (error: Error) => {
      if (closed || errorLogged) return;
      errorLogged = true;
      log('warn', `Redis ${name} error (retrying)`, { error: error.message });
    });
    client.on('close', lost);
  }
  sub.on('close', () => live.clear());
  sub.on('ready', () => void resubscribe());
  pub.on('ready', () => void recover());

  sub.on('messageBuffer', (channelBytes: Buffer, message: Buffer) => {
    const channel = channelBytes.toString();
    const decoded = decodeBusMessage(message);
    if (!decoded) {
      log('warn', 'dropped a message Redis carried that is not ours', { channel });
      return;
    }
    if (decoded.node === nodeId) return;
    const { event } = decoded;
    if (channel === revokedChannel) {
      if (event.kind === 'revoked') deliverRevoked(event.userId, false);
      return;
    }
    const docName = docOf(channel);
    if (docName === undefined || event.kind === 'revoked') return;
    deliver(docName, event);
  });

  function deliver(docName: string, event: DocBusEvent): void {
    for (const listener of docs.get(docName) ?? []) {
      try {
        listener(event);
      } catch (error) {
        log('error', 'a bus listener failed', { docName, kind: event.kind, error });
      }
    }
  }

  function deliverRevoked(userId: string, replayed: boolean): void {
    for (const listener of revokedListeners) {
      try {
        listener({ userId }, replayed);
      } catch (error) {
        log('error', 'an access-revoked listener failed', { userId, error });
      }
    }
  }

  function send(channel: string, event: WireEvent): Promise<unknown> {
    return pub.publish(channel, Buffer.from(encodeBusMessage(nodeId, event)));
  }

  async function subscribeChannels(channels: string[]): Promise<boolean> {
    if (channels.length === 0) return true;
    try {
      await sub.subscribe(...channels);
      for (const c of channels) live.add(c);
      return true;
    } catch {
      return false; // the connection dropped: `lost` and the next `ready` take over
    }
  }

  async function resubscribe(): Promise<void> {
    const channels = [revokedChannel, ...[...docs.keys()].map(docChannel)];
    if (await subscribeChannels(channels)) await recover();
  }

  /** Once both connections are up and every channel live again: resync docs, replay revocations. */
  async function recover(): Promise<void> {
    if (closed || recovering || lostAt === undefined) return;
    if (pub.status !== 'ready' || sub.status !== 'ready' || !live.has(revokedChannel)) return;
    recovering = true;
    try {
      const since = lostAt;
      const missing = [...docs.keys()].map(docChannel).filter((c) => !live.has(c));
      if (!(await subscribeChannels(missing))) return;
      lostAt = undefined;
      errorLogged = false;
      const names = [...docs.keys()];
      if (since !== undefined && names.length > 0) {
        log('warn', 'Redis is back: reloading open documents from the store', {
          docs: names.length,
        });
      }
      for (const docName of names) {
        deliver(docName, { kind: 'resync' });
        send(docChannel(docName), { kind: 'resync' }).catch(lost);
      }
      for (const userId of [...pendingRevocations]) {
        pendingRevocations.delete(userId);
        sendRevocation(userId);
      }
      const replay = await pub
        .zrangebyscore(revokedLog, since - REPLAY_MARGIN_MS, '+inf')
        .catch(() => [] as string[]);
      for (const userId of replay) deliverRevoked(userId, true);
      for (const resolve of [...waiting]) resolve();
    } finally {
      recovering = false;
    }
    // Lost again while recovering: try once more when the connection says ready.
    if (lostAt !== undefined && pub.status === 'ready' && sub.status === 'ready') void recover();
  }

  function sendRevocation(userId: string): void {
    const now = Date.now();
    pub
      .multi()
      .zadd(revokedLog, now, userId)
      .zremrangebyscore(revokedLog, '-inf', now - keptMs)
      .publish(revokedChannel, Buffer.from(encodeBusMessage(nodeId, { kind: 'revoked', userId })))
      .exec()
      .catch(() => {
        pendingRevocations.add(userId);
        lost();
      });
  }

  return {
    nodeId,
    get connected() {
      return isConnected();
    },
    ready() {
      if (isConnected()) return Promise.resolve();
      return new Promise((resolve) => {
        const done = (): void => {
          waiting.delete(done);
          resolve();
        };
        waiting.add(done);
      });
    },
    publish(docName, event) {
      if (closed || !isConnected()) return; // caught up by `resync` when Redis is back
      send(docChannel(docName), event).catch(lost);
    },
    async subscribe(docName, listener) {
      const set = docs.get(docName) ?? new Set();
      docs.set(docName, set);
      set.add(listener);
      const channel = docChannel(docName);
      if (sub.status === 'ready' && !live.has(channel)) {
        if (!(await subscribeChannels([channel]))) lost();
      }
      return () => {
        const current = docs.get(docName);
        if (!current?.delete(listener) || current.size > 0) return;
        docs.delete(docName);
        live.delete(channel);
        if (sub.status === 'ready') sub.unsubscribe(channel).catch(() => {});
      };
    },
    publishAccessRevoked({ userId }: AccessRevokedEvent) {
      if (closed) return;
      if (pub.status !== 'ready') {
        pendingRevocations.add(userId);
        return;
      }
      sendRevocation(userId);
    },
    onAccessRevoked(listener) {
      revokedListeners.add(listener);
      return () => revokedListeners.delete(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      docs.clear();
      revokedListeners.clear();
      for (const resolve of [...waiting]) resolve();
      await Promise.all(
        [pub, sub].map((c) =>
          c.status === 'ready' ? c.quit().catch(() => c.disconnect()) : c.disconnect(),
        ),
      );
    },
  };
}
