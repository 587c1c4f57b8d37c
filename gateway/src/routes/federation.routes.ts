/*
 * The routes other organizations' gateways call (docs/gateway.md, "Federation"): an envelope this
 * gateway stored, for an organization the ledger lets read it; and the custody hand-over of an
 * envelope whose asset was transferred to a member of this gateway's organization. Callers
 * authenticate with their gateway certificate on the HTTPS listener; API keys and member
 * certificates are refused.
 */
import { setTimeout } from 'node:timers/promises';

import type { Request } from 'express';

import { ApiError } from '../errors/api-error';
import type { IdentitySessions } from '../fabric/identity-sessions';
import { receiveEnvelope } from '../federation/custody';
import { organizationMayRead } from '../federation/federation';
import type { LocalIdentities } from '../federation/local-identities';
import type { GatewayTrust } from '../federation/trust';
import { verifiedClientCertificate } from '../http/client-certificate';
import { defineRoute, type Route } from '../http/route';
import type { LedgerClient } from '../ledger/ledger-client';
import type { AssetRecord } from '../ledger/ledger-types';
import type { BlobStore } from '../store/blob-store';
import { openEnvelope } from '../storage/envelope-download';
import type { EnvelopeIndex } from '../storage/envelope-index';
import { assetIdSchema, fingerprintSchema, identityIdSchema } from './route-schemas';

const OWNER_WAIT_ATTEMPTS = 20;
const OWNER_WAIT_MS = 250;

/** What the federation routes need. */
export interface FederationRouteDependencies {
  readonly sessions: IdentitySessions;
  readonly identities: LocalIdentities;
  readonly trust: GatewayTrust;
  readonly store: BlobStore;
  readonly index: EnvelopeIndex;
}

/** The federation routes. */
export function newFederationRoutes(deps: FederationRouteDependencies): Route[] {
  const callingGateway = (req: Request): string => {
    const certificate = verifiedClientCertificate(req);
    const role = certificate === undefined ? undefined : deps.trust.classify(certificate);
    if (role?.kind !== 'gateway') {
      throw new ApiError(
        'DEURO_UNAUTHENTICATED',
        "only another organization's gateway may call this, with its gateway certificate",
      );
    }
    return role.mspId;
  };
  const ownerLabel = async (owner: unknown, id: string): Promise<string> => {
    const label = typeof owner === 'string' ? await deps.identities.labelOf(owner) : undefined;
    if (label === undefined) {
      throw new ApiError('DEURO_STORE_NOT_FOUND', `this gateway does not hold asset ${id}`);
    }
    return label;
  };
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
        const mspId = callingGateway(req);
        const id = String(req.params.id);
        const { owner, sha256 } = req.query;
        if (typeof owner !== 'string' || typeof sha256 !== 'string') {
          throw new ApiError(
            'DEURO_VALIDATION_FAILED',
            'query parameters owner and sha256 are required',
            { errors: [{ pointer: '/query', detail: 'owner and sha256 are required' }] },
          );
        }
        const label = await ownerLabel(owner, id);
        const asset = await (await deps.sessions.ledgerFor(label)).getAsset(id);
        if (asset.ciphertextSha256 !== sha256) {
          throw new ApiError(
            'DEURO_STORE_NOT_FOUND',
            `that is not the current envelope of asset ${id}`,
          );
        }
        if (!organizationMayRead(asset, mspId)) {
          throw new ApiError('DEURO_ACCESS_DENIED', `${mspId} may not read asset ${id}`);
        }
        const envelope = await openEnvelope(deps.store, deps.index, asset.ciphertextSha256);
        res.status(200).type('application/cms').setHeader('content-length', String(envelope.size));
        envelope.stream.on('error', () => res.destroy());
        envelope.stream.pipe(res);
      },
    ),
    defineRoute(
      {
        method: 'put',
        path: '/v1/federation/assets/{id}/envelope',
        operationId: 'federationReceiveEnvelope',
        summary:
          "For other organizations' gateways (mutual TLS with a gateway certificate): take custody of the envelope of an asset transferred to a member of this organization",
        tags: ['federation'],
        authenticated: false,
        pathParameters: { id: assetIdSchema },
        queryParameters: {
          owner: { ...identityIdSchema, description: "The new owner's identity id" },
        },
        requestBody: {
          contentType: 'application/octet-stream',
          schema: { type: 'string', format: 'binary' },
        },
        responses: { '201': { description: 'Stored', schema: { type: 'object' } } },
      },
      async (req, res) => {
        callingGateway(req);
        const id = String(req.params.id);
        const owner = typeof req.query.owner === 'string' ? req.query.owner : '';
        const label = await ownerLabel(owner, id);
        const asset = await waitForOwner(await deps.sessions.ledgerFor(label), id, owner);
        if ((await deps.index.get(asset.ciphertextSha256)) === undefined) {
          await receiveEnvelope(req, asset.ciphertextSha256, deps.store, deps.index);
        } else {
          req.resume();
        }
        res.status(201).json({ envelopeSha256: asset.ciphertextSha256 });
      },
    ),
  ];
}

/**
 * The asset once this gateway's peer has committed its transfer to `owner` (the sending
 * gateway's peer may be a block ahead).
 * @throws ApiError `DEURO_ACCESS_DENIED` when the asset does not become the owner's.
 */
async function waitForOwner(ledger: LedgerClient, id: string, owner: string): Promise<AssetRecord> {
  for (let attempt = 0; ; attempt++) {
    try {
      const asset = await ledger.getAsset(id);
      if (asset.owner.identityId === owner) {
        return asset;
      }
    } catch (error) {
      if (attempt >= OWNER_WAIT_ATTEMPTS) {
        throw error;
      }
    }
    if (attempt >= OWNER_WAIT_ATTEMPTS) {
      throw new ApiError('DEURO_ACCESS_DENIED', `asset ${id} is not owned by ${owner}`);
    }
    await setTimeout(OWNER_WAIT_MS);
  }
}
