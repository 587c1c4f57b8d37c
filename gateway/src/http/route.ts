/*
 * A route: its OpenAPI operation and its handler, defined together so the document, the
 * validation and the behaviour are one thing.
 */
import type { Request, Response } from 'express';

import type { OperationSpec } from './openapi';

/** Who is calling, once authenticated. */
export interface AuthenticatedCaller {
  /** The wallet label of the Fabric identity the gateway signs as. */
  readonly label: string;
}

/** A request handler; its returned promise's rejection goes to the problem+json middleware. */
export type RouteHandler = (
  req: Request,
  res: Response,
  caller: AuthenticatedCaller | undefined,
) => Promise<void> | void;

/** An operation and its handler. */
export interface Route {
  readonly spec: OperationSpec;
  readonly handle: RouteHandler;
}

/** Define a route. */
export function defineRoute(spec: OperationSpec, handle: RouteHandler): Route {
  return { spec, handle };
}

/** Express path of an OpenAPI path (`/v1/assets/{id}` → `/v1/assets/:id`). */
export function expressPath(openApiPath: string): string {
  return openApiPath.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
}
