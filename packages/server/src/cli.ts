import { migrate, openDatabase, verifyAudit } from '@rectify/store';
import { ConfigError, loadConfig } from './config.ts';
import { seedDemo } from './seed/seed-demo.ts';
import { openBlobStore } from './server.ts';

const HELP = `Rectify command line (npm run cli -- <command>)

  migrate        apply pending database migrations and exit
  seed-demo      create the demo round and accounts (only into an empty database)
  verify-audit   check the audit log's hash chain; exits 1 and names the first bad row
  help           this text

Configuration comes from the environment, as for npm start (see README.md).`;

/** Runs one CLI command; returns the process exit code. */
export async function runCli(argv: string[], env = process.env): Promise<number> {
  const command = argv[0] ?? 'help';
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP);
    return 0;
  }
  if (!['migrate', 'seed-demo', 'verify-audit'].includes(command)) {
    console.error(`Unknown command "${command}".\n\n${HELP}`);
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
