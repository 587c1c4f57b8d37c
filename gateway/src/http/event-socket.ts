/*
 * Events over WebSocket at /v1/events/ws?fromBlock=N: authenticated like every request (bearer
 * API key in the upgrade request), then one JSON text message per event.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';

import { WebSocketServer } from 'ws';

import type { IdentitySessions } from '../fabric/identity-sessions';
import { eventPosition, streamEvents } from '../routes/event-stream';
import type { AuthenticatedCaller } from './route';

/** Serve event WebSockets on a server. */
export function attachEventSocket(
  server: Server,
  deps: {
    readonly sessions: IdentitySessions;
    readonly authenticate: (req: IncomingMessage) => Promise<AuthenticatedCaller | undefined>;
  },
): void {
  const sockets = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://gateway');
    if (url.pathname !== '/v1/events/ws') {
      socket.destroy();
      return;
    }
    void (async () => {
      try {
        const caller = await deps.authenticate(req);
        if (caller === undefined) {
          socket.end(
            'HTTP/1.1 401 Unauthorized\r\ncontent-type: application/problem+json\r\n\r\n{"code":"DEURO_UNAUTHENTICATED","status":401}',
          );
          return;
        }
        const position = eventPosition(undefined, url.searchParams.get('fromBlock') ?? undefined);
        const ledger = await deps.sessions.ledgerFor(caller.label);
        sockets.handleUpgrade(req, socket, head, (ws) => {
          void streamEvents(ledger, position, (event) => {
            ws.send(JSON.stringify(event));
          }).then((stop) => ws.on('close', stop));
        });
      } catch {
        socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      }
    })();
  });
}
