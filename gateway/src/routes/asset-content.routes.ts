/*
 * Asset content: upload (encrypted to the owner and the named recipients as it streams in,
 * stored off chain, then registered on the ledger in one transaction), download of the envelope,
 * and delete (the tombstone on the ledger, then the ciphertext removed: crypto-shredding).
 *
 * An upload is atomic from the caller's view: if the ledger refuses it, the stored envelope is
 * removed and nothing is listed.
 */
import type { Readable } from 'node:stream';

import { ApiError } from '../errors/api-error';
import type { IdentitySessions } from '../fabric/identity-sessions';
import { defineRoute, type AuthenticatedCaller, type Route } from '../http/route';
import type { LedgerClient } from '../ledger/ledger-client';
import type { AssetRecord, Grant } from '../ledger/ledger-types';
import type { Federation } from '../federation/federation';
import { openRemoteEnvelope } from '../federation/remote-envelope';
import type { BlobStore } from '../store/blob-store';
import { openEnvelope } from '../storage/envelope-download';
import type { EnvelopeIndex } from '../storage/envelope-index';
import { uploadFingerprint, type IdempotencyKeys } from '../storage/idempotency-keys';
import type { PendingRegistrations } from '../storage/pending-registrations';
import { encryptStoreAndRegister, replayedUpload } from '../storage/register-upload';
import { idempotencyKeyOf, metadataOf, parentsOf, recipientsOf } from './upload-request';
import { assetIdSchema, assetKindSchema, objectSchema } from './route-schemas';

const TAGS = ['assets'];
/** What the content routes need. */
export interface AssetContentDependencies {
  readonly sessions: IdentitySessions;
  readonly store: BlobStore;
  readonly index: EnvelopeIndex;
  readonly maxUploadBytes: number;
  readonly idempotency: IdempotencyKeys;
  readonly pending: PendingRegistrations;
  /** Where envelopes stored by other organizations' gateways come from; none without TLS. */
  readonly federation?: Federation;
}

/**
 * The asset's current envelope from this gateway's store, or, when another organization's member
 * stored it, from that organization's gateway.
 */
async function openLocalOrRemoteEnvelope(
  deps: AssetContentDependencies,
  asset: AssetRecord,
): Promise<{ readonly size: number; readonly stream: Readable }> {
  const peer = deps.federation?.peers.get(asset.owner.mspId);
  if (
    deps.federation === undefined ||
    peer === undefined ||
    (await deps.index.get(asset.ciphertextSha256)) !== undefined
  ) {
    return openEnvelope(deps.store, deps.index, asset.ciphertextSha256);
  }
  return openRemoteEnvelope(peer, deps.federation.credentials, {
    assetId: asset.id,
    ownerId: asset.owner.identityId,
    envelopeSha256: asset.ciphertextSha256,
  });
}

