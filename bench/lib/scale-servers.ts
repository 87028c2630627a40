/**
 * What collab-scale and collab-tail run: the scenarios (clients per document)
 * and the servers under test, each started in a child process of its own
 * (lib/collab-peers.ts) with what it needs around it (a PGlite directory, a
 * PostgreSQL scratch database) and the processes whose CPU is its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forkOurs, forkPeer, type Target } from './collab-peers.ts';
import type { Layout } from './scale-session.ts';
import { createScratchDatabase } from './scratch-database.ts';

/**
 * `N`: N clients on one doc (`readers` measuring, up to `writers` writing,
 * the rest passive); `DxC`: D docs of C clients (per doc 1 writing, 1
 * reading, C − 2 passive).
 */
export function scenarioLayout(
  key: string,
  most: { writers: number; readers: number },
): { label: string; layout: Layout; manyDocs: boolean } {
  const multi = /^(\d+)x(\d+)$/.exec(key);
  if (multi) {
    const docs = Number(multi[1]);
    const per = Number(multi[2]);
    const layout = { docs, writers: 1, readers: 1, passive: per - 2 };
    return { label: `${docs} docs × ${per}`, layout, manyDocs: true };
  }
  const n = Number(key);
  if (!Number.isInteger(n) || n < 2) throw new Error(`bad scenario ${key}`);
  const readers = Math.min(most.readers, n - 1);
  const writers = Math.min(n - readers, most.writers);
  const layout = { docs: 1, writers, readers, passive: n - writers - readers };
  return { label: `1 doc × ${n}`, layout, manyDocs: false };
}

/** A server under test for one repetition: its target and the processes whose CPU is its own. */
export interface Running {
  target: Target;
  /** The database runs in processes of its own (PostgreSQL backends). */
  external?: boolean;
  pids: () => Promise<number[]>;
  done: () => Promise<void>;
}

export interface Contender {
  key: string;
  start(): Promise<Running>;
}

/** Other work our servers run on their database meanwhile (`SCALE_DB_LOAD_SQL`). */
type DbLoad = { sql: string; everyMs: number } | undefined;

function pglite(
  key: string,
  broadcast: 'after-commit' | 'before-commit',
  pgliteThread: 'worker' | 'inline',
  nodeFlags: string[] | undefined,
  dbLoad: DbLoad,
): Contender {
  return {
    key,
    async start() {
      const dir = mkdtempSync(join(tmpdir(), 'rectify-scale-'));
      const how = `${broadcast === 'after-commit' ? ', after-commit' : ''}${pgliteThread === 'inline' ? ', inline' : ''}`;
      const name = `ours (PGlite, disk${how}${flagsLabel(nodeFlags)})`;
      const target = await forkOurs(
        name,
        { dataDir: dir, pgliteThread, nodeFlags, dbLoad },
        broadcast,
      );
      return {
        target,
        pids: async () => [target.pid],
        async done() {
          await target.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  };
}

function postgres(
  key: string,
  url: string,
  nodeFlags: string[] | undefined,
  dbLoad: DbLoad,
): Contender {
  return {
    key,
    async start() {
      const scratch = await createScratchDatabase(url, 'rectify_scale');
      const name = `ours (PostgreSQL ${scratch.version}${flagsLabel(nodeFlags)})`;
      const target = await forkOurs(name, {
        databaseUrl: scratch.url,
        nodeFlags,
        dbLoad,
      });
      return {
        target,
        external: true,
        async pids() {
          const rows = await scratch.admin<{ pid: number }[]>`
            SELECT pid FROM pg_stat_activity WHERE datname = ${scratch.name}`;
          return [target.pid, ...rows.map((r) => r.pid)];
        },
        async done() {
          try {
            await target.close();
          } finally {
            await scratch.drop();
          }
        },
      };
    },
  };
}

/** Diagnostic: our server with no database (its acks mean "in memory"). */
function memory(key: string, nodeFlags?: string[]): Contender {
  return {
    key,
    async start() {
      const name = `ours (no database, diagnostic${flagsLabel(nodeFlags)})`;
      const target = await forkOurs(name, { memory: true, nodeFlags });
      return { target, pids: async () => [target.pid], done: () => target.close() };
    },
  };
}

function peer(key: 'y-websocket-server' | 'hocuspocus'): Contender {
  return {
    key,
    async start() {
      const target = await forkPeer(key);
      return { target, pids: async () => [target.pid], done: () => target.close() };
    },
  };
}

/**
 * The server named by `key`: ours-pglite (also -after: relaying only after
 * the commit; -inline: PGlite on the event loop), ours-pg, ours-memory,
 * y-websocket-server, hocuspocus; `ours-…+--flag+--other` starts ours with
 * those Node flags. `undefined` (said on stderr) for ours-pg without a URL.
 */
export function contender(
  key: string,
  options: { pgUrl: string; dbLoad?: DbLoad },
): Contender | undefined {
  const [base, ...flags] = key.split('+');
  const nodeFlags = flags.length > 0 ? flags : undefined;
  const { dbLoad } = options;
  if (base === 'ours-pglite') return pglite(key, 'before-commit', 'worker', nodeFlags, dbLoad);
  if (base === 'ours-pglite-after') return pglite(key, 'after-commit', 'worker', nodeFlags, dbLoad);
  if (base === 'ours-pglite-inline')
    return pglite(key, 'before-commit', 'inline', nodeFlags, dbLoad);
  if (base === 'ours-memory') return memory(key, nodeFlags);
  if (base === 'ours-pg') {
    if (options.pgUrl) return postgres(key, options.pgUrl, nodeFlags, dbLoad);
    console.error('ours-pg skipped: set TEST_DATABASE_URL or DATABASE_URL');
    return undefined;
  }
  if (key === 'y-websocket-server' || key === 'hocuspocus') return peer(key);
  throw new Error(`unknown server ${key}`);
}

function flagsLabel(nodeFlags: string[] | undefined): string {
  return nodeFlags ? `, ${nodeFlags.join(' ')}` : '';
}
