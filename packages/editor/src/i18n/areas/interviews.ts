/**
 * Messages of the interviews screens, Chinese first. Both languages live here so the
 * screens' owner edits one file; `zh.ts` and `en.ts` spread them in.
 */
export const interviewsZh = {
  'interviews.placeholder': 'interviews',
} as const;

export const interviewsEn: Record<keyof typeof interviewsZh, string> = {
  'interviews.placeholder': 'interviews',
};
