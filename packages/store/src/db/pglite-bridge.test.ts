import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connect, type Sql } from './client.ts';
import { type PgliteBridge, servePglite } from './pglite-bridge.mjs';

let db: PGlite;
let bridge: PgliteBridge;
let dir: string;
let path: string;
const clients: Sql[] = [];

function client(): Sql {
  const sql = connect({ path, max: 1 });
  clients.push(sql);
  return sql;
}

// One database for the file (PGlite takes a second or two to start); each test gets an empty table.
beforeAll(async () => {
  db = await PGlite.create();
  dir = mkdtempSync(join(tmpdir(), 'rectify-bridge-'));
  path = join(dir, '.s.PGSQL.5432');
  bridge = await servePglite(db, { path, maxConnections: 3 });
  await db.exec('CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL)');
});

beforeEach(async () => {
  await db.exec('TRUNCATE notes RESTART IDENTITY');
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((sql) => sql.end({ timeout: 1 })));
  await until(() => bridge.connections() === 0);
});

afterAll(async () => {
  await bridge.stop();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const bodies = async (sql: Sql) =>
  (await sql<{ body: string }[]>`SELECT body FROM notes ORDER BY id`).map((r) => r.body);

/** The wire protocol by hand, for clients postgres.js would never be. */
function startupMessage(): Buffer {
  const params = 'user\0postgres\0database\0postgres\0\0';
  const msg = Buffer.alloc(8 + params.length);
  msg.writeInt32BE(msg.length, 0);
  msg.writeInt32BE(196608, 4);
  msg.write(params, 8);
  return msg;
}

function message(type: string, body: Buffer): Buffer {
  const msg = Buffer.alloc(5 + body.length);
  msg.write(type, 0);
  msg.writeInt32BE(4 + body.length, 1);
  body.copy(msg, 5);
  return msg;
}

const query = (text: string): Buffer => message('Q', Buffer.from(`${text}\0`));

async function rawConnection(): Promise<{ socket: Socket; received: () => string }> {
  const socket = createConnection(path);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  let seen = '';
  socket.on('data', (d: Buffer) => {
    seen += d.toString('latin1');
  });
  return { socket, received: () => seen };
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('the socket between postgres.js and the embedded PGlite', () => {
  it('answers pipelined queries from one connection in order, each with its own result', async () => {
    const sql = client();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => sql<{ n: number }[]>`SELECT ${i}::int AS n`),
    );
    expect(results.map((rows) => rows[0]?.n)).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it('reports a failing statement as a database error, and the connection goes on', async () => {
    const sql = client();
    await expect(
      sql`INSERT INTO notes (body) VALUES (${null as unknown as string})`,
    ).rejects.toMatchObject(
      { code: '23502' }, // not_null_violation
    );
    await expect(sql`SELECT * FROM no_such_table`).rejects.toMatchObject({ code: '42P01' });
    await sql`INSERT INTO notes (body) VALUES ('整改')`;
    expect(await bodies(sql)).toEqual(['整改']);
  });

  it('carries a message larger than one socket read intact', async () => {
    const sql = client();
    const big = '证'.repeat(3_000_000); // 9 MB of UTF-8: many reads on the way in and out
    await sql`INSERT INTO notes (body) VALUES (${big})`;
    const [row] = await sql<{ body: string }[]>`SELECT body FROM notes`;
    expect(row?.body.length).toBe(big.length);
    expect(row?.body === big).toBe(true);
  });

  it("keeps another connection's statements out of an open transaction", async () => {
    const a = client();
    const b = client();
    await b`SELECT 1`; // both connected
    let bDone = false;
    let bWrite: Promise<unknown> | undefined;
    await expect(
      a.begin(async (tx) => {
        await tx`INSERT INTO notes (body) VALUES ('a, rolled back')`;
        bWrite = b`INSERT INTO notes (body) VALUES ('b')`.then(() => {
          bDone = true;
        });
        await new Promise((resolve) => setTimeout(resolve, 100));
        // b waits for a's turn to end: it has not run inside a's transaction.
        expect(bDone).toBe(false);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await bWrite;
    expect(await bodies(b)).toEqual(['b']);
  });

  it('rolls back the transaction of a connection that goes away inside it, and serves the rest', async () => {
    const raw = await rawConnection();
    raw.socket.write(
      Buffer.concat([startupMessage(), query("BEGIN; INSERT INTO notes (body) VALUES ('lost')")]),
    );
    // ReadyForQuery with status T: inside the transaction.
    await until(() => raw.received().includes('Z\0\0\0\x05T'));
    const other = client();
    const write = other`INSERT INTO notes (body) VALUES ('kept')`;
    raw.socket.destroy();
    await write;
    expect(await bodies(other)).toEqual(['kept']);
  });

  it('ends the half-done exchange of a connection that goes away mid-way, so the next is heard', async () => {
    const raw = await rawConnection();
    // A Parse that fails and no Sync: PostgreSQL now skips messages until a Sync.
    const parse = message('P', Buffer.concat([Buffer.from('\0SELEC broken\0'), Buffer.alloc(2)]));
    raw.socket.write(Buffer.concat([startupMessage(), parse]));
    await until(() => raw.received().includes('SELEC'));
    const other = client();
    const answer = other`SELECT 4 AS n`;
    raw.socket.destroy();
    expect(await answer).toEqual([{ n: 4 }]);
  });

  it('turns away connections past maxConnections and keeps serving the others', async () => {
    const sqls = [client(), client(), client()];
    await Promise.all(sqls.map((sql) => sql`SELECT 1`));
    expect(bridge.connections()).toBe(3);
    const fourth = createConnection(path);
    await new Promise<void>((resolve) => fourth.once('close', () => resolve()));
    expect(await (sqls[0] as Sql)`SELECT 2 AS n`).toEqual([{ n: 2 }]);
  });

  it('answers garbage before the startup message by closing that socket only', async () => {
    const raw = createConnection(path);
    const closed = new Promise<void>((resolve) => raw.once('close', () => resolve()));
    raw.write(Buffer.from([0, 0, 0, 8, 1, 2, 3, 4, 9, 9, 9]));
    await closed;
    expect(await client()`SELECT 3 AS n`).toEqual([{ n: 3 }]);
  });
});
