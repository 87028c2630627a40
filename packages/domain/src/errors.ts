/**
 * The one error type of Rectify. The API renders it as
 * `{ "error": { "code", "message" } }` with `status`; collab maps the same
 * codes to websocket close codes (see `closeCodeFor`).
 */
export type ErrorCode =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Extra fields that are safe to show to the caller (e.g. which rows were bad). */
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = STATUS[code];
    this.details = details;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** Websocket close codes for the live channel, named like Hocuspocus' CloseEvents. */
export const CloseCode = {
  Unauthorized: 4401,
  Forbidden: 4403,
  NotFound: 4404,
  MessageTooBig: 4413,
  TooManyPending: 4429,
  TooManyDocuments: 4430,
  MalformedMessage: 4400,
  Unavailable: 4503,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** The close code a failed access check on the live channel ends with. */
export function closeCodeFor(code: ErrorCode): CloseCode {
  switch (code) {
    case 'unauthenticated':
      return CloseCode.Unauthorized;
    case 'forbidden':
      return CloseCode.Forbidden;
    case 'not_found':
      return CloseCode.NotFound;
    case 'payload_too_large':
      return CloseCode.MessageTooBig;
    case 'bad_request':
      return CloseCode.MalformedMessage;
    default:
      return CloseCode.Unavailable;
  }
}
