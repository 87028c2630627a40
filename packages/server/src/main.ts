import { DataDirLockedError, MigrationError } from '@rectify/store';
import { ConfigError, loadConfig } from './config.ts';
import { DEMO_PASSWORD } from './seed/demo-data.ts';
import { DEMO_ACCOUNTS } from './seed/seed-demo.ts';
import { startServer } from './server.ts';

/** `npm start`: run the whole product and say where it is. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const started = Date.now();
  const server = await startServer(config, { log: (l) => console.log(`[rectify] ${l}`) }).catch(
    (e: unknown) => {
      if (e instanceof MigrationError || e instanceof DataDirLockedError) {
        console.error(`[rectify] ${e.message}`);
        process.exit(1);
      }
      throw e;
    },
  );
  const where = config.databaseUrl
    ? 'PostgreSQL (DATABASE_URL)'
    : `embedded PGlite in ${config.dataDir}`;
  console.log(
    `\nRectify is running at ${server.url}  (${((Date.now() - started) / 1000).toFixed(1)} s, data: ${where})`,
  );
  if (config.demo) {
    if (server.seeded) console.log('Demo data was created on this first run.');
    console.log(`Demo accounts (password "${DEMO_PASSWORD}"):`);
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(11)} ${a.displayName}`);
  }
  console.log('Press Ctrl-C to stop.\n');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n[rectify] ${signal}: shutting down…`);
    const force = setTimeout(() => {
      console.error('[rectify] shutdown took too long; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    await server.close();
    console.log('[rectify] stopped cleanly');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error('[rectify] failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
