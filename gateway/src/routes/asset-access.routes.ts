/*
 * Granting, revoking and transferring. The gateway never holds an owner's encryption private key,
 * so the new envelope header is made where that key is (deuro share / revoke re-wrap the content
 * key locally) and sent here with the grants; the gateway indexes the new envelope version
 * (same bulk, same trailer), and the ledger checks that its keys reach exactly the readers.
 */
import { ApiError } from '../errors/api-error';
import { pushEnvelope } from '../federation/custody';
import type { Federation } from '../federation/federation';
import type { IdentitySessions } from '../fabric/identity-sessions';
import { defineRoute, type AuthenticatedCaller, type Route } from '../http/route';
import type { LedgerClient } from '../ledger/ledger-client';
import type { AssetRecord, Grant } from '../ledger/ledger-types';
import type { BlobStore } from '../store/blob-store';
import type { EnvelopeIndex, EnvelopeManifest } from '../storage/envelope-index';
import { indexRewrappedEnvelope } from '../storage/envelope-rewrite';
import { assetIdSchema, identityIdSchema, objectSchema } from './route-schemas';

/** What the access routes need. */
export interface AssetAccessDependencies {
  readonly sessions: IdentitySessions;
  readonly store: BlobStore;
  readonly index: EnvelopeIndex;
  /** Hands envelopes of assets transferred to another organization to its gateway. */
  readonly federation?: Federation;
}

const grantSchema = {
  type: 'object',
  required: ['type', 'id'],
  additionalProperties: false,
  properties: {
    type: { type: 'string', enum: ['identity', 'org'] },
    id: { type: 'string', maxLength: 100 },
  },
};
const rewrapBodySchema = {
  type: 'object',
  required: ['grants', 'header', 'keyFingerprints'],
  additionalProperties: false,
  properties: {
    grants: { type: 'array', minItems: 1, maxItems: 64, items: grantSchema },
    header: {
      type: 'string',
      maxLength: 131072,
      contentEncoding: 'base64',
      description: 'The re-wrapped envelope header (DER, base64)',
    },
    keyFingerprints: {
      type: 'array',
      minItems: 1,
      maxItems: 64,
      items: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    },
  },
};

async function currentManifest(
  deps: AssetAccessDependencies,
  asset: AssetRecord,
): Promise<EnvelopeManifest> {
  const manifest = await deps.index.get(asset.ciphertextSha256);
  if (manifest === undefined) {
    throw new ApiError(
      'DEURO_STORE_NOT_FOUND',
      `this gateway holds no envelope of asset ${asset.id}`,
    );
  }
  return manifest;
}

const transferBodySchema = {
  type: 'object',
  required: ['newOwner', 'header', 'keyFingerprints'],
  additionalProperties: false,
  properties: {
    newOwner: identityIdSchema,
    header: rewrapBodySchema.properties.header,
    keyFingerprints: rewrapBodySchema.properties.keyFingerprints,
  },
};

/**
 * After a transfer: when the new owner is in another organization, give that organization's
 * gateway the envelope and drop this gateway's copies (every version over the bulk).
 * @returns `moved`, `kept` (the other gateway could not take it; this one still serves it), or
 * `local` (the new owner is in this organization).
 */
async function handOver(
  deps: AssetAccessDependencies,
  asset: AssetRecord,
  manifest: EnvelopeManifest,
): Promise<'moved' | 'kept' | 'local'> {
  const peer = deps.federation?.peers.get(asset.owner.mspId);
  if (deps.federation === undefined || peer === undefined) {
    return 'local';
  }
  try {
    await pushEnvelope(
      peer,
      deps.federation.credentials,
      { assetId: asset.id, ownerId: asset.owner.identityId },
      manifest,
      deps.store,
    );
  } catch {
    return 'kept';
  }
  await deps.index.deleteAllOfBulk(manifest.bulkSha256);
  await deps.store.delete(manifest.bulkSha256);
  return 'moved';
}

