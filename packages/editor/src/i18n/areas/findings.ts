/**
 * Messages of the findings screens, Chinese first. Both languages live here so the
 * screens' owner edits one file; `zh.ts` and `en.ts` spread them in.
 */
export const findingsZh = {
  'findings.placeholder': 'findings',
} as const;

export const findingsEn: Record<keyof typeof findingsZh, string> = {
  'findings.placeholder': 'findings',
};
