import { AppError } from '@rectify/domain';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';

export interface ErrorBody {
  error: { code: string; message: string; [k: string]: unknown };
}

export function errorBody(
  code: string,
  message: string,
  details?: Record<string, unknown>,
): ErrorBody {
  return { error: { ...details, code, message } };
}

/** Names the first bad field of a zod error the way a person would read it. */
export function describeZodError(e: ZodError): string {
  const issue = e.issues[0];
  if (!issue) return 'invalid input';
  const path = issue.path.join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/**
 * The one error handler: AppError and validation errors become
 * `{ error: { code, message } }` with their status; anything else is logged
 * and answered 500 without details, never a stack trace.
 */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof AppError) {
    return c.json(
      errorBody(err.code, err.message, err.details),
      err.status as ContentfulStatusCode,
    );
  }
  if (err instanceof ZodError) {
    return c.json(errorBody('bad_request', describeZodError(err)), 400);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const code =
      status === 401
        ? 'unauthenticated'
        : status === 403
          ? 'forbidden'
          : status === 413
            ? 'payload_too_large'
            : 'bad_request';
    return c.json(errorBody(code, err.message || 'bad request'), status as ContentfulStatusCode);
  }
  if (err instanceof SyntaxError) {
    return c.json(errorBody('bad_request', 'the request body is not valid JSON'), 400);
  }
  console.error('[api] unexpected error', err);
  return c.json(
    errorBody('internal', 'Something went wrong on the server. It has been logged.'),
    500,
  );
}

export function notFound(c: Context): Response {
  return c.json(errorBody('not_found', `no such route: ${c.req.method} ${c.req.path}`), 404);
}
