import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { startServer } from './server.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'rectify-srv-'));
  dirs.push(d);
  return d;
}

async function login(url: string, username: string, password = 'rectify-demo') {
  return fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

describe('the whole product on embedded defaults', () => {
  it('starts on an empty DATA_DIR, seeds the demo once, and keeps data across a restart', async () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir, PORT: '0' });
    const first = await startServer(config);
    try {
      expect(first.seeded).toBe(true);
      const health = await fetch(`${first.url}/api/health`);
      expect(health.status).toBe(200);
      expect(((await health.json()) as any).status).toBe('ok');

      const page = await fetch(`${first.url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<html lang="zh-CN"/);
      expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);

      const res = await login(first.url, 'member1');
      expect(res.status).toBe(200);
      const body = (await res.json()) as any;
      expect(body.token).toEqual(expect.any(String));
      expect(body.user.username).toBe('member1');

      const rounds = await fetch(`${first.url}/api/rounds`, {
        headers: { authorization: `Bearer ${body.token}` },
      });
      const list = (await rounds.json()) as any;
      expect(list).toHaveLength(1);
      const overview = await fetch(`${first.url}/api/rounds/${list[0].id}/overview`, {
        headers: { authorization: `Bearer ${body.token}` },
      });
      const o = (await overview.json()) as any;
      expect(o.groups.map((g: { name: string }) => g.name)).toEqual(['第一巡视组']);
      expect(o.groups[0].units).toBe(3);
      expect(o.groups[0].statementsSubmitted).toBeGreaterThan(0);
    } finally {
      await first.close();
    }

    const second = await startServer(config);
    try {
      expect(second.seeded).toBe(false);
      const [counts] = await second.db.sql<{ users: number; rounds: number; tasks: number }[]>`
        SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM rounds) AS rounds,
               (SELECT count(*)::int FROM tasks) AS tasks`;
      expect(counts).toEqual({ users: 6, rounds: 1, tasks: 30 });
      expect((await login(second.url, 'admin')).status).toBe(200);
    } finally {
      await second.close();
    }
  }, 120_000);

  it('creates no demo users with DEMO=0', async () => {
    const config = loadConfig({ DATA_DIR: dataDir(), PORT: '0', DEMO: '0' });
    const s = await startServer(config);
    try {
      expect(s.seeded).toBe(false);
      const [row] = await s.db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM users`;
      expect(row!.n).toBe(0);
      expect((await login(s.url, 'member1')).status).toBe(401);
    } finally {
      await s.close();
    }
  }, 60_000);

  it('refuses a second process on the same DATA_DIR with a clear message', async () => {
    const dir = dataDir();
    const a = await startServer(loadConfig({ DATA_DIR: dir, PORT: '0', DEMO: '0' }));
    try {
      // Same process pid would be taken as a stale lock; fake another live pid.
      const { writeFileSync } = await import('node:fs');
      writeFileSync(join(dir, 'rectify.lock'), String(process.ppid));
      await expect(
        startServer(loadConfig({ DATA_DIR: dir, PORT: '0', DEMO: '0' })),
      ).rejects.toThrow(/in use by another Rectify process/);
    } finally {
      await a.close();
    }
  }, 60_000);
});
