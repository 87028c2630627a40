import { createCipheriv, createHash } from 'node:crypto';
import { describeEachDatabase } from '@rectify/store/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPortalTestApi } from '../statements/testing/portal-api.ts';
import { type PortalRound, seedPortalRound } from '../statements/testing/seed-round.ts';
import { evidenceTextSettled } from './extract-text.ts';
import { DEFAULT_MAX_UPLOAD_BYTES } from './limits.ts';
import { uploadRaw } from './testing/upload.ts';

const TOTAL = 200 * 1024 * 1024;
const CHUNK = 256 * 1024;

/**
 * 200 MB of non-repeating bytes (an AES-CTR keystream) behind a PDF header,
 * made chunk by chunk as the consumer pulls, hashed on the way out.
 */
function generatedPdfStream() {
  const keystream = createCipheriv('aes-256-ctr', Buffer.alloc(32, 7), Buffer.alloc(16));
  const zeros = Buffer.alloc(CHUNK);
  const hash = createHash('sha256');
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(ctrl) {
        if (sent >= TOTAL) {
          ctrl.close();
          return;
        }
        const chunk = keystream.update(zeros.subarray(0, Math.min(CHUNK, TOTAL - sent)));
        if (sent === 0) chunk.write('%PDF-1.7\n', 0, 'latin1');
        hash.update(chunk);
        sent += chunk.length;
        ctrl.enqueue(chunk);
      },
    },
    { highWaterMark: 1 },
  );
  return { stream, digest: () => hash.digest('hex'), sent: () => sent };
}

describeEachDatabase('evidence upload streaming', (db) => {
  let t: Awaited<ReturnType<typeof createPortalTestApi>>;
  let r: PortalRound;
  beforeAll(async () => {
    t = await createPortalTestApi(db().sql);
    r = await seedPortalRound(db().sql, t, 'stream');
  });
  afterAll(async () => {
    await evidenceTextSettled();
    t.cleanup();
  });

  it('stores a 200 MB upload with its SHA-256 and flat memory', async () => {
    expect(TOTAL).toBeLessThanOrEqual(DEFAULT_MAX_UPLOAD_BYTES);
    const gen = generatedPdfStream();
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 25);
    const res = await uploadRaw(
      t,
      r.tokens.contactA,
      { taskId: r.tasks.T1, unitId: r.units.A, filename: '全年会议记录扫描件.pdf' },
      gen.stream,
      { contentLength: TOTAL },
    );
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(res.status).toBe(201);
    expect(gen.sent()).toBe(TOTAL);
    expect(res.json).toMatchObject({
      hash: gen.digest(),
      size: TOTAL,
      mime: 'application/pdf',
      // Too large to parse for text: never loaded into memory for it either.
      textState: 'none',
    });
    expect(await t.deps.blobs.stat(res.json.hash)).toEqual({ size: TOTAL });
    console.log(
      `[streaming] 200 MB upload: RSS grew ${((peak - baseline) / 1048576).toFixed(1)} MB`,
    );
    // Buffering would cost at least the 200 MB itself.
    expect(peak - baseline).toBeLessThan(100 * 1024 * 1024);
  }, 60_000);
});
