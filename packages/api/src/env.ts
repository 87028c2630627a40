import type { User } from '@rectify/domain';
import type { ApiDeps } from './deps.ts';

/** The authenticated caller of a request, set by the session middleware. */
export interface Actor {
  user: User;
  sessionId: string;
}

export interface ApiEnv {
  Variables: {
    deps: ApiDeps;
    actor: Actor | undefined;
    address: string;
  };
}
