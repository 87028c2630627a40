import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const MAIN = join(ROOT, 'packages/server/src/main.ts');

export interface ServerProcess {
  readonly process: ChildProcess;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** What the process printed, for failure messages. */
  output(): string;
  /** SIGKILL: no flush, no goodbye. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM: the clean shutdown `main.ts` does on Ctrl-C. */
  stop(): Promise<void>;
}

/**
 * The real server (`packages/server/src/main.ts`, as `npm start` runs it) in
 * a child process on a port of its own and a DATA_DIR of its own (removed
 * when it ends), with `env` on top (DATABASE_URL, REDIS_URL, …). Resolves
 * once it says where it runs.
 */
export async function startServerProcess(
  env: Record<string, string>,
  options: { startTimeoutMs?: number; name?: string } = {},
): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rectify-node-'));
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      NODE_ENV: 'development',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const tag = options.name ? `[${options.name}] ` : '';
  const collect = (chunk: Buffer): void => {
    out += chunk.toString();
    if (process.env.SHOW_NODE_OUTPUT) process.stderr.write(`${tag}${chunk}`);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolveExit) =>
    child.once('exit', () => {
      rmSync(dataDir, { recursive: true, force: true });
      resolveExit();
    }),
  );
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${tag}server did not start in time:\n${out}`));
    }, options.startTimeoutMs ?? 60_000);
    const look = (): void => {
      const m = /Rectify is running at (http:\/\/\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout?.off('data', look);
      resolveUrl(m[1]!);
    };
    child.stdout?.on('data', look);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${tag}server exited with ${code} before listening:\n${out}`));
    });
  });
  const running = (): boolean => child.exitCode === null && child.signalCode === null;
  return {
    process: child,
    url,
    port: Number(new URL(url).port),
    output: () => out,
    async kill() {
      if (running()) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (running()) child.kill('SIGTERM');
      await exited;
    },
  };
}
