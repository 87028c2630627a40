/**
 * Child-process entry for the peer collab servers the benches compare against
 * (`forkPeer` in collab-peers.ts starts it): one server on a free port of
 * 127.0.0.1, reported over IPC as `{ port }`; exits on the message `close`.
 *
 *   - `y-websocket-server`: @y/websocket-server 0.1.1 in memory, its own
 *     `setupWSConnection` on `/collab/<docName>`;
 *   - `hocuspocus`: @hocuspocus/server 3.4.4 in memory, default configuration
 *     (store debounce 2 s, nothing stored here anyway).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

const kind = process.argv[2] ?? '';
let port: number;
if (kind === 'y-websocket-server') {
  const { setupWSConnection } = await import('@y/websocket-server/utils');
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const http = createServer((_req, res) => res.end());
  http.on('upgrade', (req, socket, head) => {
    const docName = (req.url ?? '/').slice('/collab/'.length).split('?')[0] ?? '';
    wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req, { docName }));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  port = (http.address() as AddressInfo).port;
} else if (kind === 'hocuspocus') {
  const { Server } = await import('@hocuspocus/server');
  const server = new Server({ port: 0, address: '127.0.0.1', quiet: true });
  await server.listen();
  port = server.address.port;
} else {
  throw new Error(`unknown peer ${kind}`);
}
process.send?.({ port });
process.on('message', (message) => {
  if (message === 'close') process.exit(0);
});
