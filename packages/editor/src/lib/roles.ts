import type { Membership, Role, User } from '@rectify/domain';

/**
 * The roles a user holds in a round: the round's memberships, plus `admin`
 * for administrators, who see every round. Without a round (none exists yet)
 * every membership counts, so an administrator still gets the admin rail.
 */
export function rolesInRound(
  user: User,
  memberships: readonly Membership[],
  roundId: string | undefined,
): ReadonlySet<Role> {
  const roles = new Set<Role>();
  if (user.isAdmin) roles.add('admin');
  for (const m of memberships) {
    if (roundId === undefined || m.roundId === roundId) roles.add(m.role);
  }
  return roles;
}

/** Inspectors work inside a group; a membership's group tells the top bar which. */
export function membershipInRound(
  memberships: readonly Membership[],
  roundId: string | undefined,
): Membership | undefined {
  const own = memberships.filter((m) => m.roundId === roundId);
  const order: Role[] = ['leader', 'member', 'unit_contact', 'leadership', 'admin'];
  return own.sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role))[0];
}
