import { CloseCode } from '@rectify/domain';
import { WebSocket } from 'ws';

/** What `ws` closes with, by itself, when a frame is larger than `maxPayload`. */
const WS_MESSAGE_TOO_BIG = 1009;

/**
 * `ws` rejects an oversized frame before any listener runs and closes with
 * 1009 on its own. The stock client treats 1009 as transient and would resend
 * the same oversized sync step forever; our `MessageTooBig` (4413) sits in the
 * 4400–4499 range it treats as final. `WebSocketServer`'s `WebSocket` option
 * is the documented way to swap the class, so this is the one place to map it.
 */
export class CollabSocket extends WebSocket {
  override close(code?: number, data?: string | Buffer): void {
    if (code === WS_MESSAGE_TOO_BIG) super.close(CloseCode.MessageTooBig, 'message too big');
    else super.close(code, data);
  }
}
