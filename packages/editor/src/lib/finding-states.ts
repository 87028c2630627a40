import type { FindingState } from '@rectify/domain';

/**
 * The findings lifecycle in order. A local copy because the browser imports
 * only types from @rectify/domain (its values pull zod into the bundle); the
 * check below fails to compile if the domain gains a state we do not list.
 */
export const FINDING_ORDER = [
  'draft',
  'confirmed',
  'approved',
  'issued',
  'rectifying',
  'closed',
] as const satisfies readonly FindingState[];

type Unlisted = Exclude<FindingState, (typeof FINDING_ORDER)[number]>;
export const findingOrderIsComplete: [Unlisted] extends [never] ? true : never = true;
