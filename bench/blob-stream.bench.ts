/**
 * blob-stream: does a 200 MB upload stay flat in memory through each BlobStore?
 *
 *   npx tsx bench/blob-stream.bench.ts          (BLOB_BENCH_MB=50 for a quicker run)
 *
 * Streams a generated body (made chunk by chunk, never held whole) through the
 * disk store and the S3 store, and through a naive peer that does what a
 * handler reading `await req.arrayBuffer()` does: Buffer.concat the whole body,
 * hash it, write it. RSS is sampled every 20 ms; the figure is the peak growth
 * over the RSS just before the upload. Target: < 50 MB for the streaming stores.
 *
 * Each contender runs in a fresh child process (this file, forked with
 * --measure) after an unmeasured 8 MB warm-up, so no run inherits another's
 * heap high-water mark or pays for its module loading. s3rver runs in its own
 * child too (--s3rver), so, as with a real S3 server, its memory is not ours.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import S3rver from 's3rver';
import { generatedBody } from '../packages/store/src/blobs/generated-body.ts';
import { type BlobStoreConfig, createBlobStore } from '../packages/store/src/blobs/index.ts';

const MB = 1024 * 1024;
const TOTAL_MB = Number(process.env.BLOB_BENCH_MB ?? 200);
const TARGET_GROWTH_MB = 50;
const SELF = fileURLToPath(import.meta.url);

/** What a --measure child is told to do. */
type Contender = { name: string; seed: string } & (
  | { kind: 'store'; config: BlobStoreConfig }
  | { kind: 'naive'; dir: string }
);

interface Row {
  store: string;
  seconds: number;
  peakGrowthMb: number;
  hash: string;
}

/** Runs `work` while sampling RSS every 20 ms; reports the peak growth over the starting RSS. */
async function measure(work: () => Promise<string>): Promise<Omit<Row, 'store'>> {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 20);
  const started = performance.now();
  try {
    const hash = await work();
    sample();
    return {
      seconds: (performance.now() - started) / 1000,
      peakGrowthMb: (peak - baseline) / MB,
      hash,
    };
  } finally {
    clearInterval(timer);
  }
}

/** The "buffer the whole file" peer: what streaming is meant to avoid. */
async function bufferWholeFile(dir: string, bytes: number, seed: string): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of generatedBody(bytes, seed)) chunks.push(chunk);
  const whole = Buffer.concat(chunks);
  const hash = createHash('sha256').update(whole).digest('hex');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, hash), whole);
  return hash;
}

/** Body of a --measure child: warm up, measure one upload, report it to the parent. */
async function runContender(contender: Contender): Promise<void> {
  const total = TOTAL_MB * MB;
  let upload: (bytes: number, seed: string) => Promise<string>;
  if (contender.kind === 'store') {
    const store = await createBlobStore(contender.config);
    upload = async (bytes, seed) =>
      (await store.put(generatedBody(bytes, seed), { size: bytes })).hash;
  } else {
    upload = (bytes, seed) => bufferWholeFile(contender.dir, bytes, seed);
  }
  await upload(8 * MB, `warm-up-${contender.seed}`);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const result = await measure(() => upload(total, contender.seed));
  process.send?.({ store: contender.name, ...result } satisfies Row);
}

async function runS3rver(directory: string): Promise<void> {
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  const { port } = await server.run();
  process.send?.(port);
  process.on('disconnect', () => {
    void server.close().then(() => process.exit(0));
  });
}

/** Forks this file with `args` and resolves with the first message the child sends. */
function forkSelf<T>(args: string[]): Promise<{ child: ChildProcess; message: T }> {
  const child = fork(SELF, args);
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ child, message: message as T }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`child ${args[0]} exited with ${code}`)));
  });
}

async function measureInChild(contender: Contender): Promise<Row> {
  const { child, message } = await forkSelf<Row>(['--measure', JSON.stringify(contender)]);
  await new Promise((resolve) => child.once('exit', resolve));
  return message;
}

function printTable(rows: Row[]): void {
  const naive = rows.find((row) => row.store.startsWith('naive'));
  // Below 1 MB the growth is sampling noise; a ratio over it would mean nothing.
  const ratio = (row: Row) =>
    naive && row !== naive
      ? `${row.peakGrowthMb < 1 ? '≥ ' : ''}${(naive.peakGrowthMb / Math.max(row.peakGrowthMb, 1)).toFixed(0)}×`
      : '';
  const header = ['store', 'MB', 'seconds', 'MB/s', 'peak RSS growth MB', 'naive growth ÷ this'];
  const lines = rows.map((row) => [
    row.store,
    String(TOTAL_MB),
    row.seconds.toFixed(2),
    (TOTAL_MB / row.seconds).toFixed(0),
    row.peakGrowthMb.toFixed(1),
    ratio(row),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const format = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(format(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const line of lines) console.log(format(line));
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'rectify-blob-bench-'));
  const s3rver = await forkSelf<number>(['--s3rver', join(work, 's3rver')]);
  const seed = `bench-${Date.now()}`;
  try {
    const contenders: Contender[] = [
      {
        name: 'disk (streaming)',
        seed,
        kind: 'store',
        config: { kind: 'disk', root: join(work, 'disk') },
      },
      {
        name: 's3 via s3rver (streaming)',
        seed,
        kind: 'store',
        config: {
          kind: 's3',
          endPoint: '127.0.0.1',
          port: s3rver.message,
          useSSL: false,
          bucket: 'bench',
          accessKey: 'S3RVER',
          secretKey: 'S3RVER',
          tmpDir: join(work, 's3-spool'),
        },
      },
      { name: 'naive: Buffer.concat + write', seed, kind: 'naive', dir: join(work, 'naive') },
    ];
    const rows: Row[] = [];
    for (const contender of contenders) rows.push(await measureInChild(contender));
    printTable(rows);
    if (new Set(rows.map((row) => row.hash)).size !== 1)
      throw new Error('contenders disagree on the hash');
    const over = rows.filter(
      (r) => !r.store.startsWith('naive') && r.peakGrowthMb >= TARGET_GROWTH_MB,
    );
    console.log(
      over.length === 0
        ? `streaming stores under the ${TARGET_GROWTH_MB} MB growth target (node ${process.version})`
        : `OVER the ${TARGET_GROWTH_MB} MB growth target: ${over.map((r) => r.store).join(', ')}`,
    );
    process.exitCode = over.length === 0 ? 0 : 1;
  } finally {
    s3rver.child.disconnect();
    await rm(work, { recursive: true, force: true });
  }
}

const [mode, arg] = process.argv.slice(2);
if (mode === '--s3rver') {
  await runS3rver(arg ?? join(tmpdir(), 'rectify-s3rver'));
} else if (mode === '--measure') {
  await runContender(JSON.parse(arg ?? '') as Contender);
} else {
  await main();
}
