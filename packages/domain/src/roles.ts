import { z } from 'zod';

/**
 * Roles are held per round (a membership row). `admin` is also a global flag
 * on the user: administrators of the inspection office see every round.
 */
export const ROLES = ['admin', 'leadership', 'leader', 'member', 'unit_contact'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '巡视办（管理员）', en: 'Administrator' },
  leadership: { zh: '领导小组', en: 'Leadership group' },
  leader: { zh: '组长', en: 'Group leader' },
  member: { zh: '组员', en: 'Group member' },
  unit_contact: { zh: '被巡视单位联系人', en: 'Unit contact' },
};
