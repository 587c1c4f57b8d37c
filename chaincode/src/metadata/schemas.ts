/*
 * Schemas of the records the contracts return, for the generated contract metadata
 * (`org.hyperledger.fabric:GetMetadata`, the white paper's automatic ABI). fabric-contract-api
 * learns types from decorated classes; each class implements the interface the code uses, so the
 * compiler keeps the two in step. Nothing instantiates them.
 */
import { Object as DataType, Property } from 'fabric-contract-api';

import type * as asset from '../assets/asset-record';
import type { AssetKind, AssetState } from '../assets/state-machine';
import type * as keys from '../keys/key-records';
import type { JournalEntry as JournalEntryShape } from '../ledger/journal';

/** Read access for one identity (`type` identity, `id` its identity id) or one organization. */
@DataType()
export class Grant implements asset.Grant {
  @Property('type', 'string') readonly type!: 'identity' | 'org';
  @Property('id', 'string') readonly id!: string;
}

/** The owner of an asset. */
@DataType()
export class AssetOwner implements asset.AssetOwner {
  @Property('identityId', 'string') readonly identityId!: string;
  @Property('mspId', 'string') readonly mspId!: string;
  @Property('subject', 'string') readonly subject!: string;
}

/** The salted hash and scope (org or shared) of an asset's private metadata. */
@DataType()
export class PrivateMetadataRef implements asset.PrivateMetadataRef {
  @Property('hash', 'string') readonly hash!: string;
  @Property('scope', 'string') readonly scope!: 'org' | 'shared';
}

/** An asset's public record (assets:GetAsset and every transition return one). */
@DataType()
export class AssetRecord implements asset.AssetRecord {
  @Property('id', 'string') readonly id!: string;
  @Property('kind', 'string') readonly kind!: AssetKind;
  @Property('state', 'string') readonly state!: AssetState;
  @Property('version', 'number') readonly version!: number;
  @Property('contentVersion', 'number') readonly contentVersion!: number;
  @Property('owner', 'AssetOwner') readonly owner!: AssetOwner;
  @Property('ciphertextSha256', 'string') readonly ciphertextSha256!: string;
  @Property('size', 'number') readonly size!: number;
  @Property('mediaType', 'string') readonly mediaType!: string;
  @Property('keyFingerprints', 'string[]') readonly keyFingerprints!: readonly string[];
  @Property('envelopeRecipients', 'string[]') readonly envelopeRecipients!: readonly string[];
  @Property('grants', 'Grant[]') readonly grants!: readonly Grant[];
  @Property('metadata', 'Map<string, string>') readonly metadata!: Readonly<Record<string, string>>;
  @Property('privateMetadata', 'PrivateMetadataRef')
  readonly privateMetadata!: PrivateMetadataRef | null;
  @Property('parents', 'string[]') readonly parents!: readonly string[];
  @Property('createdTxId', 'string') readonly createdTxId!: string;
  @Property('createdAt', 'string') readonly createdAt!: string;
  @Property('lastAction', 'string') readonly lastAction!: string;
  @Property('lastTxId', 'string') readonly lastTxId!: string;
  @Property('lastTimestamp', 'string') readonly lastTimestamp!: string;
}

/** A registered encryption key (keys:GetKeyByFingerprint and friends return one). */
@DataType()
export class KeyRecord implements keys.KeyRecord {
  @Property('fingerprint', 'string') readonly fingerprint!: string;
  @Property('identityId', 'string') readonly identityId!: string;
  @Property('mspId', 'string') readonly mspId!: string;
  @Property('subject', 'string') readonly subject!: string;
  @Property('algorithm', 'string') readonly algorithm!: string;
  @Property('publicKeyPem', 'string') readonly publicKeyPem!: string;
  @Property('status', 'string') readonly status!: 'active' | 'retired';
  @Property('registeredTxId', 'string') readonly registeredTxId!: string;
  @Property('registeredAt', 'string') readonly registeredAt!: string;
  @Property('retiredTxId', 'string') readonly retiredTxId?: string;
  @Property('retiredAt', 'string') readonly retiredAt?: string;
}

/** An identity of the key directory (keys:ListOrgIdentities returns a list). */
@DataType()
export class IdentityRecord implements keys.IdentityRecord {
  @Property('identityId', 'string') readonly identityId!: string;
  @Property('mspId', 'string') readonly mspId!: string;
  @Property('subject', 'string') readonly subject!: string;
  @Property('activeKeyFingerprint', 'string') readonly activeKeyFingerprint!: string | null;
  @Property('keyFingerprints', 'string[]') readonly keyFingerprints!: readonly string[];
}

/** One journal entry (queries:GetIdentityHistory), also the payload of every event. */
@DataType()
export class JournalEntry implements JournalEntryShape {
  @Property('action', 'string') readonly action!: string;
  @Property('targetType', 'string') readonly targetType!: 'asset' | 'encryption-key';
  @Property('id', 'string') readonly id!: string;
  @Property('kind', 'string') readonly kind?: string;
  @Property('from', 'string') readonly from?: string | null;
  @Property('to', 'string') readonly to?: string;
  @Property('version', 'number') readonly version?: number;
  @Property('actor', 'string') readonly actor!: string;
  @Property('actorMspId', 'string') readonly actorMspId!: string;
  @Property('txId', 'string') readonly txId!: string;
  @Property('timestamp', 'string') readonly timestamp!: string;
}
