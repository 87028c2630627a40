import { connect, type Sql } from '../../packages/store/src/db/client.ts';

/** A database of its own on a PostgreSQL server, for one bench run. */
export interface ScratchDatabase {
  /** Its name, e.g. for `pg_stat_activity.datname`. */
  readonly name: string;
  /** A postgres:// URL of the scratch database. */
  readonly url: string;
  /** The server's version, e.g. `15.20`, for labels. */
  readonly version: string;
  /** A connection to the server's own database (where the scratch one was created from). */
  readonly admin: Sql;
  /** Drops the database (closing what is still connected) and ends `admin`. */
  drop(): Promise<void>;
}

/** Creates `<prefix>_<pid>_<time>` on the server at `serverUrl`. */
export async function createScratchDatabase(
  serverUrl: string,
  prefix: string,
): Promise<ScratchDatabase> {
  const admin = connect({ url: serverUrl, max: 1 });
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const [row] = await admin<{ v: string }[]>`SELECT current_setting('server_version') AS v`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    version: row?.v.split(' ')[0] ?? '',
    admin,
    async drop() {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
