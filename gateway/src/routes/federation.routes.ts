/*
 * The one route other organizations' gateways call (docs/gateway.md, "Federation"): an envelope
 * this gateway stored, for an organization the ledger lets read it. Callers authenticate with
 * their gateway certificate on the HTTPS listener; API keys and member certificates are refused.
 */
import { ApiError } from '../errors/api-error';
import type { IdentitySessions } from '../fabric/identity-sessions';
import { organizationMayRead } from '../federation/federation';
import type { LocalIdentities } from '../federation/local-identities';
import type { GatewayTrust } from '../federation/trust';
import { verifiedClientCertificate } from '../http/client-certificate';
import { defineRoute, type Route } from '../http/route';
import type { BlobStore } from '../store/blob-store';
import { openEnvelope } from '../storage/envelope-download';
import type { EnvelopeIndex } from '../storage/envelope-index';
import { assetIdSchema, fingerprintSchema, identityIdSchema } from './route-schemas';

/** What the federation route needs. */
export interface FederationRouteDependencies {
  readonly sessions: IdentitySessions;
  readonly identities: LocalIdentities;
  readonly trust: GatewayTrust;
  readonly store: BlobStore;
  readonly index: EnvelopeIndex;
}

/** The federation route. */
export function newFederationRoutes(deps: FederationRouteDependencies): Route[] {
  return [
    defineRoute(
      {
        method: 'get',
        path: '/v1/federation/assets/{id}/envelope',
        operationId: 'federationEnvelope',
        summary:
          "For other organizations' gateways (mutual TLS with a gateway certificate): the current envelope of an asset this gateway stored",
        tags: ['federation'],
        authenticated: false,
        pathParameters: { id: assetIdSchema },
        queryParameters: {
          owner: { ...identityIdSchema, description: "The asset owner's identity id" },
          sha256: { ...fingerprintSchema, description: "The ledger's hash of the envelope" },
        },
        responses: {
          '200': {
            description: 'The envelope',
            contentType: 'application/cms',
            schema: { type: 'string', format: 'binary' },
          },
        },
      },
      async (req, res) => {
        const certificate = verifiedClientCertificate(req);
        const role = certificate === undefined ? undefined : deps.trust.classify(certificate);
        if (role?.kind !== 'gateway') {
          throw new ApiError(
            'DEURO_UNAUTHENTICATED',
            "only another organization's gateway may call this, with its gateway certificate",
          );
        }
        const id = String(req.params.id);
        const { owner, sha256 } = req.query;
        if (typeof owner !== 'string' || typeof sha256 !== 'string') {
          throw new ApiError(
            'DEURO_VALIDATION_FAILED',
            'query parameters owner and sha256 are required',
            { errors: [{ pointer: '/query', detail: 'owner and sha256 are required' }] },
          );
        }
        const ownerLabel = await deps.identities.labelOf(owner);
        if (ownerLabel === undefined) {
          throw new ApiError('DEURO_STORE_NOT_FOUND', `this gateway does not hold asset ${id}`);
        }
        const asset = await (await deps.sessions.ledgerFor(ownerLabel)).getAsset(id);
        if (asset.ciphertextSha256 !== sha256) {
          throw new ApiError(
            'DEURO_STORE_NOT_FOUND',
            `that is not the current envelope of asset ${id}`,
          );
        }
        if (!organizationMayRead(asset, role.mspId)) {
          throw new ApiError('DEURO_ACCESS_DENIED', `${role.mspId} may not read asset ${id}`);
        }
        const envelope = await openEnvelope(deps.store, deps.index, asset.ciphertextSha256);
        res.status(200).type('application/cms').setHeader('content-length', String(envelope.size));
        envelope.stream.on('error', () => res.destroy());
        envelope.stream.pipe(res);
      },
    ),
  ];
}
