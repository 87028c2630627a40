import type { BlobStore, Sql } from '@rectify/store';

/** Everything the API needs from the process that hosts it. */
export interface ApiDeps {
  sql: Sql;
  blobs: BlobStore;
  version: string;
  /** Injected so tests can move time (session timeouts, rate limits). */
  clock: () => Date;
  auth: AuthSettings;
  /**
   * The address users reach the product at (PUBLIC_URL), when it differs from
   * the Host a request arrives with (behind a proxy): its origin is allowed
   * for cookie-authenticated changes and websocket upgrades.
   */
  publicUrl?: string;
  /** Largest evidence upload in bytes (default 200 MB). */
  maxUploadBytes?: number;
  /**
   * Called after a change that takes access away from a user has committed
   * (disabled, password reset or changed, membership removed, recused, admin
   * rights or a group's unit taken away), so the host can close that user's
   * live sockets; they reconnect through the policy again. Errors are logged,
   * never surfaced: the change itself has already happened.
   */
  onAccessRevoked?: (event: AccessRevoked) => void | Promise<void>;
  /**
   * Called after what a live document allows changed for everyone on it (a
   * report issued: its texts become read-only), so the host closes the
   * document's sockets and its clients reconnect through the policy again.
   */
  onDocAccessChanged?: (docName: string) => void | Promise<void>;
}

export type AccessRevokedReason =
  | 'user_disabled'
  | 'admin_removed'
  | 'password_reset'
  | 'password_changed'
  | 'membership_removed'
  | 'group_deleted'
  | 'unit_reassigned'
  | 'recused'
  | 'round_closed';

export interface AccessRevoked {
  userId: string;
  reason: AccessRevokedReason;
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
