/** Longest stored name, in characters, extension included. */
export const MAX_STORED_NAME = 120;
/** Longest original name kept for display. */
export const MAX_ORIGINAL_NAME = 500;

// C0/C1 controls, and the bidirectional overrides that make "gpj.exe" look like "exe.jpg".
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// Characters Windows refuses in names; harmless elsewhere but confusing in a download.
const RESERVED = /[<>:"|?*]/g;

/** The name as the user gave it, for display: only what a database or a terminal cannot hold goes. */
export function cleanOriginalName(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL cannot be stored in text
  const cleaned = name.replace(/\u0000/g, '').trim();
  return [...cleaned].slice(0, MAX_ORIGINAL_NAME).join('');
}

/** The lower-case extension without its dot ("" when there is none). */
export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  return m ? m[1]!.toLowerCase() : '';
}

/**
 * A name safe to store and to offer as a download: no directories (any "/" or
 * "\" and what precedes it goes, so "../../etc/passwd.pdf" becomes
 * "passwd.pdf"), no control or direction-override characters, no leading dots,
 * at most 120 characters with the extension kept.
 */
export function sanitizeStoredName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  let clean = base
    .replace(UNSAFE, '')
    .replace(RESERVED, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  const ext = extensionOf(clean);
  let stem = ext ? clean.slice(0, -(ext.length + 1)).trim() : clean;
  if (!stem) stem = 'file';
  const room = MAX_STORED_NAME - (ext ? ext.length + 1 : 0);
  const chars = [...stem];
  if (chars.length > room) stem = chars.slice(0, room).join('').trim();
  clean = ext ? `${stem}.${ext}` : stem;
  return clean;
}

/**
 * A Content-Disposition value that every browser reads: an ASCII fallback and
 * the UTF-8 name (RFC 6266 / RFC 5987), so Chinese names survive.
 */
export function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_') || 'file';
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