/** The header, grant, revoke and transfer routes. */
export function newAssetAccessRoutes(deps: AssetAccessDependencies): Route[] {
  const ledger = (caller: AuthenticatedCaller | undefined): Promise<LedgerClient> =>
    deps.sessions.ledgerFor(caller?.label ?? '');

  const rewrapRoute = (
    path: string,
    operationId: string,
    summary: string,
    change: 'share' | 'revoke',
  ): Route =>
    defineRoute(
      {
        method: 'post',
        path,
        operationId,
        summary,
        tags: ['assets'],
        authenticated: true,
        pathParameters: { id: assetIdSchema },
        requestBody: { contentType: 'application/json', schema: rewrapBodySchema },
        responses: { '200': { description: 'The asset after the change', schema: objectSchema } },
      },
      async (req, res, caller) => {
        const body = req.body as { grants: Grant[]; header: string; keyFingerprints: string[] };
        const client = await ledger(caller);
        const asset = await client.getAsset(String(req.params.id));
        const manifest = await indexRewrappedEnvelope(
          deps.store,
          deps.index,
          await currentManifest(deps, asset),
          Buffer.from(body.header, 'base64'),
        );
        const envelope = {
          ciphertextSha256: manifest.envelopeSha256,
          size: manifest.size,
          keyFingerprints: body.keyFingerprints,
        };
        try {
          const updated =
            change === 'share'
              ? await client.shareAsset(asset.id, body.grants, envelope)
              : await client.revokeAccess(asset.id, body.grants, envelope);
          res.json(updated);
        } catch (error) {
          await deps.index.delete(manifest.envelopeSha256);
          throw error;
        }
      },
    );

  return [
    defineRoute(
      {
        method: 'get',
        path: '/v1/assets/{id}/envelope-header',
        operationId: 'getEnvelopeHeader',
        summary:
          "The current envelope's header (recipient infos), to re-wrap the content key for a new reader",
        tags: ['assets'],
        authenticated: true,
        pathParameters: { id: assetIdSchema },
        responses: {
          '200': { description: '{header (base64 DER), ciphertextSha256}', schema: objectSchema },
        },
      },
      async (req, res, caller) => {
        const asset = await (await ledger(caller)).getAsset(String(req.params.id));
        const manifest = await currentManifest(deps, asset);
        res.json({ header: manifest.header, ciphertextSha256: asset.ciphertextSha256 });
      },
    ),
    rewrapRoute(
      '/v1/assets/{id}/grants',
      'grantAccess',
      'Grant read to identities or organizations, with the re-wrapped header (the bulk ciphertext is not re-encrypted)',
      'share',
    ),
    rewrapRoute(
      '/v1/assets/{id}/revocations',
      'revokeAccess',
      'Withdraw grants, with a header no longer wrapped for them',
      'revoke',
    ),
    defineRoute(
      {
        method: 'post',
        path: '/v1/assets/{id}/transfers',
        operationId: 'transferAsset',
        summary:
          'Give the asset to another identity, with the content key re-wrapped for the new owner alone; when the new owner is in another organization, its gateway takes custody of the envelope (header deuro-custody: moved, or kept when that gateway could not be reached)',
        tags: ['assets'],
        authenticated: true,
        pathParameters: { id: assetIdSchema },
        requestBody: { contentType: 'application/json', schema: transferBodySchema },
        responses: { '200': { description: 'The asset after the change', schema: objectSchema } },
      },
      async (req, res, caller) => {
        const body = req.body as { newOwner: string; header: string; keyFingerprints: string[] };
        const client = await ledger(caller);
        const asset = await client.getAsset(String(req.params.id));
        const manifest = await indexRewrappedEnvelope(
          deps.store,
          deps.index,
          await currentManifest(deps, asset),
          Buffer.from(body.header, 'base64'),
        );
        let updated: AssetRecord;
        try {
          updated = await client.transferAsset(asset.id, body.newOwner, {
            ciphertextSha256: manifest.envelopeSha256,
            size: manifest.size,
            keyFingerprints: body.keyFingerprints,
          });
        } catch (error) {
          await deps.index.delete(manifest.envelopeSha256);
          throw error;
        }
        res.setHeader('deuro-custody', await handOver(deps, updated, manifest));
        res.json(updated);
      },
    ),
  ];
}
