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
});
