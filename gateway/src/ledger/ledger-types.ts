/*
 * The ledger's records as the gateway sees them: the JSON the chaincode returns (docs/ledger.md).
 * Types only; the chaincode validates what it writes.
 */

/** Read access for one identity or one organization. */
export interface Grant {
  readonly type: 'identity' | 'org';
  readonly id: string;
}

/** One version of an off-chain envelope. */
export interface Envelope {
  readonly ciphertextSha256: string;
  readonly size: number;
  readonly keyFingerprints: readonly string[];
}

/** An asset's public record. */
export interface AssetRecord extends Envelope {
  readonly id: string;
  readonly kind: string;
  readonly state: string;
  readonly version: number;
  readonly contentVersion: number;
  readonly owner: { readonly identityId: string; readonly mspId: string; readonly subject: string };
  readonly mediaType: string;
  readonly envelopeRecipients: readonly string[];
  readonly grants: readonly Grant[];
  readonly metadata: Readonly<Record<string, string>>;
  readonly privateMetadata: { readonly hash: string; readonly scope: 'org' | 'shared' } | null;
  readonly parents: readonly string[];
  readonly createdTxId: string;
  readonly createdAt: string;
  readonly lastAction: string;
  readonly lastTxId: string;
  readonly lastTimestamp: string;
}

/** What RegisterAsset takes. */
export interface RegisterAssetRequest extends Envelope {
  readonly id: string;
  readonly kind: string;
  readonly mediaType: string;
  readonly metadata?: Readonly<Record<string, string>>;
  readonly parents?: readonly string[];
  readonly privateMetadata?: { readonly hash: string; readonly scope: 'org' | 'shared' };
  /** Read access from the start; the envelope must reach the grantees. */
  readonly grants?: readonly Grant[];
}

/** A registered encryption key. */
export interface KeyRecord {
  readonly fingerprint: string;
  readonly identityId: string;
  readonly mspId: string;
  readonly subject: string;
  readonly algorithm: string;
  readonly publicKeyPem: string;
  readonly status: 'active' | 'retired';
  readonly registeredTxId: string;
  readonly registeredAt: string;
  readonly retiredTxId?: string;
  readonly retiredAt?: string;
}

/** An identity of the key directory. */
export interface IdentityRecord {
  readonly identityId: string;
  readonly mspId: string;
  readonly subject: string;
  readonly activeKeyFingerprint: string | null;
  readonly keyFingerprints: readonly string[];
}

/** The caller, as the ledger names it. */
export interface WhoAmI {
  readonly identityId: string;
  readonly mspId: string;
  readonly subject: string;
  readonly isAdmin: boolean;
  readonly activeKeyFingerprint: string | null;
}

/** One page of a list. */
export interface Page<T> {
  readonly records: readonly T[];
  /** Empty on the last page. */
  readonly bookmark: string;
}

/** One version of an asset in its history. */
export interface AssetVersion {
  readonly txId: string;
  readonly timestamp: string;
  readonly isDelete: boolean;
  readonly record: AssetRecord | null;
}

/** Which assets a list returns. */
export type AssetFilter =
  | { readonly by: 'owner'; readonly ownerId: string }
  | { readonly by: 'kind'; readonly kind: string }
  | { readonly by: 'state'; readonly state: string }
  | { readonly by: 'recipient'; readonly recipient: string }
  | { readonly by: 'sharedWithMe' };
