/**
 * Messages of the search screens, Chinese first. Both languages live here so the
 * screens' owner edits one file; `zh.ts` and `en.ts` spread them in.
 */
export const searchZh = {
  'search.placeholder': 'search',
} as const;

export const searchEn: Record<keyof typeof searchZh, string> = {
  'search.placeholder': 'search',
};
