// Types of pglite-bridge.mjs (plain JavaScript, since it also runs in the worker thread).
import type { PGlite } from '@electric-sql/pglite';

export interface PgliteBridge {
  /** Closes every connection (a transaction left open is rolled back) and the socket. */
  stop(): Promise<void>;
  /** Connections open now. */
  connections(): number;
}

export function servePglite(
  db: PGlite,
  options: { path: string; maxConnections: number; onError?: (error: unknown) => void },
): Promise<PgliteBridge>;
