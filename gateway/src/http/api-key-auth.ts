/*
 * Authentication by bearer API key: `Authorization: Bearer <key>` maps, through the API key
 * registry, to the wallet label of the Fabric identity the gateway signs as.
 */
import type { IncomingHttpHeaders } from 'node:http';

import type { ApiKeyRegistry } from '../wallet/api-key-registry';
import type { AuthenticatedCaller } from './route';

const BEARER = /^Bearer ([A-Za-z0-9_.~+/=-]{1,256})$/;

/** An authenticator for createServer. */
export function apiKeyAuthenticator(
  registry: ApiKeyRegistry,
): (req: { readonly headers: IncomingHttpHeaders }) => Promise<AuthenticatedCaller | undefined> {
  return async (req) => {
    const key = BEARER.exec(req.headers.authorization ?? '')?.[1];
    if (key === undefined) {
      return undefined;
    }
    const label = await registry.resolve(key);
    return label === undefined ? undefined : { label };
  };
}
