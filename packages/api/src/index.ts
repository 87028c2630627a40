export { type AppType, createApi } from './app.ts';
export { hashPassword, verifyPassword } from './auth/passwords.ts';
export {
  type AccessRevoked,
  type AccessRevokedReason,
  type ApiDeps,
  type AuthSettings,
  DEFAULT_AUTH,
} from './deps.ts';
export { extractEvidenceText, extractPendingEvidenceText } from './evidence/index.ts';
export { isAllowedOrigin } from './lib/origin.ts';
export { loadPolicyActor } from './queries/policy-actor.ts';
export { reportFacts, reportResource, reportTexts } from './reports/report-store.ts';
