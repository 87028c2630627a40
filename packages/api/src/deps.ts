import type { BlobStore, Sql } from '@rectify/store';

/** Everything the API needs from the process that hosts it. */
export interface ApiDeps {
  sql: Sql;
  blobs: BlobStore;
  version: string;
  /** Injected so tests can move time (session timeouts, rate limits). */
  clock: () => Date;
  auth: AuthSettings;
}

export interface AuthSettings {
  /** A session unused this long ends (default 8 h). */
  idleTimeoutMs: number;
  /** A session ends this long after login whatever happens (default 7 days). */
  absoluteTimeoutMs: number;
  /** Mark the cookie Secure (behind HTTPS). */
  secureCookies: boolean;
  /** Failed logins allowed per username and per address within the window. */
  maxFailures: number;
  failureWindowMs: number;
}

export const DEFAULT_AUTH: AuthSettings = {
  idleTimeoutMs: 8 * 3600_000,
  absoluteTimeoutMs: 7 * 24 * 3600_000,
  secureCookies: false,
  maxFailures: 10,
  failureWindowMs: 15 * 60_000,
};
