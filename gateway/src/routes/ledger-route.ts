/*
 * Routes that call one contract as the caller and answer its record as JSON (the crawl and
 * training APIs): the operation, the contract's typed client, and a handler of path parameters,
 * body and query.
 */
import type { IdentitySessions } from '../fabric/identity-sessions';
import type { OperationSpec } from '../http/openapi';
import { defineRoute, type Route } from '../http/route';
import type { LedgerClient } from '../ledger/ledger-client';
import { objectSchema } from './route-schemas';

/** A handler of a contract route. */
export type ContractHandler<Client> = (
  client: Client,
  params: Record<string, string>,
  body: unknown,
  query: Record<string, unknown>,
) => Promise<unknown>;

/** A factory of authenticated JSON routes over one contract's client. */
export function contractRoutes<Client>(
  sessions: IdentitySessions,
  pick: (ledger: LedgerClient) => Client,
  tags: readonly string[],
): (
  spec: Omit<OperationSpec, 'tags' | 'authenticated' | 'responses'>,
  handle: ContractHandler<Client>,
) => Route {
  return (spec, handle) =>
    defineRoute(
      {
        ...spec,
        tags: [...tags],
        authenticated: true,
        responses: { '200': { description: 'The result', schema: objectSchema } },
      },
      async (req, res, caller) => {
        const client = pick(await sessions.ledgerFor(caller?.label ?? ''));
        res.json(await handle(client, req.params as Record<string, string>, req.body, req.query));
      },
    );
}
