export { exportLedger, XLSX_MIME } from './export-ledger.ts';
export {
  type ApplyOptions,
  applyLedger,
  type ImportResult,
  type LedgerFile,
  type LedgerPreview,
  previewLedger,
} from './import-ledger.ts';
export { ledger } from './routes.ts';
