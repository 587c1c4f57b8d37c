/*
 * Registering an upload: encrypted to the owner and its readers as it streams, stored, and
 * registered in one ledger transaction; if the ledger refuses, what was stored is removed (if it
 * never answers, pending-registrations.ts settles it against the ledger later). With an
 * idempotency key, a retried upload answers with the asset its first attempt registered.
 */
import type { Readable } from 'node:stream';

import { ApiError, isApiError } from '../errors/api-error';
import { fromLedgerError } from '../errors/ledger-error';
import type { LedgerClient } from '../ledger/ledger-client';
import type { AssetRecord, Grant } from '../ledger/ledger-types';
import type { BlobStore } from '../store/blob-store';
import type { EnvelopeIndex } from './envelope-index';
import { removeStoredUpload, storeEncryptedUpload, type EncryptedUpload } from './encrypted-upload';
import type { IdempotencyKeys } from './idempotency-keys';
import type { PendingRegistrations } from './pending-registrations';
import { readerKeys } from './reader-keys';

/** Where an upload goes. */
export interface UploadTargets {
  readonly store: BlobStore;
  readonly index: EnvelopeIndex;
  readonly idempotency: IdempotencyKeys;
  /** Uploads stored whose registration has not been answered yet (crash safety). */
  readonly pending: PendingRegistrations;
  readonly maxUploadBytes: number;
}

/**
 * The asset an earlier request with the same idempotency key registered, or undefined when the
 * key is new (or its first request failed).
 * @throws ApiError `DEURO_IDEMPOTENCY_MISMATCH` when the key was used for another request,
 * `DEURO_IDEMPOTENCY_IN_PROGRESS` while its first request is still running.
 */
export async function replayedUpload(
  keys: IdempotencyKeys,
  ledger: LedgerClient,
  label: string,
  key: string,
  fingerprint: string,
): Promise<AssetRecord | undefined> {
  if (keys.isRunning(label, key)) {
    throw new ApiError(
      'DEURO_IDEMPOTENCY_IN_PROGRESS',
      `the first upload with idempotency key ${key} is still running; retry when it has finished`,
    );
  }
  const record = await keys.get(label, key);
  if (record === undefined) {
    return undefined;
  }
  if (record.requestSha256 !== fingerprint) {
    throw new ApiError(
      'DEURO_IDEMPOTENCY_MISMATCH',
      `idempotency key ${key} was used for a different upload; use a new key for a new upload`,
    );
  }
  try {
    return await ledger.getAsset(record.assetId);
  } catch (error) {
    // A pending record whose transaction never committed: start again.
    if (record.state === 'pending' && isApiError(error) && error.code === 'DEURO_NOT_FOUND') {
      await keys.delete(label, key);
      return undefined;
    }
    throw error;
  }
}

/** An upload, validated. */
export interface UploadRequest {
  /** The wallet label of the caller, who registers and owns the asset. */
  readonly label: string;
  readonly id: string;
  readonly kind: string;
  readonly mediaType: string;
  readonly metadata: Record<string, string>;
  readonly grants: readonly Grant[];
  readonly idempotency:
    { readonly label: string; readonly key: string; readonly requestSha256: string } | undefined;
  /**
   * The plaintext size the client announced (`size`): an upload that ends with any other count
   * was cut short or padded on the way, and is refused with nothing stored.
   */
  readonly expectedSize?: number;
  /** Lineage: assets this one derives from (they must exist). */
  readonly parents?: readonly string[];
  /**
   * Fields known only once the content has streamed (the feature pipeline's hashes): awaited
   * after storing, before registering, and merged over the request's.
   */
  readonly completion?: () => Promise<
    Partial<Pick<UploadRequest, 'metadata' | 'mediaType' | 'parents'>>
  >;
}

/**
 * Encrypt the body to the owner and the readers as it streams, store it, and register it; if the
 * ledger refuses, remove what was stored.
 */
export async function encryptStoreAndRegister(
  deps: UploadTargets,
  client: LedgerClient,
  source: Readable,
  request: UploadRequest,
): Promise<AssetRecord> {
  const me = await client.whoAmI();
  if (me.activeKeyFingerprint === null) {
    throw new ApiError(
      'DEURO_KEY_UNAVAILABLE',
      'register your encryption key first (PUT /v1/me/encryption-key)',
    );
  }
  const keys = await readerKeys(client, me.identityId, request.grants);
  const upload = await storeEncryptedUpload({
    source,
    recipients: keys.map((key) => ({ publicKey: key.publicKeyPem, fingerprint: key.fingerprint })),
    store: deps.store,
    index: deps.index,
    maxBytes: deps.maxUploadBytes,
  });
  let late: Awaited<ReturnType<NonNullable<UploadRequest['completion']>>> = {};
  try {
    checkAnnouncedSize(request.expectedSize, upload.plaintextSize);
    late = (await request.completion?.()) ?? {};
  } catch (error) {
    await removeStoredUpload(deps, upload.manifest);
    throw error;
  }
  const final = { ...request, ...late };
  const { idempotency } = request;
  const record = (state: 'pending' | 'done'): Promise<void> =>
    idempotency === undefined
      ? Promise.resolve()
      : deps.idempotency.put(idempotency.label, idempotency.key, {
          requestSha256: idempotency.requestSha256,
          assetId: request.id,
          state,
        });
  await record('pending');
  let asset: AssetRecord;
  try {
    asset = await registerStored(deps, client, final, upload);
  } catch (error) {
    if (idempotency !== undefined) {
      await deps.idempotency.delete(idempotency.label, idempotency.key);
    }
    throw error;
  }
  await record('done');
  return asset;
}

/**
 * Registers a stored upload, with a pending record around the transaction: a refusal removes what
 * was stored; an unanswered commit may still land, so reconciliation decides.
 */
async function registerStored(
  deps: UploadTargets,
  client: LedgerClient,
  request: UploadRequest,
  upload: EncryptedUpload,
): Promise<AssetRecord> {
  const { envelopeSha256, bulkSha256, size } = upload.manifest;
  await deps.pending.add({ assetId: request.id, label: request.label, envelopeSha256, bulkSha256 });
  try {
    const asset = await client.registerAsset({
      id: request.id,
      kind: request.kind,
      mediaType: request.mediaType,
      metadata: request.metadata,
      ...(request.parents === undefined || request.parents.length === 0
        ? {}
        : { parents: request.parents }),
      ciphertextSha256: envelopeSha256,
      size,
      keyFingerprints: [...upload.keyFingerprints],
      ...(request.grants.length === 0 ? {} : { grants: request.grants }),
    });
    await deps.pending.remove(envelopeSha256);
    return asset;
  } catch (error) {
    if (isRefusal(error)) {
      await removeStoredUpload(deps, upload.manifest);
      await deps.pending.remove(envelopeSha256);
    }
    throw error;
  }
}

function checkAnnouncedSize(expected: number | undefined, received: number): void {
  if (expected !== undefined && expected !== received) {
    throw new ApiError(
      'DEURO_UPLOAD_INCOMPLETE',
      `the upload ended after ${String(received)} bytes but announced size=${String(expected)}; nothing was stored, send it again`,
      { errors: [{ pointer: '/query/size', detail: `received ${String(received)} bytes` }] },
    );
  }
}

/** Whether the ledger said no (an endorsement refusal or an invalidated transaction). */
function isRefusal(error: unknown): boolean {
  const refused = fromLedgerError(error);
  return refused.status < 500 || refused.code === 'DEURO_LEDGER_CONFLICT';
}
