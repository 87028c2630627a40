import { type ChildProcess, fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BroadcastTiming } from '../room.ts';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'collab-child.ts');

export interface CollabChild {
  readonly process: ChildProcess;
  /** `ws://127.0.0.1:<port>`, to which the stock client appends `/collab`. */
  readonly base: string;
  /** SIGKILL: no flush, no goodbye. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** Clean shutdown (flush, compact, close the database). */
  close(): Promise<void>;
  /** Transactions committed and updates they carried, since the start. */
  stats(): Promise<{ commits: number; updates: number }>;
}

export interface CollabChildOptions {
  /** One of the two: a PostgreSQL URL, or a directory for embedded PGlite. */
  readonly databaseUrl?: string;
  readonly dataDir?: string;
  /** Or neither: no database, updates kept in memory (a bench diagnostic). */
  readonly memory?: boolean;
  readonly broadcast?: BroadcastTiming;
  /** Embedded PGlite on its own thread (default) or on the server's event loop. */
  readonly pgliteThread?: 'worker' | 'inline';
  /** A query the child runs on its database every `everyMs` (other work beside the edits). */
  readonly dbLoad?: { readonly sql: string; readonly everyMs: number };
  /** Node flags for the child; default `SERVER_NODE_FLAGS` (see `nodeFlags`). */
  readonly nodeFlags?: readonly string[];
  /** Default 60 s: a first PGlite start creates its cluster. */
  readonly startTimeoutMs?: number;
}

/**
 * Extra Node flags for the child from `SERVER_NODE_FLAGS` (space-separated,
 * e.g. `--trace-gc` or `--cpu-prof`, which NODE_OPTIONS does not allow).
 */
export function nodeFlags(): string[] {
  return (process.env.SERVER_NODE_FLAGS ?? '').split(' ').filter(Boolean);
}

/** Starts `collab-child.ts` under tsx and waits until it listens. */
export async function forkCollabChild(options: CollabChildOptions): Promise<CollabChild> {
  const child = fork(CHILD, [], {
    execArgv: ['--import', 'tsx', ...(options.nodeFlags ?? nodeFlags())],
    env: {
      ...process.env,
      COLLAB_DATABASE_URL: options.databaseUrl ?? '',
      COLLAB_DATA_DIR: options.dataDir ?? '',
      COLLAB_STORE: options.memory ? 'memory' : '',
      COLLAB_BROADCAST: options.broadcast ?? 'before-commit',
      COLLAB_PGLITE_THREAD: options.pgliteThread ?? 'worker',
      COLLAB_DB_LOAD_SQL: options.dbLoad?.sql ?? '',
      COLLAB_DB_LOAD_EVERY_MS: String(options.dbLoad?.everyMs ?? 1000),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('collab child did not start in time'));
    }, options.startTimeoutMs ?? 60_000);
    child.once('message', (message: unknown) => {
      clearTimeout(timer);
      resolve((message as { port: number }).port);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`collab child exited with ${code} before listening`));
    });
  });
  return {
    process: child,
    base: `ws://127.0.0.1:${port}`,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.send('close');
      await exited;
    },
    stats() {
      return new Promise((resolve) => {
        const listen = (message: unknown): void => {
          const stats = (message as { stats?: { commits: number; updates: number } }).stats;
          if (!stats) return;
          child.off('message', listen);
          resolve(stats);
        };
        child.on('message', listen);
        child.send('stats');
      });
    },
  };
}
