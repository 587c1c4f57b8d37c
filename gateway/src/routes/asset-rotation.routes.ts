/*
 * Revoking with a rotated content key: re-wrapping (deuro revoke) stops future envelopes from
 * including a reader, but a reader who kept the old content key could still open the old bulk if
 * it leaked. Rotation re-encrypts: the owner sends the plaintext again (deuro revoke --rotate
 * decrypts it locally and streams it here), the gateway encrypts it under a fresh content key to
 * the remaining readers only, the ledger records the revocation with the new envelope, and the
 * old bulk and every envelope version over it are removed (crypto-shredding).
 */
import { ApiError } from '../errors/api-error';
import type { IdentitySessions } from '../fabric/identity-sessions';
import { defineRoute, type Route } from '../http/route';
import type { Grant } from '../ledger/ledger-types';
import type { BlobStore } from '../store/blob-store';
import type { EnvelopeIndex } from '../storage/envelope-index';
import { storeEncryptedUpload } from '../storage/encrypted-upload';
import { readerKeys } from '../storage/reader-keys';
import { assetIdSchema, objectSchema } from './route-schemas';

/** What the rotation route needs. */
export interface AssetRotationDependencies {
  readonly sessions: IdentitySessions;
  readonly store: BlobStore;
  readonly index: EnvelopeIndex;
  readonly maxUploadBytes: number;
}

const GRANT_LIST =
  '^(identity:[A-Za-z0-9.-]{1,64}/[0-9a-f]{32}|org:[A-Za-z0-9.-]{1,64})(,(identity:[A-Za-z0-9.-]{1,64}/[0-9a-f]{32}|org:[A-Za-z0-9.-]{1,64}))*$';

function parseGrants(text: string): Grant[] {
  return text.split(',').map((entry) => {
    const separator = entry.indexOf(':');
    return {
      type: entry.slice(0, separator) === 'org' ? 'org' : 'identity',
      id: entry.slice(separator + 1),
    };
  });
}

/** The rotation route. */
export function newAssetRotationRoutes(deps: AssetRotationDependencies): Route[] {
  return [
    defineRoute(
      {
        method: 'post',
        path: '/v1/assets/{id}/rotations',
        operationId: 'revokeWithRotation',
        summary:
          'Revoke grants and rotate the content key: the body is the plaintext again, encrypted here under a fresh key to the remaining readers; the old ciphertext is removed',
        tags: ['assets'],
        authenticated: true,
        pathParameters: { id: assetIdSchema },
        queryParameters: {
          revoke: {
            type: 'string',
            pattern: GRANT_LIST,
            description:
              'Grants to withdraw: identity:<identity id> or org:<MSP ID>, comma-separated',
          },
        },
        requestBody: {
          contentType: 'application/octet-stream',
          schema: { type: 'string', format: 'binary' },
        },
        responses: { '200': { description: 'The asset after the change', schema: objectSchema } },
      },
      async (req, res, caller) => {
        const revokeText = req.query.revoke;
        if (typeof revokeText !== 'string') {
          throw new ApiError('DEURO_VALIDATION_FAILED', 'query parameter revoke is required', {
            errors: [{ pointer: '/query/revoke', detail: 'is required' }],
          });
        }
        const ledger = await deps.sessions.ledgerFor(caller?.label ?? '');
        const asset = await ledger.getAsset(String(req.params.id));
        const revoked = parseGrants(revokeText);
        const key = (grant: Grant): string => `${grant.type}:${grant.id}`;
        const revokedKeys = new Set(revoked.map(key));
        const remaining = asset.grants.filter((grant) => !revokedKeys.has(key(grant)));
        const keys = await readerKeys(ledger, asset.owner.identityId, remaining);
        const old = await deps.index.get(asset.ciphertextSha256);
        const upload = await storeEncryptedUpload({
          source: req,
          recipients: keys.map((each) => ({
            publicKey: each.publicKeyPem,
            fingerprint: each.fingerprint,
          })),
          store: deps.store,
          index: deps.index,
          maxBytes: deps.maxUploadBytes,
        });
        try {
          const updated = await ledger.revokeAccess(asset.id, revoked, {
            ciphertextSha256: upload.manifest.envelopeSha256,
            size: upload.manifest.size,
            keyFingerprints: [...upload.keyFingerprints],
          });
          if (old !== undefined) {
            await deps.index.deleteAllOfBulk(old.bulkSha256);
            await deps.store.delete(old.bulkSha256);
          }
          res.json(updated);
        } catch (error) {
          await deps.index.delete(upload.manifest.envelopeSha256);
          await deps.store.delete(upload.manifest.bulkSha256);
          throw error;
        }
      },
    ),
  ];
}
