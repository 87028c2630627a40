export { type AppType, createApi } from './app.ts';
export { hashPassword, verifyPassword } from './auth/passwords.ts';
export {
  type AccessRevoked,
  type AccessRevokedReason,
  type ApiDeps,
  type AuthSettings,
  DEFAULT_AUTH,
} from './deps.ts';
export { isAllowedOrigin } from './lib/origin.ts';
