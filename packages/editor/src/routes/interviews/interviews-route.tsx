import { ALL_ENTRIES } from '../../lib/nav.ts';
import { ComingSoonRoute } from '../coming-soon.tsx';

/** Placeholder until this screen is built. */
export function InterviewsRoute() {
  const entry = ALL_ENTRIES.find((e) => e.path === '/interviews');
  return entry ? <ComingSoonRoute entry={entry} home="/" /> : null;
}
