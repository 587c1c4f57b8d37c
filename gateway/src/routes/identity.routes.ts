/*
 * The caller and the key directory: who am I, register or rotate my encryption key, look up a
 * counter-party's key and an organization's identities.
 */
import type { IdentitySessions } from '../fabric/identity-sessions';
import { defineRoute, type AuthenticatedCaller, type Route } from '../http/route';
import type { LedgerClient } from '../ledger/ledger-client';
import { fingerprintSchema, identityIdSchema, mspIdSchema, objectSchema } from './route-schemas';

const TAGS = ['identities'];

/** The identity and key directory routes. */
export function newIdentityRoutes(sessions: IdentitySessions): Route[] {
  const ledger = (caller: AuthenticatedCaller | undefined): Promise<LedgerClient> =>
    sessions.ledgerFor(caller?.label ?? '');
  return [
    defineRoute(
      {
        method: 'get',
        path: '/v1/me',
        operationId: 'whoAmI',
        summary: 'The calling identity as the ledger names it',
        tags: TAGS,
        authenticated: true,
        responses: { '200': { description: 'The identity', schema: objectSchema } },
      },
      async (_req, res, caller) => {
        res.json({ label: caller?.label, ...(await (await ledger(caller)).whoAmI()) });
      },
    ),
    defineRoute(
      {
        method: 'put',
        path: '/v1/me/encryption-key',
        operationId: 'registerMyEncryptionKey',
        summary: 'Register (or rotate to) my encryption public key',
        tags: TAGS,
        authenticated: true,
        requestBody: {
          contentType: 'application/json',
          schema: {
            type: 'object',
            required: ['publicKeyPem'],
            additionalProperties: false,
            properties: { publicKeyPem: { type: 'string', minLength: 1, maxLength: 16384 } },
          },
        },
        responses: { '200': { description: 'The registered key', schema: objectSchema } },
      },
      async (req, res, caller) => {
        const { publicKeyPem } = req.body as { publicKeyPem: string };
        res.json(await (await ledger(caller)).registerEncryptionKey(publicKeyPem));
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/v1/identities/{identityId}/encryption-key',
        operationId: 'getEncryptionKey',
        summary: "An identity's active encryption key",
        tags: TAGS,
        authenticated: true,
        pathParameters: { identityId: identityIdSchema },
        responses: { '200': { description: 'The key', schema: objectSchema } },
      },
      async (req, res, caller) => {
        res.json(await (await ledger(caller)).getEncryptionKey(String(req.params.identityId)));
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/v1/encryption-keys/{fingerprint}',
        operationId: 'getEncryptionKeyByFingerprint',
        summary: 'A key by fingerprint, active or retired',
        tags: TAGS,
        authenticated: true,
        pathParameters: { fingerprint: fingerprintSchema },
        responses: { '200': { description: 'The key', schema: objectSchema } },
      },
      async (req, res, caller) => {
        res.json(await (await ledger(caller)).getKeyByFingerprint(String(req.params.fingerprint)));
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/v1/orgs/{mspId}/identities',
        operationId: 'listOrgIdentities',
        summary: 'The identities of an organization that registered keys',
        tags: TAGS,
        authenticated: true,
        pathParameters: { mspId: mspIdSchema },
        responses: {
          '200': { description: 'The identities', schema: { type: 'array', items: objectSchema } },
        },
      },
      async (req, res, caller) => {
        res.json(await (await ledger(caller)).listOrgIdentities(String(req.params.mspId)));
      },
    ),
  ];
}
