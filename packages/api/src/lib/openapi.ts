import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { ApiEnv } from '../env.ts';
import { describeZodError, errorBody } from '../errors.ts';

/** A router whose request validation failures use the one error shape. */
export function router(): OpenAPIHono<ApiEnv> {
  return new OpenAPIHono<ApiEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        return c.json(errorBody('bad_request', describeZodError(result.error)), 400);
      }
    },
  });
}

export const ErrorSchema = z
  .object({
    error: z.object({ code: z.string(), message: z.string() }),
  })
  .openapi('Error');

/** The error responses most routes can answer, for the OpenAPI document. */
export const errorResponses = {
  400: { description: 'Malformed input', content: { 'application/json': { schema: ErrorSchema } } },
  401: { description: 'Not signed in', content: { 'application/json': { schema: ErrorSchema } } },
  403: { description: 'Not allowed', content: { 'application/json': { schema: ErrorSchema } } },
  404: {
    description: 'Not found (or not visible to you)',
    content: { 'application/json': { schema: ErrorSchema } },
  },
  409: {
    description: 'Conflicts with what exists (a duplicate, or still in use)',
    content: { 'application/json': { schema: ErrorSchema } },
  },
} as const;

export const json = <T extends z.ZodType>(schema: T, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});
