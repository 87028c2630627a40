import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('config', () => {
  it('runs on embedded defaults with nothing set', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.s3).toBeUndefined();
    expect(c.demo).toBe(true);
    expect(c.dataDir).toMatch(/data$/);
    expect(c.session.idleTimeoutMs).toBe(8 * 3600_000);
  });

  it('runs embedded PGlite on its own thread unless PGLITE_THREAD=inline', () => {
    expect(loadConfig({}).pgliteThread).toBe('worker');
    expect(loadConfig({ PGLITE_THREAD: 'inline' }).pgliteThread).toBe('inline');
    expect(() => loadConfig({ PGLITE_THREAD: 'main' })).toThrow(/PGLITE_THREAD="main"/);
  });

  it('never enables demo data in production or with DEMO=0', () => {
    expect(loadConfig({ NODE_ENV: 'production', DEMO: '1' }).demo).toBe(false);
    expect(loadConfig({ DEMO: '0' }).demo).toBe(false);
  });

  it('names the variable and the reason for a bad value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT="eighty"/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL.*postgres:\/\//);
    expect(() => loadConfig({ DEMO: 'maybe' })).toThrow(/DEMO/);
  });

  it('asks for the whole S3 set when part of it is given', () => {
    expect(() => loadConfig({ S3_ENDPOINT: 'http://127.0.0.1:9000' })).toThrow(
      /S3_BUCKET.*required/,
    );
    const c = loadConfig({
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_BUCKET: 'rectify',
      S3_ACCESS_KEY: 'a',
      S3_SECRET_KEY: 'b',
    });
    expect(c.s3?.bucket).toBe('rectify');
  });

  it('uses Redis for fan-out only when REDIS_URL is a redis:// URL', () => {
    expect(loadConfig({}).redisUrl).toBeUndefined();
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe(
      'redis://127.0.0.1:6379',
    );
    expect(loadConfig({ REDIS_URL: 'rediss://cache.internal:6380/2' }).redisUrl).toMatch(
      /^rediss:/,
    );
    expect(() => loadConfig({ REDIS_URL: '127.0.0.1:6379' })).toThrow(/REDIS_URL.*redis:\/\//);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });
});
