/**
 * The collab servers the benches run, each alone in a child process so its
 * CPU is its own: ours on the production path (collab-child.ts) and the two
 * peers (peer-server.ts). Clients reach them through a `Target`.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BroadcastTiming } from '../../packages/collab/src/room.ts';
import { forkCollabChild, nodeFlags } from '../../packages/collab/src/testing/collab-process.ts';

export const PEERS = {
  'y-websocket-server': '@y/websocket-server 0.1.1',
  hocuspocus: '@hocuspocus/server 3.4.4',
} as const;
export type PeerKind = keyof typeof PEERS;

export interface Target {
  name: string;
  /** Base URL; clients append `/collab/<doc>` (ours, y-websocket-server) or `/` (Hocuspocus). */
  base: string;
  pid: number;
  protocol: 'y-websocket' | 'hocuspocus';
  /** Ours: the durable "saved" ack is asked for with `?acks=1`. */
  ours: boolean;
  close(): Promise<void>;
}

const PEER_SERVER = join(dirname(fileURLToPath(import.meta.url)), 'peer-server.ts');

/** Starts a peer server in a child process and waits until it listens. */
export async function forkPeer(kind: PeerKind): Promise<Target> {
  const child: ChildProcess = fork(PEER_SERVER, [kind], {
    execArgv: ['--import', 'tsx', ...nodeFlags()],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`${kind} exited with ${code}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name: PEERS[kind],
    base: `ws://127.0.0.1:${port}`,
    pid: child.pid as number,
    protocol: kind === 'hocuspocus' ? 'hocuspocus' : 'y-websocket',
    ours: false,
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.send('close');
      await exited;
    },
  };
}

/** Our collab server (openDatabase + migrations + PgDocStore, group commit) in a child process. */
export async function forkOurs(
  name: string,
  where: {
    dataDir?: string;
    databaseUrl?: string;
    memory?: boolean;
    pgliteThread?: 'worker' | 'inline';
    nodeFlags?: readonly string[];
    dbLoad?: { sql: string; everyMs: number };
  },
  broadcast: BroadcastTiming = 'before-commit',
): Promise<Target> {
  const child = await forkCollabChild({ ...where, broadcast, startTimeoutMs: 120_000 });
  return {
    name,
    base: child.base,
    pid: child.process.pid as number,
    protocol: 'y-websocket',
    ours: true,
    close: () => child.close(),
  };
}

const TICKS_PER_SECOND = 100; // Linux USER_HZ

/** CPU seconds (user + system) a process has used, from /proc; 0 once it is gone. */
export function cpuSeconds(pid: number): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0;
  }
  const fields = stat.split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}
