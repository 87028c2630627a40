import { backup, migrate, openDatabase, restore, verifyAudit } from '@rectify/store';
import { ConfigError, loadConfig } from './config.ts';
import { seedDemo } from './seed/seed-demo.ts';
import { openBlobStore } from './server.ts';

const HELP = `Rectify command line (npm run cli -- <command>)

  migrate        apply pending database migrations and exit
  seed-demo      create the demo round and accounts (only into an empty database)
  verify-audit   check the audit log's hash chain; exits 1 and names the first bad row
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
  if (!['migrate', 'seed-demo', 'verify-audit', 'backup', 'restore'].includes(command)) {
    console.error(`Unknown command "${command}".\n\n${HELP}`);
    return 2;
  }
  const file = argv[1];
  if ((command === 'backup' || command === 'restore') && !file) {
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

if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
