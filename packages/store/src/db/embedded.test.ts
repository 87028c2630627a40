import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stallDuring } from '../testing/stall.ts';
import { connect } from './client.ts';
import { type EmbeddedThread, startEmbeddedPostgres } from './embedded.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rectify-embedded-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs a query of about a second on a fresh embedded database and returns the
 * longest time this event loop went without running a 5 ms timer meanwhile.
 */
async function longestStallDuringLongQuery(thread: EmbeddedThread): Promise<number> {
  const embedded = await startEmbeddedPostgres({ maxConnections: 2, thread });
  const sql = connect({ path: embedded.socketPath, max: 1 });
  try {
    await sql`SELECT 1`;
    const { took, longest } = await stallDuring(
      () => sql`SELECT count(*) FROM generate_series(1, 2000000)`,
    );
    expect(took).toBeGreaterThan(300); // long enough to tell the two apart
    return longest / took;
  } finally {
    await sql.end({ timeout: 5 });
    await embedded.stop();
  }
}

describe('embedded PostgreSQL (PGlite)', () => {
  it('runs queries on a thread of its own: a long query leaves this event loop free', async () => {
    // Share of the query's time during which no 5 ms timer could run here.
    expect(await longestStallDuringLongQuery('worker')).toBeLessThan(0.4);
  }, 60_000);

  it('inline, on this event loop, the same query holds it (the measure above can see a stall)', async () => {
    expect(await longestStallDuringLongQuery('inline')).toBeGreaterThan(0.6);
  }, 60_000);

  it('keeps what was written on disk across a stop and a new start', async () => {
    const dataDir = tempDir();
    const first = await startEmbeddedPostgres({ dataDir, maxConnections: 2 });
    const a = connect({ path: first.socketPath, max: 1 });
    await a`CREATE TABLE kept (note text)`;
    await a`INSERT INTO kept VALUES ('整改台账')`;
    await a.end();
    await first.stop();
    await first.stop(); // a second stop is a no-op

    const second = await startEmbeddedPostgres({ dataDir, maxConnections: 2 });
    const b = connect({ path: second.socketPath, max: 1 });
    try {
      expect(await b`SELECT note FROM kept`).toEqual([{ note: '整改台账' }]);
    } finally {
      await b.end();
      await second.stop();
    }
  }, 60_000);

  it('a data directory it cannot open is refused with a message, not left hanging', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'PG_VERSION'), '99\n');
    await expect(startEmbeddedPostgres({ dataDir, maxConnections: 2 })).rejects.toThrow(
      /embedded database did not start/,
    );
  }, 60_000);
});
