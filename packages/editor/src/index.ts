/**
 * The editor is a browser app (built by Vite into dist/, served by
 * packages/server). Nothing here is meant for other packages beyond the
 * client error type, exported for tests and tooling.
 */

export { App } from './app.tsx';
export { ApiError, type ApiErrorCode } from './lib/api.ts';
