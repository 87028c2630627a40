import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlobStore } from './blob-store.ts';
import { generatedBody } from './generated-body.ts';

/** A store under test plus what the suite needs to look behind it. */
export interface ContractSubject {
  store: BlobStore;
  /** Where the store keeps in-flight uploads; must be empty after any failed put. */
  tmpDir: string;
  dispose?: () => Promise<void>;
}

const MB = 1024 * 1024;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The sha256 and length of a stream, consumed chunk by chunk. */
async function digestOf(
  source: AsyncIterable<Uint8Array>,
): Promise<{ hash: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of source) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { hash: hash.digest('hex'), size };
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function listAll(store: BlobStore): Promise<string[]> {
  const hashes: string[] = [];
  for await (const hash of store.list()) hashes.push(hash);
  return hashes.sort();
}

async function* failingBody(goodBytes: number): AsyncGenerator<Uint8Array> {
  yield* generatedBody(goodBytes, 'failing');
  throw new Error('connection reset by peer');
}

/**
 * The behaviour every BlobStore must have, run once per implementation (as
 * Hono runs one suite over every router). `factory` gives a fresh, empty store
 * per test.
 */
export function blobStoreContract(name: string, factory: () => Promise<ContractSubject>): void {
  describe(`${name} (BlobStore contract)`, () => {
    let subject: ContractSubject;
    let store: BlobStore;

    beforeEach(async () => {
      subject = await factory();
      store = subject.store;
    });
    afterEach(async () => {
      await subject.dispose?.();
    });

    const expectNothingStored = async () => {
      expect(await listAll(store)).toEqual([]);
      expect(await readdir(subject.tmpDir)).toEqual([]);
    };

    it('stores bytes under their sha256 and gives the same bytes back', async () => {
      const bytes = Buffer.from('evidence: photo of the corrected fire door\n');
      const result = await store.put(Readable.from([bytes]));
      expect(result).toEqual({ hash: sha256(bytes), size: bytes.length, created: true });
      expect(await readAll(await store.get(result.hash))).toEqual(bytes);
    });

    it('accepts an async iterable of chunks as the body', async () => {
      const chunks = [Buffer.from('part one, '), Buffer.from('part two')];
      const result = await store.put(
        (async function* () {
          yield* chunks;
        })(),
      );
      expect(result.hash).toBe(sha256(Buffer.concat(chunks)));
    });

    it('stores the same content once and reports created false the second time', async () => {
      const bytes = Buffer.from('same scan uploaded by two inspectors');
      const first = await store.put(Readable.from([bytes]));
      const second = await store.put(Readable.from([bytes]), { size: bytes.length });
      expect(first.created).toBe(true);
      expect(second).toEqual({ ...first, created: false });
      expect(await listAll(store)).toEqual([first.hash]);
      expect(await readdir(subject.tmpDir)).toEqual([]);
    });

    it('stores an empty file under the sha256 of nothing', async () => {
      const result = await store.put(Readable.from([]), { size: 0 });
      expect(result).toEqual({ hash: sha256(Buffer.alloc(0)), size: 0, created: true });
      expect(await readAll(await store.get(result.hash))).toHaveLength(0);
      expect(await store.stat(result.hash)).toEqual({ size: 0 });
    });

    it('streams a 12 MB body of known size in and out intact', async () => {
      const size = 12 * MB;
      const expected = await digestOf(generatedBody(size, 'known'));
      const result = await store.put(generatedBody(size, 'known'), { size });
      expect(result).toEqual({ ...expected, created: true });
      expect(await digestOf(await store.get(result.hash))).toEqual(expected);
    });

    it('streams a 6 MB body of unknown size in and out intact', async () => {
      const size = 6 * MB + 123;
      const expected = await digestOf(generatedBody(size, 'unknown'));
      const result = await store.put(generatedBody(size, 'unknown'));
      expect(result).toEqual({ ...expected, created: true });
      expect(await digestOf(await store.get(result.hash))).toEqual(expected);
    });

    it('fails with not_found for a hash that was never stored', async () => {
      const missing = sha256(Buffer.from('never uploaded'));
      await expect(store.get(missing)).rejects.toMatchObject({ code: 'not_found' });
      expect(await store.stat(missing)).toBeUndefined();
      expect(await store.has(missing)).toBe(false);
    });

    it.each([
      '../../etc/passwd',
      '../tmp/x',
      'A'.repeat(64),
      'a'.repeat(63),
      `${'a'.repeat(64)}/`,
      '',
    ])('rejects the invalid hash %j on every method with bad_request', async (bad) => {
      for (const call of [
        () => store.get(bad),
        () => store.stat(bad),
        () => store.has(bad),
        () => store.delete(bad),
      ]) {
        await expect(call()).rejects.toMatchObject({ code: 'bad_request' });
      }
    });

    it('aborts past maxBytes with payload_too_large, stops reading and stores nothing', async () => {
      let chunksRead = 0;
      const body = generatedBody(8 * MB, 'too-big', 64 * 1024, () => chunksRead++);
      await expect(store.put(body, { maxBytes: MB })).rejects.toMatchObject({
        code: 'payload_too_large',
      });
      expect(chunksRead).toBeLessThan((2 * MB) / (64 * 1024));
      expect(await store.has((await digestOf(generatedBody(8 * MB, 'too-big'))).hash)).toBe(false);
      await expectNothingStored();
    });

    it('rejects a declared size above maxBytes without reading the body', async () => {
      let chunksRead = 0;
      const body = generatedBody(2 * MB, 'declared', 64 * 1024, () => chunksRead++);
      await expect(store.put(body, { size: 2 * MB, maxBytes: MB })).rejects.toMatchObject({
        code: 'payload_too_large',
      });
      expect(chunksRead).toBe(0);
      await expectNothingStored();
    });

    it('accepts a body of exactly maxBytes', async () => {
      const result = await store.put(generatedBody(MB, 'exact'), { maxBytes: MB });
      expect(result.size).toBe(MB);
    });

    it.each([
      ['shorter', MB - 1],
      ['longer', MB + 1],
    ])(
      'rejects a body %s than its declared size with bad_request and stores nothing',
      async (_, actual) => {
        await expect(
          store.put(generatedBody(actual, 'mismatch'), { size: MB }),
        ).rejects.toMatchObject({ code: 'bad_request' });
        await expectNothingStored();
      },
    );

    it('passes on the error of a body that fails midway and stores nothing', async () => {
      await expect(store.put(failingBody(3 * MB))).rejects.toThrow('connection reset by peer');
      await expectNothingStored();
    });

    it('deletes a blob, and deleting it again is not an error', async () => {
      const { hash } = await store.put(Readable.from([Buffer.from('superseded photo')]));
      await store.delete(hash);
      expect(await store.has(hash)).toBe(false);
      await expect(store.get(hash)).rejects.toMatchObject({ code: 'not_found' });
      await expect(store.delete(hash)).resolves.toBeUndefined();
    });

    it('lists every stored hash exactly once', async () => {
      const hashes: string[] = [];
      for (const text of ['a', 'b', 'c', 'a']) {
        hashes.push((await store.put(Readable.from([Buffer.from(text)]))).hash);
      }
      expect(await listAll(store)).toEqual([...new Set(hashes)].sort());
    });

    it('stat reports the stored size', async () => {
      const { hash } = await store.put(generatedBody(300_000, 'stat'));
      expect(await store.stat(hash)).toEqual({ size: 300_000 });
      expect(await store.has(hash)).toBe(true);
    });

    it('ping resolves when the store is usable', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
