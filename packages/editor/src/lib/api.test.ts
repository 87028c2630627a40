import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, mockFetch } from '../test/render.tsx';
import { ApiError, api, parseRetryAfter, setUnauthenticatedHandler } from './api.ts';

describe('api', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('turns the error body into an ApiError', async () => {
    mockFetch({
      'GET /api/rounds': () =>
        json(403, { error: { code: 'forbidden', message: 'not yours' } }, { 'Retry-After': '7' }),
    });
    const error = await api.rounds().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 403,
      code: 'forbidden',
      message: 'not yours',
      retryAfter: 7,
    });
  });

  it('falls back to the status when the body is not JSON', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>Bad gateway</html>', { status: 503 })),
    );
    await expect(api.rounds()).rejects.toMatchObject({ status: 503, code: 'unavailable' });
  });

  it('reports a network failure as status 0', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    await expect(api.rounds()).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('answers null from /me when signed out, without the session-expired handler', async () => {
    const expired = vi.fn();
    const remove = setUnauthenticatedHandler(expired);
    mockFetch({
      'GET /api/auth/me': () => json(401, { error: { code: 'unauthenticated', message: '' } }),
    });
    await expect(api.me()).resolves.toBeNull();
    expect(expired).not.toHaveBeenCalled();
    remove();
  });

  it('calls the session-expired handler when another call gets 401', async () => {
    const expired = vi.fn();
    const remove = setUnauthenticatedHandler(expired);
    mockFetch({
      'GET /api/rounds': () => json(401, { error: { code: 'unauthenticated', message: '' } }),
    });
    await expect(api.rounds()).rejects.toMatchObject({ status: 401 });
    expect(expired).toHaveBeenCalledOnce();
    remove();
  });

  it('accepts an empty 200 (logout)', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(null, { status: 204 })),
    );
    await expect(api.logout()).resolves.toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
