import { hashPassword } from '@rectify/api';
import {
  appendAudit,
  backup,
  migrate,
  openDatabase,
  restore,
  type Sql,
  verifyAudit,
} from '@rectify/store';
import { ConfigError, loadConfig } from './config.ts';
import { seedDemo } from './seed/seed-demo.ts';
import { openBlobStore } from './server.ts';

const HELP = `Rectify command line (npm run cli -- <command>)

  migrate        apply pending database migrations and exit
  seed-demo      create the demo round and accounts (only into an empty database)
  verify-audit   check the audit log's hash chain; exits 1 and names the first bad row
  create-admin USERNAME
                 create an administrator (the first one of a production install);
                 the password comes from RECTIFY_ADMIN_PASSWORD or the first line of stdin
  backup FILE    write the database and every blob to FILE (a .tar.gz), consistently,
                 while the server keeps running
  restore FILE   rebuild a new, empty installation from a backup FILE
  help           this text

Configuration comes from the environment, as for npm start (see README.md).`;

/** Runs one CLI command; returns the process exit code. */
export async function runCli(argv: string[], env = process.env): Promise<number> {
  const command = argv[0] ?? 'help';
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP);
    return 0;
  }
  if (
    !['migrate', 'seed-demo', 'verify-audit', 'backup', 'restore', 'create-admin'].includes(command)
  ) {
    console.error(`Unknown command "${command}".\n\n${HELP}`);
    return 2;
  }
  const file = argv[1];
  if ((command === 'backup' || command === 'restore' || command === 'create-admin') && !file) {
    console.error(`Usage: npm run cli -- ${command} FILE`);
    return 2;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 2,
  });
  try {
    if (command === 'migrate') {
      const r = await migrate(db.sql);
      console.log(r.applied.length ? `applied: ${r.applied.join(', ')}` : 'already up to date');
      console.log(`schema version ${r.current}`);
      return 0;
    }
    if (command === 'seed-demo') {
      await migrate(db.sql);
      const blobs = await openBlobStore(config);
      const seeded = await seedDemo(db.sql, blobs);
      console.log(seeded ? 'demo data created' : 'the database already has users: nothing seeded');
      return 0;
    }
    if (command === 'create-admin') {
      return await createAdmin(db.sql, file!, env);
    }
    if (command === 'backup') {
      const blobs = await openBlobStore(config);
      const m = await backup(db.sql, blobs, file!);
      const rows = m.tables.reduce((n, t) => n + t.rows, 0);
      console.log(
        `backup written to ${file}: ${rows} rows in ${m.tables.length} tables, ${m.blobs} blobs (schema ${m.schemaVersion})`,
      );
      return 0;
    }
    if (command === 'restore') {
      await migrate(db.sql);
      const blobs = await openBlobStore(config);
      try {
        const m = await restore(db.sql, blobs, file!);
        console.log(
          `restored ${file} (made ${m.createdAt}): ${m.tables.length} tables, ${m.blobs} blobs`,
        );
        return 0;
      } catch (e) {
        console.error(
          `restore failed, nothing was changed: ${e instanceof Error ? e.message : String(e)}`,
        );
        return 1;
      }
    }
    const r = await verifyAudit(db.sql);
    if (r.ok) {
      console.log(`audit log verified: ${r.checked} rows, chain intact`);
      return 0;
    }
    console.error(
      `audit log BROKEN at row seq=${r.firstBad!.seq}: ${r.firstBad!.reason} (${r.checked} rows before it verified)`,
    );
    return 1;
  } finally {
    await db.close();
  }
}

const MIN_PASSWORD = 10;

/** Reads the first line of standard input (a password piped in or typed). */
async function firstLineOfStdin(): Promise<string> {
  const { createInterface } = await import('node:readline');
  const lines = createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

async function createAdmin(sql: Sql, username: string, env: NodeJS.ProcessEnv): Promise<number> {
  if (!/^[A-Za-z0-9_.@-]{1,64}$/.test(username)) {
    console.error('The username may use letters, digits and _ . @ - (at most 64).');
    return 2;
  }
  const password = env.RECTIFY_ADMIN_PASSWORD ?? (await firstLineOfStdin());
  if (password.length < MIN_PASSWORD) {
    console.error(`The password must have at least ${MIN_PASSWORD} characters.`);
    return 2;
  }
  await migrate(sql);
  const hash = await hashPassword(password);
  const created = await sql.begin(async (tx) => {
    const [row] = await tx<{ id: string }[]>`
      INSERT INTO users (username, display_name, password_hash, is_admin)
      VALUES (${username}, ${username}, ${hash}, true)
      ON CONFLICT (lower(username)) DO NOTHING RETURNING id`;
    if (!row) return false;
    await appendAudit(tx, {
      action: 'user.create',
      actorLabel: 'cli',
      resourceType: 'user',
      resourceId: row.id,
      details: { username, isAdmin: true, via: 'create-admin' },
    });
    return true;
  });
  if (!created) {
    console.error(`A user named "${username}" already exists: nothing changed.`);
    return 1;
  }
  console.log(`administrator "${username}" created`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
