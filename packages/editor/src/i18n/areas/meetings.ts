/**
 * Messages of the meetings screens, Chinese first. Both languages live here so the
 * screens' owner edits one file; `zh.ts` and `en.ts` spread them in.
 */
export const meetingsZh = {
  'meetings.placeholder': 'meetings',
} as const;

export const meetingsEn: Record<keyof typeof meetingsZh, string> = {
  'meetings.placeholder': 'meetings',
};
