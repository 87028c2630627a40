import { ROLE_LABELS, type Role } from '@rectify/domain';
import type { Lang } from '../../i18n/i18n.tsx';
import type { RoundMembership } from './admin-api.ts';

/** A role's name in the reader's language (the one list in packages/domain). */
export function roleName(role: Role, lang: Lang): string {
  return lang === 'en' ? ROLE_LABELS[role].en : ROLE_LABELS[role].zh;
}

/** "组员 · 第一巡视组", "被巡视单位联系人 · 教务处": a seat as one short phrase. */
export function seatLabel(m: RoundMembership, lang: Lang): string {
  const where = m.groupName ?? m.unitName;
  return where ? `${roleName(m.role, lang)} · ${where}` : roleName(m.role, lang);
}
