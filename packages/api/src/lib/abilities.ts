import { z } from '@hono/zod-openapi';
import { can, type PolicyActor, type RoundFacts } from '@rectify/domain';

export const AbilitiesSchema = z
  .object({
    manage: z.boolean(),
    annotate: z.boolean(),
    approveFindings: z.boolean(),
    meetings: z.boolean(),
    auditLog: z.boolean(),
    unitPortal: z.boolean(),
  })
  .openapi('Abilities');
export type Abilities = z.infer<typeof AbilitiesSchema>;

/** A round with the groups it has: the facts representative resources are built from. */
export interface RoundScope {
  round: RoundFacts;
  groupIds: readonly string[];
}

// A unit id no recusal or contact membership names: "some unit of that group".
const ANY_UNIT = '';

/**
 * What the caller may do in a round, for the UI to show only that. Decided by
 * asking the one policy about representative resources (one per group of the
 * round, one per unit the caller answers for), never by reading roles here.
 */
export function roundAbilities(actor: PolicyActor, scope: RoundScope): Abilities {
  const { round } = scope;
  const groups = [...scope.groupIds, null];
  const units = [
    ...actor.memberships.flatMap((m) => (m.roundId === round.id && m.unitId ? [m.unitId] : [])),
    ANY_UNIT,
  ];
  return {
    manage: can(actor, 'manage', { kind: 'round', round }),
    annotate: groups.some((groupId) =>
      can(actor, 'write', { kind: 'annotation', round, unitId: ANY_UNIT, groupId }),
    ),
    approveFindings: groups.some((groupId) =>
      can(actor, 'approve', {
        kind: 'finding',
        state: 'confirmed',
        round,
        unitId: ANY_UNIT,
        groupId,
      }),
    ),
    meetings: can(actor, 'read', { kind: 'meeting', round }),
    auditLog: can(actor, 'read', { kind: 'audit_log' }),
    unitPortal: units.some((unitId) =>
      can(actor, 'write', { kind: 'statement', round, unitId, groupId: null }),
    ),
  };
}
