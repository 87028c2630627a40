import type { PolicyActor, User } from '@rectify/domain';
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
    /** The caller as the policy sees them (memberships, recusals); set with `actor`. */
    policyActor: PolicyActor | undefined;
    /** Set once a route asked the policy (or declared itself public). */
    policyChecked: boolean;
    address: string;
  };
}
