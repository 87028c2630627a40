export { evidence } from './evidence-routes.ts';
export {
  evidenceTextSettled,
  extractEvidenceText,
  extractPendingEvidenceText,
} from './extract-text.ts';
export { DEFAULT_MAX_UPLOAD_BYTES } from './limits.ts';
