import { createContext } from 'solid-js';
import type { LiveDoc } from '../../lib/collab/live-doc.ts';

/**
 * How the findings screens open a live document. Unset in the app (the real
 * collab channel); tests provide a document without a socket.
 */
export const FindingLiveOpener = createContext<(name: string) => LiveDoc>();
