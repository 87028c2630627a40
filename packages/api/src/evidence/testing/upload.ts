import type { createPortalTestApi } from '../../statements/testing/portal-api.ts';

type TestApi = Awaited<ReturnType<typeof createPortalTestApi>>;

/**
 * Uploads a raw body as the browser does (`fetch(url, { body: file })`).
 * Content-Length is sent for buffers unless `contentLength` is null; streams
 * are sent without one unless given.
 */
export async function uploadRaw(
  t: TestApi,
  token: string,
  q: { taskId: string; unitId: string; filename: string },
  body: Uint8Array | ReadableStream<Uint8Array>,
  opts: { contentLength?: number | null; contentType?: string } = {},
) {
  const params = new URLSearchParams(q);
  const headers: Record<string, string> = {
    authorization: `Bearer ${token}`,
    'content-type': opts.contentType ?? 'application/octet-stream',
  };
  const length =
    opts.contentLength === undefined
      ? body instanceof Uint8Array
        ? body.byteLength
        : undefined
      : opts.contentLength;
  if (length !== undefined && length !== null) headers['content-length'] = String(length);
  const res = await t.app.request(`/api/evidence?${params}`, {
    method: 'POST',
    headers,
    body: body as never,
    duplex: 'half',
  } as RequestInit);
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, headers: res.headers };
}
