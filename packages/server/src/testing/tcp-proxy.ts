import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';

export interface TcpProxy {
  /** The port to point a client (a node's DATABASE_URL, REDIS_URL, a websocket) at. */
  readonly port: number;
  /** Drops every connection and refuses new ones: the service looks down. */
  cut(): void;
  /** Accepts connections again. */
  restore(): void;
  /** Sends new connections to another port (a load balancer moving off a dead node). */
  retarget(port: number): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy the test controls, between one client and a shared service, so
 * a test can take PostgreSQL or Redis away from one server node without
 * stopping the real service under the other tests running at the same time.
 */
export async function startTcpProxy(targetPort: number, host = '127.0.0.1'): Promise<TcpProxy> {
  let target = targetPort;
  let down = false;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = tcpConnect(target, host);
    const pair = [client, upstream];
    for (const s of pair) {
      open.add(s);
      s.on('error', () => {});
      s.on('close', () => {
        open.delete(s);
        for (const other of pair) other.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy has no port');
  return {
    port: address.port,
    cut() {
      down = true;
      for (const s of open) s.destroy();
    },
    restore() {
      down = false;
    },
    retarget(port) {
      target = port;
    },
    async close() {
      down = true;
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** `url` with its port (and host) swapped for the proxy's. */
export function throughProxy(url: string, proxy: TcpProxy): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(proxy.port);
  return u.toString();
}

/** The port a URL names, with the protocol's default. */
export function portOf(url: string): number {
  const u = new URL(url);
  if (u.port) return Number(u.port);
  return u.protocol.startsWith('redis') ? 6379 : 5432;
}