/** The content routes. */
export function newAssetContentRoutes(deps: AssetContentDependencies): Route[] {
  const ledger = (caller: AuthenticatedCaller | undefined): Promise<LedgerClient> =>
    deps.sessions.ledgerFor(caller?.label ?? '');
  return [
    defineRoute(
      {
        method: 'post',
        path: '/v1/assets',
        operationId: 'uploadAsset',
        summary:
          'Upload content: it is encrypted (CMS) to you and the named recipients as it streams, stored off chain, and registered as an asset',
        tags: TAGS,
        authenticated: true,
        queryParameters: {
          id: assetIdSchema,
          kind: assetKindSchema,
          mediaType: {
            type: 'string',
            pattern: '^[a-z0-9][a-z0-9!#$&^_.+-]{0,62}/[a-z0-9][a-z0-9!#$&^_.+-]{0,62}$',
          },
          recipients: {
            type: 'string',
            pattern: '^([A-Za-z0-9.-]{1,64}/[0-9a-f]{32})(,[A-Za-z0-9.-]{1,64}/[0-9a-f]{32})*$',
            description: 'Identity ids granted read, comma-separated',
          },
          orgs: {
            type: 'string',
            pattern: '^[A-Za-z0-9.-]{1,64}(,[A-Za-z0-9.-]{1,64})*$',
            description:
              'MSP IDs of organizations granted read (every member with a key can decrypt), comma-separated',
          },
          parents: {
            type: 'string',
            pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}(,[A-Za-z0-9][A-Za-z0-9._:-]{0,127})*$',
            description:
              'Lineage: ids of the assets this one derives from, comma-separated (they must exist)',
          },
          size: {
            type: 'string',
            pattern: '^(0|[1-9][0-9]{0,15})$',
            description:
              'The content size in bytes, when known: an upload that ends at another size is refused (DEURO_UPLOAD_INCOMPLETE) with nothing stored',
          },
        },
        requestBody: {
          contentType: 'application/octet-stream',
          schema: { type: 'string', format: 'binary' },
        },
        responses: { '201': { description: 'The registered asset', schema: objectSchema } },
      },
      async (req, res, caller) => {
        const query = req.query as Record<string, unknown>;
        for (const required of ['id', 'kind', 'mediaType']) {
          if (typeof query[required] !== 'string') {
            throw new ApiError(
              'DEURO_VALIDATION_FAILED',
              `query parameter ${required} is required`,
              {
                errors: [{ pointer: `/query/${required}`, detail: 'is required' }],
              },
            );
          }
        }
        if (!req.is('application/octet-stream')) {
          throw new ApiError(
            'DEURO_UNSUPPORTED_MEDIA_TYPE',
            'send the content as Content-Type: application/octet-stream',
          );
        }
        const metadata = metadataOf(req);
        const recipientIds = recipientsOf(query, 'recipients');
        const orgIds = recipientsOf(query, 'orgs');
        const parents = parentsOf(query);
        const client = await ledger(caller);
        const label = caller?.label ?? '';
        const idempotencyKey = idempotencyKeyOf(req);
        const fingerprint = uploadFingerprint({
          id: String(query.id),
          kind: String(query.kind),
          mediaType: String(query.mediaType),
          recipients: [...recipientIds, ...orgIds.map((id) => `org:${id}`)],
          metadata,
          parents,
        });
        if (idempotencyKey !== undefined) {
          const replay = await replayedUpload(
            deps.idempotency,
            client,
            label,
            idempotencyKey,
            fingerprint,
          );
          if (replay !== undefined) {
            req.resume();
            res.status(201).setHeader('idempotent-replayed', 'true').json(replay);
            return;
          }
        }
        const finished =
          idempotencyKey === undefined
            ? () => undefined
            : deps.idempotency.start(label, idempotencyKey);
        try {
          const asset = await encryptStoreAndRegister(deps, client, req, {
            label,
            id: String(query.id),
            kind: String(query.kind),
            mediaType: String(query.mediaType),
            metadata,
            grants: [
              ...recipientIds.map((id): Grant => ({ type: 'identity', id })),
              ...orgIds.map((id): Grant => ({ type: 'org', id })),
            ],
            ...announcedSize(query),
            parents,
            idempotency:
              idempotencyKey === undefined
                ? undefined
                : { label, key: idempotencyKey, requestSha256: fingerprint },
          });
          res.status(201).json(asset);
        } finally {
          finished();
        }
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/v1/assets/{id}/ciphertext',
        operationId: 'downloadCiphertext',
        summary:
          "Download an asset's envelope (CMS, DER); decrypt it with your private key (deuro get, or openssl cms -decrypt)",
        tags: TAGS,
        authenticated: true,
        pathParameters: { id: assetIdSchema },
        responses: {
          '200': {
            description: 'The envelope',
            contentType: 'application/cms',
            schema: { type: 'string', format: 'binary' },
          },
        },
      },
      async (req, res, caller) => {
        // The ledger decides access: GetAsset runs as the caller.
        const asset = await (await ledger(caller)).getAsset(String(req.params.id));
        const envelope = await openLocalOrRemoteEnvelope(deps, asset);
        res.status(200).type('application/cms').setHeader('content-length', String(asset.size));
        res.setHeader('deuro-ciphertext-sha256', asset.ciphertextSha256);
        envelope.stream.on('error', () => res.destroy());
        envelope.stream.pipe(res);
      },
    ),
    defineRoute(
      {
        method: 'delete',
        path: '/v1/assets/{id}',
        operationId: 'deleteAsset',
        summary:
          'Delete an asset: a tombstone on the ledger, and its ciphertext removed from the store',
        tags: TAGS,
        authenticated: true,
        pathParameters: { id: assetIdSchema },
        responses: { '200': { description: 'The tombstone', schema: objectSchema } },
      },
      async (req, res, caller) => {
        const tombstone = await (await ledger(caller)).deleteAsset(String(req.params.id));
        const manifest = await deps.index.get(tombstone.ciphertextSha256);
        if (manifest !== undefined) {
          await deps.store.delete(manifest.bulkSha256);
          await deps.index.deleteAllOfBulk(manifest.bulkSha256);
        }
        res.json(tombstone);
      },
    ),
  ];
}

/** The plaintext size the client announced, if any (the schema checked its digits). */
function announcedSize(query: Record<string, unknown>): { expectedSize?: number } {
  return typeof query.size === 'string' ? { expectedSize: Number(query.size) } : {};
}
