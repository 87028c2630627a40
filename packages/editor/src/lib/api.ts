import type { ErrorCode, LoginRequest, Round } from '@rectify/domain';
import type { LoginResponse, MeResponse, RoundOverview } from './contracts.ts';

/** Codes the client adds to the server's: no answer, or an answer we cannot read. */
export type ApiErrorCode = ErrorCode | 'network' | 'bad_response';

/**
 * Every failed call ends here, so screens deal with one shape. `message` is
 * the server's (for logs); screens show their own translated text by `code`.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  /** Seconds to wait, from `Retry-After` (429, 503). */
  readonly retryAfter: number | undefined;

  constructor(init: { status: number; code: ApiErrorCode; message: string; retryAfter?: number }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.retryAfter = init.retryAfter;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'unavailable',
};

/** `Retry-After` is either delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

async function errorFrom(res: Response): Promise<ApiError> {
  let code: ApiErrorCode = CODE_BY_STATUS[res.status] ?? 'internal';
  let message = res.statusText || `HTTP ${res.status}`;
  try {
    const body: unknown = await res.json();
    const error = isRecord(body) ? body.error : undefined;
    if (isRecord(error)) {
      if (typeof error.code === 'string') code = error.code as ApiErrorCode;
      if (typeof error.message === 'string') message = error.message;
    }
  } catch {
    // Proxies answer with HTML; the status alone has to do.
  }
  return new ApiError({
    status: res.status,
    code,
    message,
    retryAfter: parseRetryAfter(res.headers.get('Retry-After')),
  });
}

let onUnauthenticated: (() => void) | undefined;

/**
 * What to do when a signed-in call comes back 401 (session expired or
 * revoked). Returns a function that removes the handler.
 */
export function setUnauthenticatedHandler(handler: () => void): () => void {
  onUnauthenticated = handler;
  return () => {
    if (onUnauthenticated === handler) onUnauthenticated = undefined;
  };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  body?: unknown;
  /** Login answers 401 for a wrong password; that is not an expired session. */
  skipAuthHandler?: boolean;
}

/** The session is an HttpOnly cookie, so every call is same-origin with credentials. */
export async function request<T>(method: Method, path: string, opts: RequestOptions = {}) {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError({ status: 0, code: 'network', message: 'Network request failed' });
  }
  if (!res.ok) {
    const error = await errorFrom(res);
    if (res.status === 401 && !opts.skipAuthHandler) onUnauthenticated?.();
    throw error;
  }
  try {
    const text = await res.text();
    // 204 and empty 200s (logout) carry no body.
    return (text ? JSON.parse(text) : undefined) as T;
  } catch {
    throw new ApiError({ status: res.status, code: 'bad_response', message: 'Invalid JSON' });
  }
}

export const api = {
  login: (body: LoginRequest) =>
    request<LoginResponse>('POST', '/api/auth/login', { body, skipAuthHandler: true }),
  /** Resolves to null when nobody is signed in. */
  me: async (): Promise<MeResponse | null> => {
    try {
      return await request<MeResponse>('GET', '/api/auth/me', { skipAuthHandler: true });
    } catch (e) {
      if (isApiError(e) && e.status === 401) return null;
      throw e;
    }
  },
  logout: () => request<void>('POST', '/api/auth/logout', { skipAuthHandler: true }),
  rounds: () => request<Round[]>('GET', '/api/rounds'),
  overview: (roundId: string) =>
    request<RoundOverview>('GET', `/api/rounds/${encodeURIComponent(roundId)}/overview`),
};
