/**
 * Messages of the coverage screens, Chinese first. Both languages live here so the
 * screens' owner edits one file; `zh.ts` and `en.ts` spread them in.
 */
export const coverageZh = {
  'coverage.placeholder': 'coverage',
} as const;

export const coverageEn: Record<keyof typeof coverageZh, string> = {
  'coverage.placeholder': 'coverage',
};
