import type { Round } from '@rectify/domain';
import { describe, expect, it } from 'vitest';
import { pickRound } from './pick-round.ts';

const round = (id: string, state: Round['state']): Round => ({
  id,
  name: id,
  theme: '',
  state,
  startsOn: null,
  endsOn: null,
});

describe('pickRound', () => {
  const rounds = [round('a', 'closed'), round('b', 'active'), round('c', 'active')];

  it('keeps the remembered round', () => {
    expect(pickRound(rounds, 'c')?.id).toBe('c');
  });

  it('otherwise takes the first active round', () => {
    expect(pickRound(rounds, null)?.id).toBe('b');
    expect(pickRound(rounds, 'gone')?.id).toBe('b');
  });

  it('falls back to the first round, and to nothing', () => {
    expect(pickRound([round('s', 'setup')], null)?.id).toBe('s');
    expect(pickRound([], null)).toBeUndefined();
  });
});
