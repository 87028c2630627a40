import { createCipheriv, createHash } from 'node:crypto';

/**
 * Deterministic pseudo-random bytes (an AES-CTR keystream seeded by `seed`),
 * produced chunk by chunk so tests and the bench can stream hundreds of MB
 * without holding them. Same seed, same bytes; the content does not repeat,
 * so it cannot be deduplicated or compressed away. Test support, not exported
 * from the package.
 */
export async function* generatedBody(
  totalBytes: number,
  seed = 'rectify',
  chunkBytes = 64 * 1024,
  onChunk?: () => void,
): AsyncGenerator<Uint8Array> {
  const key = createHash('sha256').update(seed).digest();
  const keystream = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
  // One shared zero input: each chunk then costs one allocation (the output),
  // which keeps the generator's own garbage out of the bench's RSS figures.
  const zeros = Buffer.alloc(chunkBytes);
  for (let sent = 0; sent < totalBytes; sent += chunkBytes) {
    const chunk = keystream.update(zeros.subarray(0, Math.min(chunkBytes, totalBytes - sent)));
    onChunk?.();
    yield chunk;
  }
}
