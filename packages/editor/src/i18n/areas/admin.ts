/**
 * Messages of the admin screens, Chinese first. Both languages live here so the
 * screens' owner edits one file; `zh.ts` and `en.ts` spread them in.
 */
export const adminZh = {
  'admin.placeholder': 'admin',
} as const;

export const adminEn: Record<keyof typeof adminZh, string> = {
  'admin.placeholder': 'admin',
};
