import type { Round } from '@rectify/domain';

export const ROUND_STORAGE_KEY = 'rectify.roundId';

/**
 * The round to show: the one the user chose last time if it still exists,
 * else the first active one, else the first at all (a round in setup, for
 * the administrator preparing it).
 */
export function pickRound(rounds: readonly Round[], remembered: string | null): Round | undefined {
  return (
    rounds.find((r) => r.id === remembered) ?? rounds.find((r) => r.state === 'active') ?? rounds[0]
  );
}
