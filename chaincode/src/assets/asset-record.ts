/*
 * The one asset model for every kind. No plaintext, no key material, no floating point: hashes,
 * sizes in bytes, fingerprints of the keys the off-chain ciphertext is encrypted to, bounded
 * string metadata, lineage, and who changed it last, when.
 * metadata/schemas.ts describes these types in the contract metadata.
 */

import type { JsonValue } from '../ledger/canonical-json';
import type { AssetKind, AssetState } from './state-machine';

/** Read access for one identity, or for every member of one organization. */
export interface Grant {
  /** `identity` or `org`. */
  readonly type: 'identity' | 'org';
  /** An identity id (`<MSP ID>/<32 hex>`) or an MSP ID. */
  readonly id: string;
}

/** The owner of an asset. */
export interface AssetOwner {
  readonly identityId: string;
  readonly mspId: string;
  readonly subject: string;
}

/** Where private metadata lives and the salted hash that binds it to the asset. */
export interface PrivateMetadataRef {
  /** SHA-256 of the canonical JSON `{"metadata":...,"salt":...}`, lowercase hex. */
  readonly hash: string;
  /** `org`: the owner's organization collection; `shared`: the collection of both. */
  readonly scope: 'org' | 'shared';
}

/** An asset on the public state. */
export interface AssetRecord {
  readonly id: string;
  readonly kind: AssetKind;
  readonly state: AssetState;
  /** 1 when registered, one more with every transition. */
  readonly version: number;
  /** 1 when registered, one more with every published model version. */
  readonly contentVersion: number;
  readonly owner: AssetOwner;
  /** SHA-256 of the off-chain ciphertext (the CMS envelope), lowercase hex. */
  readonly ciphertextSha256: string;
  /** Size of the ciphertext in bytes. */
  readonly size: number;
  readonly mediaType: string;
  /** Fingerprints of the keys this version of the envelope is encrypted to, sorted. */
  readonly keyFingerprints: readonly string[];
  /** The identities those keys belong to, sorted. */
  readonly envelopeRecipients: readonly string[];
  /** Who may read it besides the owner, sorted. */
  readonly grants: readonly Grant[];
  readonly metadata: Readonly<Record<string, string>>;
  readonly privateMetadata: PrivateMetadataRef | null;
  /** Lineage: the assets this one was derived from. */
  readonly parents: readonly string[];
  readonly createdTxId: string;
  readonly createdAt: string;
  readonly lastAction: string;
  readonly lastTxId: string;
  readonly lastTimestamp: string;
}

/** The off-chain envelope of one content version, as a transaction names it. */
export interface Envelope {
  readonly ciphertextSha256: string;
  readonly size: number;
  readonly keyFingerprints: readonly string[];
}

/** An asset as canonical JSON wants it (plain, mutable-typed copies of arrays). */
export function assetJson(asset: AssetRecord): JsonValue {
  return {
    ...asset,
    owner: { ...asset.owner },
    keyFingerprints: [...asset.keyFingerprints],
    envelopeRecipients: [...asset.envelopeRecipients],
    grants: asset.grants.map((grant) => ({ ...grant })),
    metadata: { ...asset.metadata },
    privateMetadata: asset.privateMetadata === null ? null : { ...asset.privateMetadata },
    parents: [...asset.parents],
  };
}
