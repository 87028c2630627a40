import { createContext } from 'solid-js';
import type { LiveDoc } from './live-doc.ts';

/**
 * How a screen opens a live document. Unset in the app (the real collab
 * channel); tests provide a document without a socket.
 */
export const LiveOpener = createContext<(name: string) => LiveDoc>();
