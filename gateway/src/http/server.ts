/*
 * createServer(deps) builds the Express app of one organization's gateway; it listens nowhere, so
 * tests drive it without the network. Order: metrics, body parsing, the operational endpoints,
 * every route (validated against its OpenAPI operation, authenticated when it says so), the
 * unknown-route answer, and last the problem+json middleware.
 */
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

import { ApiError } from '../errors/api-error';
import type { PeerReachability } from '../fabric/peer-reachability';
import type { Logger } from './logger';
import type { GatewayMetrics } from './metrics';
import { openApiDocument, openApiHtml, type OperationSpec } from './openapi';
import { problemMiddleware, routeNotFound } from './problem';
import { expressPath, type AuthenticatedCaller, type Route } from './route';
import { validateRequest } from './validation';

/** What the server needs. */
export interface ServerDependencies {
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  /** The API version shown in the OpenAPI document. */
  readonly version: string;
  /**
   * Resolves when the ledger answers, with each peer's reachability (any unreachable peer makes
   * the answer `degraded`, still 200); rejects with what is wrong.
   */
  readonly checkReady: () => Promise<readonly PeerReachability[]>;
  /** Identifies the caller of a request, or undefined when it presents no valid credential. */
  readonly authenticate: (req: Request) => Promise<AuthenticatedCaller | undefined>;
  readonly routes: readonly Route[];
  /** Largest JSON body accepted. */
  readonly jsonLimit?: string;
}

const operationalSpecs: readonly OperationSpec[] = [
  {
    method: 'get',
    path: '/healthz',
    operationId: 'health',
    summary: 'The process is up',
    tags: ['operations'],
    authenticated: false,
    responses: { '200': { description: 'Up' } },
  },
  {
    method: 'get',
    path: '/readyz',
    operationId: 'ready',
    summary:
      'The gateway reaches the ledger; each peer of its organization is listed as reachable or not',
    tags: ['operations'],
    authenticated: false,
    responses: { '200': { description: 'Ready' } },
  },
  {
    method: 'get',
    path: '/metrics',
    operationId: 'metrics',
    summary: 'Prometheus metrics',
    tags: ['operations'],
    authenticated: false,
    responses: { '200': { description: 'Metrics', contentType: 'text/plain' } },
  },
  {
    method: 'get',
    path: '/openapi.json',
    operationId: 'openapi',
    summary: 'This API as OpenAPI 3.1',
    tags: ['operations'],
    authenticated: false,
    responses: { '200': { description: 'The document' } },
  },
  {
    method: 'get',
    path: '/docs',
    operationId: 'docs',
    summary: 'A readable reference of this API',
    tags: ['operations'],
    authenticated: false,
    responses: { '200': { description: 'HTML', contentType: 'text/html' } },
  },
];

/** Build the app. */
export function createServer(deps: ServerDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(deps.metrics.middleware);
  app.use(express.json({ limit: deps.jsonLimit ?? '256kb' }));

  const document = openApiDocument(
    [...operationalSpecs, ...deps.routes.map((route) => route.spec)],
    deps.version,
  );
  const html = openApiHtml(document);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    let peers: readonly PeerReachability[];
    try {
      peers = await deps.checkReady();
    } catch (error) {
      throw new ApiError('DEURO_LEDGER_UNAVAILABLE', 'the gateway cannot reach the ledger', {
        cause: error,
      });
    }
    res.json({ status: peers.every((peer) => peer.reachable) ? 'ready' : 'degraded', peers });
  });
  app.get('/metrics', deps.metrics.handler);
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.get('/docs', (_req, res) => {
    res.type('html').send(html);
  });

  for (const route of deps.routes) {
    app[route.spec.method](
      expressPath(route.spec.path),
      validateRequest(route.spec),
      async (req: Request, res: Response, next: NextFunction) => {
        const caller = route.spec.authenticated ? await deps.authenticate(req) : undefined;
        if (route.spec.authenticated && caller === undefined) {
          next(
            new ApiError(
              'DEURO_UNAUTHENTICATED',
              'present an API key as "Authorization: Bearer <key>"',
            ),
          );
          return;
        }
        await route.handle(req, res, caller);
      },
    );
  }
  app.use(routeNotFound);
  app.use(problemMiddleware(deps.logger));
  return app;
}
