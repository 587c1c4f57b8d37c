/*
 * The key directory's records and their storage.
 *
 *   encryption-key/<fingerprint>             KeyRecord
 *   identity/<identityId>                    IdentityRecord (its keys, newest last)
 *   identity-by-org/<mspId>/<identityId>     index entry
 */
import type { Context } from 'fabric-contract-api';

import { notFound } from '../ledger/errors';
import { allKeys, putIndexEntry, readRecord, writeRecord } from '../ledger/state';

type Stub = Context['stub'];

export const KEY_OBJECT_TYPE = 'encryption-key';
export const IDENTITY_OBJECT_TYPE = 'identity';
export const IDENTITY_BY_ORG_INDEX = 'identity-by-org';

/** How many keys one identity may have registered over its life. */
export const MAX_KEYS_PER_IDENTITY = 100;

/* metadata/schemas.ts describes these types in the contract metadata. */

/** A registered encryption key. */
export interface KeyRecord {
  /** SHA-256 of the SPKI DER, lowercase hex. */
  readonly fingerprint: string;
  /** The identity the key belongs to. */
  readonly identityId: string;
  readonly mspId: string;
  /** The owner's certificate common name. */
  readonly subject: string;
  /** `RSA-<bits>` or `EC-P256`. */
  readonly algorithm: string;
  readonly publicKeyPem: string;
  /** `active` or `retired`. */
  readonly status: 'active' | 'retired';
  readonly registeredTxId: string;
  readonly registeredAt: string;
  readonly retiredTxId?: string;
  readonly retiredAt?: string;
}

/** An identity known to the key directory. */
export interface IdentityRecord {
  readonly identityId: string;
  readonly mspId: string;
  readonly subject: string;
  /** The fingerprint of the active key, or null when every key is retired. */
  readonly activeKeyFingerprint: string | null;
  /** Every key it registered, oldest first. */
  readonly keyFingerprints: readonly string[];
}

/** Read a key record. @returns undefined when there is none. */
export async function findKey(stub: Stub, fingerprint: string): Promise<KeyRecord | undefined> {
  return (await readRecord(stub, KEY_OBJECT_TYPE, fingerprint)) as KeyRecord | undefined;
}

/** Read a key record. @throws {@link DeuroError} `DEURO_NOT_FOUND`. */
export async function getKey(stub: Stub, fingerprint: string): Promise<KeyRecord> {
  const key = await findKey(stub, fingerprint);
  if (key === undefined) {
    throw notFound('encryption key', fingerprint);
  }
  return key;
}

/** Write a key record. */
export async function putKey(stub: Stub, key: KeyRecord): Promise<void> {
  await writeRecord(stub, KEY_OBJECT_TYPE, key.fingerprint, { ...key });
}

/** Read an identity record. @returns undefined when it never registered a key. */
export async function findIdentity(
  stub: Stub,
  identityId: string,
): Promise<IdentityRecord | undefined> {
  return (await readRecord(stub, IDENTITY_OBJECT_TYPE, identityId)) as IdentityRecord | undefined;
}

/** Write an identity record and its organization index entry. */
export async function putIdentity(stub: Stub, identity: IdentityRecord): Promise<void> {
  await writeRecord(stub, IDENTITY_OBJECT_TYPE, identity.identityId, {
    ...identity,
    keyFingerprints: [...identity.keyFingerprints],
  });
  await putIndexEntry(stub, IDENTITY_BY_ORG_INDEX, [identity.mspId, identity.identityId]);
}

/** The identity ids of an organization known to the directory, in key order. */
export async function identitiesOfOrg(stub: Stub, mspId: string): Promise<string[]> {
  const keys = await allKeys(stub, IDENTITY_BY_ORG_INDEX, [mspId]);
  return keys.map((attributes) => attributes[1] ?? '');
}
