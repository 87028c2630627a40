export type TextCharset = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

/**
 * Whether a sample of bytes is plain text, and in which encoding: UTF-8 (with
 * or without BOM), UTF-16 with a BOM, or else GB18030 (what Chinese Windows
 * saves as "ANSI"). No NUL bytes (outside UTF-16) and almost no other control
 * characters. `complete` says the sample is the whole file; otherwise a
 * multi-byte character cut at the sample's end is forgiven.
 */
export function detectTextCharset(sample: Uint8Array, complete: boolean): TextCharset | undefined {
  if (sample.length >= 2 && sample[0] === 0xff && sample[1] === 0xfe) {
    return decodes(sample.subarray(2), 'utf-16le', complete) ? 'utf-16le' : undefined;
  }
  if (sample.length >= 2 && sample[0] === 0xfe && sample[1] === 0xff) {
    return decodes(sample.subarray(2), 'utf-16be', complete) ? 'utf-16be' : undefined;
  }
  let controls = 0;
  for (const b of sample) {
    if (b === 0) return undefined;
    // Tab, LF, VT, FF, CR and the DOS end-of-file mark are text; other C0 controls are not.
    if (
      b < 0x20 &&
      b !== 0x09 &&
      b !== 0x0a &&
      b !== 0x0b &&
      b !== 0x0c &&
      b !== 0x0d &&
      b !== 0x1a
    )
      controls++;
  }
  if (controls > sample.length / 100) return undefined;
  if (decodes(sample, 'utf-8', complete)) return 'utf-8';
  if (decodes(sample, 'gb18030', complete)) return 'gb18030';
  return undefined;
}

function decodes(bytes: Uint8Array, charset: TextCharset, complete: boolean): boolean {
  const decoder = new TextDecoder(charset, { fatal: true });
  // A character cut by the end of the sample is up to 3 bytes of a longer sequence.
  for (let cut = 0; cut <= (complete ? 0 : 3) && cut < Math.max(bytes.length, 1); cut++) {
    try {
      decoder.decode(bytes.subarray(0, bytes.length - cut));
      return true;
    } catch {
      // try with one byte less
    }
  }
  return false;
}

/** The charset a stored MIME type names (text evidence is stored with one). */
export function charsetOf(mime: string): TextCharset {
  const m = /charset=([\w-]+)/i.exec(mime);
  const c = m?.[1]?.toLowerCase();
  return c === 'gb18030' || c === 'utf-16le' || c === 'utf-16be' ? c : 'utf-8';
}

/** Decodes text leniently (a cut last character becomes U+FFFD), dropping a BOM and NULs. */
export function decodeText(bytes: Uint8Array, charset: TextCharset): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL cannot be stored in text
  return new TextDecoder(charset).decode(bytes).replace(/\u0000/g, '');
}
