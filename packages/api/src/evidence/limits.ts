import type { ApiDeps } from '../deps.ts';

/** Default upload limit: scanned minutes and photo sets are large; 200 MB holds them. */
export const DEFAULT_MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
/** Text of files up to this size is extracted before the upload answers; larger ones after. */
export const SYNC_EXTRACT_BYTES = 2 * 1024 * 1024;
/** Files past this size are not parsed for text at all (the parsers hold the file in memory). */
export const EXTRACT_MAX_BYTES = 64 * 1024 * 1024;
/** DOCX and XLSX previews are built in memory: past this size the viewer offers a download. */
export const PREVIEW_MAX_BYTES = 20 * 1024 * 1024;
/** Text shown in a text preview, and kept per extracted page. */
export const MAX_TEXT_CHARS = 2_000_000;

/** The upload limit of this deployment (`maxUploadBytes` in the API's deps). */
export function maxUploadBytes(deps: ApiDeps): number {
  const configured = (deps as ApiDeps & { maxUploadBytes?: number }).maxUploadBytes;
  return configured !== undefined && configured > 0 ? configured : DEFAULT_MAX_UPLOAD_BYTES;
}

/** "200 MB", "1.5 MB", "800 KB", "12 bytes". */
export function formatBytes(n: number): string {
  const mb = 1024 * 1024;
  if (n >= mb) return `${Number((n / mb).toFixed(1))} MB`;
  if (n >= 1024) return `${Number((n / 1024).toFixed(1))} KB`;
  return `${n} bytes`;
}
