/*
 * Reading assets: one by id, lists by owner, kind, state, recipient or shared-with-me with bookmark
 * pagination, and history.
 */
import { ApiError } from '../errors/api-error';
import type { IdentitySessions } from '../fabric/identity-sessions';
import { defineRoute, type AuthenticatedCaller, type Route } from '../http/route';
import type { LedgerClient } from '../ledger/ledger-client';
import type { AssetFilter } from '../ledger/ledger-types';
import {
  assetIdSchema,
  assetKindSchema,
  assetStateSchema,
  bookmarkSchema,
  identityIdSchema,
  objectSchema,
  pageSizeSchema,
} from './route-schemas';

const TAGS = ['assets'];
const DEFAULT_PAGE_SIZE = 50;

/** Which filter a list request names; exactly one is required. */
function filterOf(query: Record<string, unknown>): AssetFilter {
  const named: AssetFilter[] = [];
  if (typeof query.owner === 'string') named.push({ by: 'owner', ownerId: query.owner });
  if (typeof query.kind === 'string') named.push({ by: 'kind', kind: query.kind });
  if (typeof query.state === 'string') named.push({ by: 'state', state: query.state });
  if (typeof query.recipient === 'string')
    named.push({ by: 'recipient', recipient: query.recipient });
  if (query.sharedWithMe === 'true') named.push({ by: 'sharedWithMe' });
  const [filter, ...others] = named;
  if (filter === undefined || others.length > 0) {
    throw new ApiError(
      'DEURO_VALIDATION_FAILED',
      'name exactly one of owner, kind, state, recipient or sharedWithMe=true',
      {
        errors: [{ pointer: '/query', detail: 'exactly one filter is required' }],
      },
    );
  }
  return filter;
}

/** The asset read routes. */
export function newAssetReadRoutes(sessions: IdentitySessions): Route[] {
  const ledger = (caller: AuthenticatedCaller | undefined): Promise<LedgerClient> =>
    sessions.ledgerFor(caller?.label ?? '');
  return [
    defineRoute(
      {
        method: 'get',
        path: '/v1/assets',
        operationId: 'listAssets',
        summary:
          'List assets by owner, kind, state, recipient, or shared with me (one filter), a page at a time',
        tags: TAGS,
        authenticated: true,
        queryParameters: {
          owner: identityIdSchema,
          kind: assetKindSchema,
          state: assetStateSchema,
          recipient: { type: 'string', maxLength: 100 },
          sharedWithMe: { type: 'string', enum: ['true'] },
          pageSize: pageSizeSchema,
          bookmark: bookmarkSchema,
        },
        responses: {
          '200': {
            description: '{records, bookmark}; follow bookmark until it is empty',
            schema: objectSchema,
          },
        },
      },
      async (req, res, caller) => {
        const query = req.query as Record<string, unknown>;
        const filter = filterOf(query);
        const pageSize =
          typeof query.pageSize === 'string' ? Number(query.pageSize) : DEFAULT_PAGE_SIZE;
        const bookmark = typeof query.bookmark === 'string' ? query.bookmark : '';
        res.json(await (await ledger(caller)).listAssets(filter, pageSize, bookmark));
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/v1/assets/{id}',
        operationId: 'getAsset',
        summary: "An asset's public record",
        tags: TAGS,
        authenticated: true,
        pathParameters: { id: assetIdSchema },
        responses: { '200': { description: 'The record', schema: objectSchema } },
      },
      async (req, res, caller) => {
        res.json(await (await ledger(caller)).getAsset(String(req.params.id)));
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/v1/assets/{id}/history',
        operationId: 'getAssetHistory',
        summary: 'Every version of an asset, oldest first',
        tags: TAGS,
        authenticated: true,
        pathParameters: { id: assetIdSchema },
        responses: {
          '200': { description: 'The versions', schema: { type: 'array', items: objectSchema } },
        },
      },
      async (req, res, caller) => {
        res.json(await (await ledger(caller)).assetHistory(String(req.params.id)));
      },
    ),
  ];
}
