import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { AppError } from '@rectify/domain';
import tar from 'tar-stream';
import type { BlobStore } from '../blobs/blob-store.ts';
import type { Sql } from '../db/client.ts';
import { schemaVersion } from '../db/migrate.ts';

/**
 * Backup and restore of a whole Rectify installation: every table of the
 * database and every blob, in one gzipped tar archive.
 *
 * The rows are read in one REPEATABLE READ, READ ONLY transaction, so they are
 * one consistent snapshot while the server keeps running; blobs are
 * content-addressed and never change, and a blob is removed only once no row
 * refers to it, so every blob the snapshot refers to is copied after it.
 * Tables that are derived (the search index) are left out and rebuilt by
 * their triggers on restore.
 *
 * Layout: `manifest.json`, `db/NNN-<table>.jsonl` (one JSON object per row,
 * every value in PostgreSQL's own text form, which casts back exactly:
 * timestamps with their offset, arrays, jsonb, bytea as hex), `blobs/<sha256>`.
 */

const FORMAT = 1;
/** Derived data: rebuilt from the other tables by triggers when rows are restored. */
const DERIVED = new Set(['search_entries']);
const BATCH = 500;

export interface Manifest {
  format: number;
  schemaVersion: number;
  createdAt: string;
  tables: Array<{ name: string; rows: number }>;
  blobs: number;
}

interface TableInfo {
  name: string;
  columns: Array<{ name: string; type: string }>;
  primaryKey: string[];
  /** Tables this one refers to (other than itself). */
  refersTo: string[];
  /** Columns referring to this same table (restored in a second pass). */
  selfRefs: string[];
}

