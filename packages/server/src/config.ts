import { resolve } from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));
const positiveNumber = z.coerce.number().positive();

/** Every environment variable Rectify reads. README's table is written from this. */
export const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    PGLITE_THREAD: z.enum(['worker', 'inline']).default('worker'),
    DEMO: bool.optional(),
    S3_ENDPOINT: z.url().optional(),
    S3_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid bucket name')
      .optional(),
    S3_ACCESS_KEY: z.string().min(1).optional(),
    S3_SECRET_KEY: z.string().min(1).optional(),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
      .optional(),
    SESSION_IDLE_HOURS: positiveNumber.default(8),
    SESSION_MAX_DAYS: positiveNumber.default(7),
    SECURE_COOKIES: bool.default(false),
    MAX_UPLOAD_MB: positiveNumber.default(200),
    PUBLIC_URL: z.url().optional(),
  })
  .superRefine((env, ctx) => {
    const s3 = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY', 'S3_SECRET_KEY'] as const;
    const set = s3.filter((k) => env[k] !== undefined);
    if (set.length > 0 && set.length < s3.length) {
      for (const k of s3.filter((x) => env[x] === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: [k],
          message: `is required when ${set.join(', ')} is set`,
        });
      }
    }
  });

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  poolSize: number;
  /** Embedded PGlite on a thread of its own (`worker`) or on the server's event loop (`inline`). */
  pgliteThread: 'worker' | 'inline';
  demo: boolean;
  s3: { endpoint: string; bucket: string; accessKey: string; secretKey: string } | undefined;
  redisUrl: string | undefined;
  session: { idleTimeoutMs: number; absoluteTimeoutMs: number; secureCookies: boolean };
  maxUploadBytes: number;
  publicUrl: string | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and checks the environment; a bad value names its variable and why. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "unset" (as in `DATABASE_URL= npm start`).
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([k, v]) => k in EnvSchema.shape && v !== undefined && v !== ''),
  );
  const r = EnvSchema.safeParse(cleaned);
  if (!r.success) {
    const lines = r.error.issues.map((i) => {
      const name = String(i.path[0] ?? '(environment)');
      return `  ${name}=${JSON.stringify(source[name] ?? '')}: ${i.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = r.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    poolSize: e.DB_POOL_SIZE,
    pgliteThread: e.PGLITE_THREAD,
    // Demo data never in production, and never when DEMO=0.
    demo: e.NODE_ENV === 'production' ? false : (e.DEMO ?? true),
    s3: e.S3_ENDPOINT
      ? {
          endpoint: e.S3_ENDPOINT,
          bucket: e.S3_BUCKET!,
          accessKey: e.S3_ACCESS_KEY!,
          secretKey: e.S3_SECRET_KEY!,
        }
      : undefined,
    redisUrl: e.REDIS_URL,
    session: {
      idleTimeoutMs: e.SESSION_IDLE_HOURS * 3600_000,
      absoluteTimeoutMs: e.SESSION_MAX_DAYS * 24 * 3600_000,
      secureCookies: e.SECURE_COOKIES,
    },
    maxUploadBytes: Math.round(e.MAX_UPLOAD_MB * 1024 * 1024),
    publicUrl: e.PUBLIC_URL,
  };
}
