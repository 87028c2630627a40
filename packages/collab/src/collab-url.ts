/**
 * The doc-name segment of an upgrade URL such as `/collab/review.abc?token=…`.
 *
 * Returns `undefined` when the path is not under `prefix`, so the HTTP server
 * can hand the upgrade to someone else; returns the raw name (maybe empty or
 * nonsense) otherwise. Validating the name is `parseDocName`'s job alone.
 */
export function docNameFromUrl(url: string, prefix: string): string | undefined {
  const path = url.split(/[?#]/, 1)[0] ?? '';
  const base = prefix.replace(/\/+$/, '');
  if (path === base) return '';
  if (!path.startsWith(`${base}/`)) return undefined;
  const raw = path.slice(base.length + 1);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw; // a broken %-escape is still ours to refuse, as an unknown name
  }
}