async function tables(sql: Sql): Promise<TableInfo[]> {
  const names = await sql<{ name: string }[]>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind = 'r' ORDER BY c.relname`;
  const columns = await sql<{ table: string; name: string; type: string }[]>`
    SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
      AND a.attgenerated = ''
    ORDER BY c.relname, a.attnum`;
  const keys = await sql<
    { table: string; kind: string; refTable: string | null; cols: string[] }[]
  >`
    SELECT c.relname AS table, k.contype AS kind, r.relname AS ref_table,
      ARRAY(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY u(attnum, i)
            JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum ORDER BY u.i)::text[] AS cols
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_class r ON r.oid = k.confrelid
    WHERE n.nspname = current_schema() AND k.contype IN ('p', 'f')`;
  return names
    .filter((t) => !DERIVED.has(t.name))
    .map((t) => {
      const mine = keys.filter((k) => k.table === t.name);
      return {
        name: t.name,
        columns: columns
          .filter((c) => c.table === t.name)
          .map(({ name, type }) => ({ name, type })),
        primaryKey: mine.find((k) => k.kind === 'p')?.cols ?? [],
        refersTo: [
          ...new Set(
            mine.filter((k) => k.kind === 'f' && k.refTable !== t.name).map((k) => k.refTable!),
          ),
        ],
        selfRefs: mine
          .filter((k) => k.kind === 'f' && k.refTable === t.name)
          .flatMap((k) => k.cols),
      };
    });
}

/** Tables in an order where every table comes after those it refers to. */
function dependencyOrder(all: TableInfo[]): TableInfo[] {
  const byName = new Map(all.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: TableInfo[] = [];
  const visit = (t: TableInfo, path: Set<string>) => {
    if (done.has(t.name)) return;
    if (path.has(t.name)) throw new Error(`foreign keys form a cycle through ${t.name}`);
    path.add(t.name);
    for (const ref of t.refersTo) {
      const r = byName.get(ref);
      if (r) visit(r, path);
    }
    path.delete(t.name);
    done.add(t.name);
    out.push(t);
  };
  for (const t of all) visit(t, new Set());
  return out;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Writes a backup archive to `file` (gzipped tar). Written to a temporary
 * name and renamed at the end, so a failed backup never looks complete.
 */
export async function backup(sql: Sql, blobs: BlobStore, file: string): Promise<Manifest> {
  const pack = tar.pack();
  const tmp = `${file}.partial`;
  const written = pipeline(pack, createGzip(), createWriteStream(tmp));
  const entry = (name: string, body: string | Buffer) =>
    new Promise<void>((resolve, reject) => {
      pack.entry({ name }, body, (e) => (e ? reject(e) : resolve()));
    });
  try {
    const { manifest, hashes } = await sql.begin(
      'ISOLATION LEVEL REPEATABLE READ READ ONLY',
      async (tx) => {
        const version = await schemaVersion(tx as unknown as Sql);
        const order = dependencyOrder(await tables(tx as unknown as Sql));
        const counts: Manifest['tables'] = [];
        for (const [i, t] of order.entries()) {
          const orderBy = t.primaryKey.length ? t.primaryKey.map(quote).join(', ') : '1';
          const cols = t.columns.map((c) => `${quote(c.name)}::text`).join(', ');
          const lines: string[] = [];
          let rows = 0;
          // By position, under the database's own column names, whatever the client's name transform.
          const cursor = tx
            .unsafe(`SELECT ${cols} FROM ${quote(t.name)} ORDER BY ${orderBy}`)
            .values()
            .cursor(BATCH);
          for await (const batch of cursor) {
            for (const values of batch as unknown as Array<Array<string | null>>) {
              const row: Record<string, string | null> = {};
              t.columns.forEach((c, j) => {
                row[c.name] = values[j] ?? null;
              });
              lines.push(JSON.stringify(row));
              rows += 1;
            }
          }
          await entry(
            `db/${String(i).padStart(3, '0')}-${t.name}.jsonl`,
            lines.length ? `${lines.join('\n')}\n` : '',
          );
          counts.push({ name: t.name, rows });
        }
        const refs = await tx<{ hash: string }[]>`
        SELECT hash FROM evidence UNION SELECT blob_hash FROM reports WHERE blob_hash IS NOT NULL`;
        return {
          manifest: { version, counts },
          hashes: refs.map((r) => r.hash),
        };
      },
    );
    let copied = 0;
    for (const hash of new Set(hashes)) {
      const stat = await blobs.stat(hash);
      if (!stat)
        throw new AppError(
          'internal',
          `blob ${hash} is referenced but missing from the blob store`,
        );
      const stream = pack.entry({ name: `blobs/${hash}`, size: stat.size });
      await pipeline(await blobs.get(hash), stream);
      copied += 1;
    }
    const result: Manifest = {
      format: FORMAT,
      schemaVersion: manifest.version,
      createdAt: new Date().toISOString(),
      tables: manifest.counts,
      blobs: copied,
    };
    await entry('manifest.json', JSON.stringify(result, null, 2));
    pack.finalize();
    await written;
    await rename(tmp, file);
    return result;
  } catch (e) {
    pack.destroy();
    await written.catch(() => undefined);
    await rm(tmp, { force: true });
    throw e;
  }
}

/**
 * Restores an archive into an empty, migrated database and blob store of
 * the same schema version, in one transaction: the database either holds the
 * whole backup or is left as it was.
 */
export async function restore(sql: Sql, blobs: BlobStore, file: string): Promise<Manifest> {
  const extract = tar.extract();
  const reading = pipeline(createReadStream(file), createGunzip(), extract);
  // Its failure surfaces through the loop below; keep it from going unhandled.
  reading.catch(() => undefined);
  const tablesData = new Map<string, string[]>();
  let manifest: Manifest | undefined;
  let blobCount = 0;
  try {
    for await (const e of extract) {
      const name = e.header.name;
      if (name.startsWith('blobs/')) {
        const expected = name.slice('blobs/'.length);
        const through = new PassThrough();
        const put = blobs.put(e.pipe(through));
        const stored = await put;
        if (stored.hash !== expected) {
          throw new AppError(
            'bad_request',
            `The archive is damaged: blob ${expected} has other content.`,
          );
        }
        blobCount += 1;
        continue;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of e) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString('utf8');
      if (name === 'manifest.json') manifest = JSON.parse(text) as Manifest;
      else if (name.startsWith('db/')) {
        const table = name.replace(/^db\/\d+-/, '').replace(/\.jsonl$/, '');
        tablesData.set(
          table,
          text.split('\n').filter((l) => l.length > 0),
        );
      }
    }
    await reading;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError(
      'bad_request',
      `Not a readable Rectify backup archive: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  if (!manifest || manifest.format !== FORMAT) {
    throw new AppError(
      'bad_request',
      'Not a Rectify backup archive (no manifest of a known format).',
    );
  }
  const version = await schemaVersion(sql);
  if (version !== manifest.schemaVersion) {
    throw new AppError(
      'conflict',
      `The backup is of schema version ${manifest.schemaVersion}; this database is at ${version}. Restore with the Rectify version that made it.`,
    );
  }
  await sql.begin(async (tx) => {
    const [{ n } = { n: 0 }] = await tx<{ n: number }[]>`SELECT count(*)::int AS n FROM users`;
    if (n > 0)
      throw new AppError(
        'conflict',
        'The database is not empty: restore only into a new installation.',
      );
    const order = dependencyOrder(await tables(tx as unknown as Sql)).filter(
      (t) => t.name !== 'schema_migrations',
    );
    for (const t of order) {
      const lines = tablesData.get(t.name) ?? [];
      if (lines.length === 0) continue;
      const rows = lines.map((l) => JSON.parse(l) as Record<string, string | null>);
      const cols = t.columns.filter((c) => c.name in rows[0]!);
      // Rows referring to others of their table get those references in a second pass.
      const deferred = t.selfRefs;
      for (let i = 0; i < rows.length; i += BATCH) {
        const chunk = rows.slice(i, i + BATCH);
        const params: unknown[] = [];
        const tuples = chunk.map((row) => {
          const values = cols.map((c) => {
            params.push(deferred.includes(c.name) ? null : (row[c.name] ?? null));
            return `$${params.length}::text::${c.type}`;
          });
          return `(${values.join(', ')})`;
        });
        await tx.unsafe(
          `INSERT INTO ${quote(t.name)} (${cols.map((c) => quote(c.name)).join(', ')}) VALUES ${tuples.join(', ')}`,
          params as never[],
        );
      }
      for (const col of deferred) {
        for (const row of rows) {
          if (row[col] === null || row[col] === undefined) continue;
          const where = t.primaryKey
            .map(
              (k, j) =>
                `${quote(k)} = $${j + 2}::text::${t.columns.find((c) => c.name === k)!.type}`,
            )
            .join(' AND ');
          await tx.unsafe(
            `UPDATE ${quote(t.name)} SET ${quote(col)} = $1::text::${t.columns.find((c) => c.name === col)!.type} WHERE ${where}`,
            [row[col], ...t.primaryKey.map((k) => row[k])] as never[],
          );
        }
      }
      // Serial columns continue after the restored rows.
      for (const c of t.columns) {
        const [seq] = await tx.unsafe('SELECT pg_get_serial_sequence($1, $2) AS seq', [
          t.name,
          c.name,
        ]);
        if (!seq?.seq) continue;
        await tx.unsafe(
          `SELECT setval($1, GREATEST((SELECT max(${quote(c.name)}) FROM ${quote(t.name)}), 1))`,
          [seq.seq] as never[],
        );
      }
    }
  });
  return { ...manifest, blobs: blobCount };
}
