import type { Role } from '@rectify/domain';
import { describe, expect, it } from 'vitest';
import { entryFor, homePath, navFor } from './nav.ts';

const paths = (roles: Role[]) =>
  navFor(new Set(roles)).flatMap((s) => s.entries.map((e) => e.path));

describe('navFor', () => {
  it('lists each path once, editable views winning over read-only ones', () => {
    const sections = navFor(new Set<Role>(['leader', 'leadership']));
    const all = sections.flatMap((s) => s.entries);
    expect(new Set(all.map((e) => e.path)).size).toBe(all.length);
    expect(all.find((e) => e.path === '/coverage')?.readOnly).toBeUndefined();
  });

  it('gives nobody anything without a role', () => {
    expect(navFor(new Set())).toEqual([]);
  });

  it('never offers a unit contact working papers', () => {
    expect(paths(['unit_contact'])).toEqual(['/tasks', '/feedback', '/follow-up']);
  });
});

describe('homePath', () => {
  it('is the overview for inspectors and the tasks for unit contacts', () => {
    expect(homePath(navFor(new Set<Role>(['member'])))).toBe('/');
    expect(homePath(navFor(new Set<Role>(['unit_contact'])))).toBe('/tasks');
  });
});

describe('entryFor', () => {
  it('finds rail entries and search, and nothing outside the role', () => {
    const unit = navFor(new Set<Role>(['unit_contact']));
    expect(entryFor('/tasks', unit)?.label).toBe('nav.tasks');
    expect(entryFor('/search', unit)?.label).toBe('nav.search');
    expect(entryFor('/coverage', unit)).toBeUndefined();
  });
});
