import postgres from 'postgres';

export type Sql = postgres.Sql<Record<string, never>>;
export type TransactionSql = postgres.TransactionSql<Record<string, never>>;
/** Either the pool or a transaction: functions that may run inside `sql.begin` take this. */
export type Db = Sql | TransactionSql;

export interface ConnectOptions {
  /** A postgres:// URL, or undefined together with `path` for a unix socket. */
  url?: string;
  /** Unix socket path (the embedded PGlite listens on one). */
  path?: string;
  max?: number;
  /** Application name shown in pg_stat_activity. */
  applicationName?: string;
}

/**
 * The one place a postgres.js client is made: camelCase in results and in
 * `sql(object)` helpers, quiet notices, bounded pool.
 */
export function connect(opts: ConnectOptions): Sql {
  const common = {
    max: opts.max ?? 10,
    transform: postgres.camel,
    onnotice: () => {},
    connection: { application_name: opts.applicationName ?? 'rectify' },
    idle_timeout: 30,
    // After the database went away, try again soon (at most every 2 s), so
    // saving resumes quickly once it is back (postgres.js waits up to 20 s).
    backoff: (attempt: number) => Math.min(0.25 * 2 ** attempt, 2),
  } as const;
  if (opts.path) {
    return postgres({ ...common, path: opts.path, username: 'postgres', database: 'postgres' });
  }
  if (!opts.url) throw new Error('connect() needs a url or a socket path');
  return postgres(opts.url, common);
}
