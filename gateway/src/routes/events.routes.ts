/*
 * Events over Server-Sent Events: `GET /v1/events?fromBlock=N`, resumable with Last-Event-ID.
 * The WebSocket variant is attached to the HTTP server (event-socket.ts).
 */
import { ApiError } from '../errors/api-error';
import type { IdentitySessions } from '../fabric/identity-sessions';
import { defineRoute, type Route } from '../http/route';
import { eventPosition, streamEvents } from './event-stream';

/** The SSE route, and the WebSocket's entry in the OpenAPI document. */
export function newEventRoutes(sessions: IdentitySessions): Route[] {
  return [
    defineRoute(
      {
        method: 'get',
        path: '/v1/events',
        operationId: 'streamEvents',
        summary:
          "The ledger's events as Server-Sent Events, from a block (or resumed with Last-Event-ID); WebSocket at /v1/events/ws",
        tags: ['events'],
        authenticated: true,
        queryParameters: { fromBlock: { type: 'string', pattern: '^[0-9]{1,20}$' } },
        responses: {
          '200': { description: 'text/event-stream of events', contentType: 'text/event-stream' },
        },
      },
      async (req, res, caller) => {
        const position = eventPosition(
          req.header('last-event-id'),
          typeof req.query.fromBlock === 'string' ? req.query.fromBlock : undefined,
        );
        const ledger = await sessions.ledgerFor(caller?.label ?? '');
        res.status(200).set({
          'content-type': 'text/event-stream',
          'cache-control': 'no-cache',
          connection: 'keep-alive',
        });
        res.flushHeaders();
        const stop = await streamEvents(ledger, position, (event) => {
          res.write(`id: ${event.id}\nevent: ${event.name}\ndata: ${JSON.stringify(event)}\n\n`);
        });
        req.on('close', stop);
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/v1/events/ws',
        operationId: 'streamEventsWebSocket',
        summary:
          "The ledger's events over a WebSocket (Upgrade: websocket), from a block (fromBlock); each message is one event as JSON, with its id to resume from",
        tags: ['events'],
        authenticated: true,
        queryParameters: { fromBlock: { type: 'string', pattern: '^[0-9]{1,20}$' } },
        responses: { '101': { description: 'Switching to the WebSocket protocol' } },
      },
      () => {
        // Upgrades never reach Express (event-socket.ts takes them on the server).
        throw new ApiError(
          'DEURO_UPGRADE_REQUIRED',
          'open /v1/events/ws as a WebSocket (Upgrade: websocket), or use GET /v1/events for Server-Sent Events',
        );
      },
    ),
  ];
}
