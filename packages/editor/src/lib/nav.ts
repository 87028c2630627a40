import type { Role } from '@rectify/domain';
import type { IconName } from '../components/icon.tsx';
import type { MessageKey } from '../i18n/zh.ts';

/** One entry of the left rail: a path of the app and its label. */
export interface NavEntry {
  path: string;
  label: MessageKey;
  icon: IconName;
  /** Leadership sees inspectors' views for the whole round, without editing. */
  readOnly?: boolean;
}

export interface NavSection {
  id: 'work' | 'leadership' | 'unit' | 'admin';
  label: MessageKey;
  entries: NavEntry[];
}

const OVERVIEW: NavEntry = { path: '/', label: 'nav.overview', icon: 'grid' };

const INSPECTOR: NavEntry[] = [
  OVERVIEW,
  { path: '/work', label: 'nav.workbench', icon: 'briefcase' },
  { path: '/coverage', label: 'nav.coverage', icon: 'table' },
  { path: '/findings', label: 'nav.findings', icon: 'flag' },
  { path: '/meetings', label: 'nav.meetings', icon: 'users' },
  { path: '/reports', label: 'nav.reports', icon: 'file' },
  { path: '/interviews', label: 'nav.interviews', icon: 'message' },
];

const LEADERSHIP: NavEntry[] = [
  OVERVIEW,
  { path: '/coverage', label: 'nav.coverage', icon: 'table', readOnly: true },
  { path: '/findings', label: 'nav.findings', icon: 'flag', readOnly: true },
  { path: '/meetings', label: 'nav.meetings', icon: 'users', readOnly: true },
  { path: '/reports', label: 'nav.reports', icon: 'file', readOnly: true },
];

const UNIT_CONTACT: NavEntry[] = [
  { path: '/tasks', label: 'nav.tasks', icon: 'tasks' },
  { path: '/feedback', label: 'nav.feedback', icon: 'inbox' },
  { path: '/follow-up', label: 'nav.followUp', icon: 'cycle' },
];

const ADMIN: NavEntry[] = [
  OVERVIEW,
  { path: '/coverage', label: 'nav.coverage', icon: 'table' },
  { path: '/findings', label: 'nav.findings', icon: 'flag' },
  { path: '/meetings', label: 'nav.meetings', icon: 'users' },
  { path: '/reports', label: 'nav.reports', icon: 'file' },
  { path: '/admin/rounds', label: 'nav.adminRounds', icon: 'layers' },
  { path: '/admin/framework', label: 'nav.adminFramework', icon: 'compass' },
  { path: '/admin/users', label: 'nav.adminUsers', icon: 'idCard' },
  { path: '/admin/import', label: 'nav.adminImport', icon: 'upload' },
  { path: '/admin/audit', label: 'nav.adminAudit', icon: 'list' },
];

/** Every path the app knows, for telling "not yours" from "does not exist". */
export const ALL_ENTRIES: readonly NavEntry[] = [
  ...INSPECTOR,
  ...UNIT_CONTACT,
  ...ADMIN,
  { path: '/search', label: 'nav.search', icon: 'search' },
];

/**
 * The rail for a set of roles. A path shows once, in the first section that
 * offers it, so a leader who is also in the leadership group keeps the
 * editable views. Hiding entries is only courtesy: the server decides access.
 */
export function navFor(roles: ReadonlySet<Role>): NavSection[] {
  const candidates: NavSection[] = [];
  if (roles.has('leader') || roles.has('member')) {
    candidates.push({ id: 'work', label: 'nav.section.work', entries: INSPECTOR });
  }
  if (roles.has('leadership')) {
    candidates.push({ id: 'leadership', label: 'nav.section.leadership', entries: LEADERSHIP });
  }
  if (roles.has('unit_contact')) {
    candidates.push({ id: 'unit', label: 'nav.section.unit', entries: UNIT_CONTACT });
  }
  if (roles.has('admin')) {
    candidates.push({ id: 'admin', label: 'nav.section.admin', entries: ADMIN });
  }
  const seen = new Set<string>();
  const sections: NavSection[] = [];
  for (const section of candidates) {
    const entries = section.entries.filter((e) => !seen.has(e.path));
    for (const e of entries) seen.add(e.path);
    if (entries.length > 0) sections.push({ ...section, entries });
  }
  return sections;
}

/** Where a role lands after login: the overview, or a unit contact's tasks. */
export function homePath(sections: readonly NavSection[]): string {
  const entries = sections.flatMap((s) => s.entries);
  if (entries.some((e) => e.path === '/')) return '/';
  return entries[0]?.path ?? '/';
}

/** Search is open to everyone signed in; everything else must be in the rail. */
export function entryFor(path: string, sections: readonly NavSection[]): NavEntry | undefined {
  if (path === '/search') return ALL_ENTRIES.find((e) => e.path === path);
  return sections.flatMap((s) => s.entries).find((e) => e.path === path);
}
