import type { Membership, User } from '@rectify/domain';
import { createContext, type JSX, useContext } from 'solid-js';
import { api } from './api.ts';
import type { MeResponse } from './contracts.ts';
import { useRouter } from './router.tsx';

/** The signed-in user. Only exists below the session gate, so never null here. */
export interface Session {
  user: User;
  memberships: readonly Membership[];
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session>();

export function SessionProvider(props: { me: MeResponse; children: JSX.Element }) {
  const router = useRouter();
  const session: Session = {
    get user() {
      return props.me.user;
    },
    get memberships() {
      return props.me.memberships;
    },
    signOut: async () => {
      try {
        await api.logout();
      } catch {
        // The cookie may already be gone; leaving is what the user asked for.
      }
      router.navigate('/login', { replace: true });
    },
  };
  return <SessionContext.Provider value={session}>{props.children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() needs a <SessionProvider> above it');
  return session;
}
