/** The findings screens open live documents like every other screen (see `LiveOpener`). */
export { LiveOpener as FindingLiveOpener } from '../../lib/collab/live-opener.ts';
