/**
 * Messages of the ledger screens, Chinese first. Both languages live here so the
 * screens' owner edits one file; `zh.ts` and `en.ts` spread them in.
 */
export const ledgerZh = {
  'ledger.placeholder': 'ledger',
} as const;

export const ledgerEn: Record<keyof typeof ledgerZh, string> = {
  'ledger.placeholder': 'ledger',
};
