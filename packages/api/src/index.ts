export { type AppType, createApi } from './app.ts';
export { hashPassword, verifyPassword } from './auth/passwords.ts';
export { type ApiDeps, type AuthSettings, DEFAULT_AUTH } from './deps.ts';
