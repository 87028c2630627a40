import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runCli } from './cli.ts';

describe('the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rectify-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = (name: string) => ({ DATA_DIR: join(dir, name), DEMO: '1', NODE_ENV: 'test' });

  it('backs up an installation and restores it into a new one, audit chain intact', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await runCli(['seed-demo'], env('a'))).toBe(0);
      const file = join(dir, 'backup.tar.gz');
      expect(await runCli(['backup', file], env('a'))).toBe(0);
      expect(log.mock.calls.flat().join('\n')).toMatch(/backup written to .*blobs/);
      expect(await runCli(['restore', file], env('b'))).toBe(0);
      expect(await runCli(['verify-audit'], env('b'))).toBe(0);
      // A second restore into the now-full installation changes nothing and says why.
      expect(await runCli(['restore', file], env('b'))).toBe(1);
      expect(error.mock.calls.flat().join('\n')).toContain('not empty');
      expect(await runCli(['backup'], env('a'))).toBe(2);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  }, 120_000);

  it('creates the first administrator of a production install, who can then sign in', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const prod = { DATA_DIR: join(dir, 'prod'), NODE_ENV: 'production', DEMO: '0' };
    try {
      expect(
        await runCli(['create-admin', 'chief'], { ...prod, RECTIFY_ADMIN_PASSWORD: 'short' }),
      ).toBe(2);
      expect(
        await runCli(['create-admin', 'chief'], {
          ...prod,
          RECTIFY_ADMIN_PASSWORD: 'a-long-enough-secret',
        }),
      ).toBe(0);
      expect(
        await runCli(['create-admin', 'chief'], {
          ...prod,
          RECTIFY_ADMIN_PASSWORD: 'a-long-enough-secret',
        }),
      ).toBe(1);
      expect(await runCli(['verify-audit'], prod)).toBe(0);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
    const { startServer } = await import('./server.ts');
    const { loadConfig } = await import('./config.ts');
    const server = await startServer(loadConfig({ ...prod, PORT: '0' }), { log: () => {} });
    try {
      const r = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'chief', password: 'a-long-enough-secret' }),
      });
      expect(r.status).toBe(200);
      expect(((await r.json()) as { user: { isAdmin: boolean } }).user.isAdmin).toBe(true);
    } finally {
      await server.close();
    }
  }, 120_000);
});
