/*
 * Private metadata for enterprise installs. The client sends it in the transient map (never in
 * the transaction, so never in a block) under `private_metadata` as JSON
 * `{"salt": "...", "metadata": {...}}`; the asset's public record holds only
 * SHA-256(canonical JSON of that object), salted so the hash cannot be guessed from likely values.
 * It lives in the owner's organization collection (`<MSP ID>PrivateCollection`, scope `org`) or in
 * the collection of both organizations (`DeuroSharedCollection`, scope `shared`), keyed by asset
 * id, and is purged when the asset is deleted or leaves the organization.
 */
import { createHash } from 'node:crypto';

import type { Context } from 'fabric-contract-api';

import { canonicalJson, marshal, unmarshal } from '../ledger/canonical-json';
import { DeuroError, invalidArgument } from '../ledger/errors';
import type { AssetRecord, PrivateMetadataRef } from './asset-record';
import { metadataArgument } from './asset-requests';
import { objectField, onlyFields, stringField } from './request-fields';

/** The transient map key that carries private metadata. */
export const PRIVATE_METADATA_TRANSIENT_KEY = 'private_metadata';
/** The collection shared by every organization of the consortium. */
export const SHARED_COLLECTION = 'DeuroSharedCollection';

const SALT_PATTERN = /^[A-Za-z0-9+/=_-]{22,128}$/;

/** Private metadata as stored. */
export interface PrivateMetadata {
  readonly salt: string;
  readonly metadata: Record<string, string>;
}

/** The collection a private-metadata reference points to, for an owner's organization. */
export function collectionOf(ref: PrivateMetadataRef, ownerMspId: string): string {
  return ref.scope === 'shared' ? SHARED_COLLECTION : `${ownerMspId}PrivateCollection`;
}

/** The salted hash the public record keeps. */
export function privateMetadataHash(value: PrivateMetadata): string {
  return createHash('sha256')
    .update(canonicalJson({ salt: value.salt, metadata: value.metadata }), 'utf8')
    .digest('hex');
}

/**
 * The private metadata passed in the transient map.
 * @throws {@link DeuroError} `DEURO_PRIVATE_DATA_MISSING` when absent, `DEURO_INVALID_ARGUMENT`
 * when malformed (the message never quotes its content).
 */
export function transientPrivateMetadata(ctx: Context): PrivateMetadata {
  const bytes = ctx.stub.getTransient().get(PRIVATE_METADATA_TRANSIENT_KEY);
  if (bytes === undefined || bytes.length === 0) {
    throw new DeuroError(
      'DEURO_PRIVATE_DATA_MISSING',
      `pass the private metadata in the transient map under ${PRIVATE_METADATA_TRANSIENT_KEY}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = unmarshal(bytes);
  } catch {
    throw invalidArgument(`transient ${PRIVATE_METADATA_TRANSIENT_KEY} must be a JSON object`);
  }
  const value = objectField(parsed, `transient ${PRIVATE_METADATA_TRANSIENT_KEY}`);
  onlyFields(value, `transient ${PRIVATE_METADATA_TRANSIENT_KEY}`, ['salt', 'metadata']);
  return {
    salt: stringField(
      value.salt,
      'transient salt',
      SALT_PATTERN,
      '22-128 characters of base64 or hex (at least 128 random bits)',
    ),
    metadata: metadataArgument(value.metadata, 'transient metadata'),
  };
}

/**
 * Store an asset's private metadata after checking it against the public hash.
 * @returns The collection it went to.
 * @throws {@link DeuroError} `DEURO_PRIVATE_DATA_MISMATCH` when the hashes differ.
 */
export async function storePrivateMetadata(
  ctx: Context,
  asset: AssetRecord,
  value: PrivateMetadata,
): Promise<string> {
  if (asset.privateMetadata === null) {
    throw new DeuroError(
      'DEURO_PRIVATE_DATA_MISMATCH',
      `asset ${asset.id} was registered without private metadata`,
    );
  }
  if (privateMetadataHash(value) !== asset.privateMetadata.hash) {
    throw new DeuroError(
      'DEURO_PRIVATE_DATA_MISMATCH',
      `the private metadata does not hash to asset ${asset.id}'s privateMetadata.hash`,
    );
  }
  const collection = collectionOf(asset.privateMetadata, asset.owner.mspId);
  await ctx.stub.putPrivateData(
    collection,
    asset.id,
    marshal({ salt: value.salt, metadata: value.metadata }),
  );
  return collection;
}

/**
 * Read an asset's private metadata.
 * @throws {@link DeuroError} `DEURO_PRIVATE_DATA_MISSING` when it was never stored or is purged.
 */
export async function readPrivateMetadata(
  ctx: Context,
  asset: AssetRecord,
): Promise<PrivateMetadata & { readonly collection: string }> {
  if (asset.privateMetadata === null) {
    throw new DeuroError(
      'DEURO_PRIVATE_DATA_MISSING',
      `asset ${asset.id} was registered without private metadata`,
    );
  }
  const collection = collectionOf(asset.privateMetadata, asset.owner.mspId);
  const bytes = await ctx.stub.getPrivateData(collection, asset.id);
  if (bytes.length === 0) {
    throw new DeuroError(
      'DEURO_PRIVATE_DATA_MISSING',
      `asset ${asset.id} has no private metadata stored in ${collection} (never stored, or purged)`,
    );
  }
  return { ...(unmarshal(bytes) as PrivateMetadata), collection };
}

/** Purge an asset's private metadata from its collection (and from the private history). */
export async function purgePrivateMetadata(ctx: Context, asset: AssetRecord): Promise<void> {
  if (asset.privateMetadata !== null) {
    await ctx.stub.purgePrivateData(
      collectionOf(asset.privateMetadata, asset.owner.mspId),
      asset.id,
    );
  }
}
