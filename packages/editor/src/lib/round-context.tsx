import type { Role, Round } from '@rectify/domain';
import {
  type Accessor,
  createContext,
  createMemo,
  createResource,
  createSignal,
  type JSX,
  type Resource,
  useContext,
} from 'solid-js';
import { api } from './api.ts';
import type { RoundOverview } from './contracts.ts';
import { type NavSection, navFor } from './nav.ts';
import { pickRound, ROUND_STORAGE_KEY } from './pick-round.ts';
import { settled } from './resource.ts';
import { rolesInRound } from './roles.ts';
import { useSession } from './session.tsx';
import { readStored, writeStored } from './storage.ts';

/**
 * The round the user is looking at, and what follows from it: their roles in
 * it, the rail, and the overview (loaded once, shared by the page and the top
 * bar's group name).
 */
export interface RoundContextValue {
  rounds: Resource<Round[]>;
  refetchRounds: () => void;
  current: Accessor<Round | undefined>;
  select: (roundId: string) => void;
  roles: Accessor<ReadonlySet<Role>>;
  nav: Accessor<NavSection[]>;
  overview: Resource<RoundOverview | undefined>;
  refetchOverview: () => void;
}

const RoundContext = createContext<RoundContextValue>();

/** Unit contacts never load the overview: it counts other units' annotations. */
function seesOverview(roles: ReadonlySet<Role>): boolean {
  return (
    roles.has('admin') || roles.has('leadership') || roles.has('leader') || roles.has('member')
  );
}

export function RoundProvider(props: { children: JSX.Element }) {
  const session = useSession();
  const [rounds, { refetch: refetchRounds }] = createResource(api.rounds);
  const [chosen, setChosen] = createSignal(readStored(ROUND_STORAGE_KEY));

  const current = createMemo(() => pickRound(settled(rounds) ?? [], chosen()));
  const roles = createMemo(() => rolesInRound(session.user, session.memberships, current()?.id));
  const nav = createMemo(() => navFor(roles()));

  const overviewKey = () => {
    const round = current();
    return round && seesOverview(roles()) ? round.id : undefined;
  };
  const [overview, { refetch: refetchOverview }] = createResource(overviewKey, api.overview);

  const value: RoundContextValue = {
    rounds,
    refetchRounds: () => void refetchRounds(),
    current,
    select: (roundId) => {
      setChosen(roundId);
      writeStored(ROUND_STORAGE_KEY, roundId);
    },
    roles,
    nav,
    overview,
    refetchOverview: () => void refetchOverview(),
  };
  return <RoundContext.Provider value={value}>{props.children}</RoundContext.Provider>;
}

export function useRound(): RoundContextValue {
  const value = useContext(RoundContext);
  if (!value) throw new Error('useRound() needs a <RoundProvider> above it');
  return value;
}
