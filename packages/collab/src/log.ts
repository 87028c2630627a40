export type CollabLogLevel = 'info' | 'warn' | 'error';

/**
 * Where collab reports what it survived (bad frames, store failures, dropped
 * writes). A function rather than a logger class so `server` can hand in its
 * own logger, and tests can collect entries.
 */
export type CollabLog = (
  level: CollabLogLevel,
  message: string,
  fields?: Record<string, unknown>,
) => void;

/** Default: warnings and errors to the console, info dropped. */
export const consoleLog: CollabLog = (level, message, fields) => {
  if (level === 'info') return;
  console[level](`[collab] ${message}`, fields ?? {});
};
