import { z } from '@hono/zod-openapi';

/** A new password: long enough to resist guessing; bounded so hashing stays cheap. */
export const PASSWORD = z.string().min(10, 'must be at least 10 characters').max(1024);

/** A calendar date, YYYY-MM-DD. */
export const DATE = z.iso.date();
