/*
 * KeyDirectoryContract (`keys`): the white paper's publicly available directory of encryption
 * keys. An identity registers the public key that counter-parties encrypt to; registering a new
 * one rotates (the old one is retired, and stays readable by fingerprint and in history). Reads
 * are open to every channel member; changes only to the key's identity, or to an admin of its
 * organization for retiring (a lost or compromised key).
 */
import { Context, Contract, Info, Param, Returns, Transaction } from 'fabric-contract-api';

import { callerOf, isIdentityId, signingKeySpkiOf, type Caller } from '../identity/caller';
import { canonicalJson } from '../ledger/canonical-json';
import { accessDenied, alreadyExists, DeuroError, invalidArgument } from '../ledger/errors';
import { journal } from '../ledger/journal';
import { txTimestampIso } from '../ledger/tx-time';
import { isFingerprint, parseEncryptionKey } from './encryption-key';
import {
  findIdentity,
  findKey,
  getKey,
  identitiesOfOrg,
  MAX_KEYS_PER_IDENTITY,
  putIdentity,
  putKey,
  type IdentityRecord,
  type KeyRecord,
} from './key-records';

export const KEY_REGISTERED_EVENT = 'KeyRegistered';
export const KEY_RETIRED_EVENT = 'KeyRetired';

const MSP_ID_PATTERN = /^[A-Za-z0-9.-]{1,64}$/;

/** The key directory. */
@Info({ title: 'KeyDirectoryContract', description: 'Encryption public keys of identities' })
export class KeyDirectoryContract extends Contract {
  constructor() {
    super('keys');
  }

  /** The calling identity as the ledger names it, with its active key if any. */
  @Transaction(false)
  @Returns('string')
  async WhoAmI(ctx: Context): Promise<string> {
    const caller = callerOf(ctx);
    const identity = await findIdentity(ctx.stub, caller.identityId);
    return canonicalJson({
      identityId: caller.identityId,
      mspId: caller.mspId,
      subject: caller.subject,
      isAdmin: caller.isAdmin,
      activeKeyFingerprint: identity?.activeKeyFingerprint ?? null,
    });
  }

  /**
   * Register the caller's encryption public key; its previous active key is retired.
   * @returns The KeyRecord as canonical JSON.
   * @throws `DEURO_INVALID_ARGUMENT` for a key of the wrong type or size, or the caller's own
   * signing key; `DEURO_ALREADY_EXISTS` for a key registered before.
   */
  @Transaction()
  @Param(
    'publicKeyPem',
    'string',
    'RSA (3072 bits or more) or EC P-256 public key, SPKI or X.509 PEM',
  )
  @Returns('string')
  async RegisterEncryptionKey(ctx: Context, publicKeyPem: string): Promise<string> {
    const caller = callerOf(ctx);
    const key = parseEncryptionKey(publicKeyPem);
    if (key.spki.equals(signingKeySpkiOf(ctx))) {
      throw invalidArgument(
        'publicKeyPem is your Fabric signing key: register a separate encryption key',
      );
    }
    if ((await findKey(ctx.stub, key.fingerprint)) !== undefined) {
      throw alreadyExists('encryption key', key.fingerprint);
    }
    const identity = await findIdentity(ctx.stub, caller.identityId);
    const previous = identity?.keyFingerprints ?? [];
    if (previous.length >= MAX_KEYS_PER_IDENTITY) {
      throw invalidArgument(
        `identity ${caller.identityId} has registered ${String(MAX_KEYS_PER_IDENTITY)} keys, the most allowed`,
      );
    }
    if (identity?.activeKeyFingerprint != null) {
      await retire(ctx, await getKey(ctx.stub, identity.activeKeyFingerprint));
    }
    const record: KeyRecord = {
      fingerprint: key.fingerprint,
      identityId: caller.identityId,
      mspId: caller.mspId,
      subject: caller.subject,
      algorithm: key.algorithm,
      publicKeyPem: key.publicKeyPem,
      status: 'active',
      registeredTxId: ctx.stub.getTxID(),
      registeredAt: txTimestampIso(ctx.stub),
    };
    await putKey(ctx.stub, record);
    await putIdentity(ctx.stub, {
      identityId: caller.identityId,
      mspId: caller.mspId,
      subject: caller.subject,
      activeKeyFingerprint: key.fingerprint,
      keyFingerprints: [...previous, key.fingerprint],
    });
    await journal(ctx, caller, KEY_REGISTERED_EVENT, {
      action: 'RegisterEncryptionKey',
      targetType: 'encryption-key',
      id: key.fingerprint,
      from: null,
      to: 'active',
    });
    return canonicalJson({ ...record });
  }

  /**
   * Retire a key: nobody can encrypt new envelopes to it. The key's identity, or an admin of its
   * organization, may do this.
   * @throws `DEURO_ACCESS_DENIED` for anyone else; `DEURO_INVALID_TRANSITION` if already retired.
   */
  @Transaction()
  @Param('fingerprint', 'string', 'SHA-256 of the key SPKI DER, lowercase hex')
  @Returns('string')
  async RetireEncryptionKey(ctx: Context, fingerprint: string): Promise<string> {
    const caller = callerOf(ctx);
    const key = await getKey(ctx.stub, validFingerprint(fingerprint));
    requireKeyManager(caller, key);
    if (key.status !== 'active') {
      throw new DeuroError(
        'DEURO_INVALID_TRANSITION',
        `encryption key ${fingerprint} is already retired`,
      );
    }
    const retired = await retire(ctx, key);
    const identity = await findIdentity(ctx.stub, key.identityId);
    if (identity !== undefined) {
      await putIdentity(ctx.stub, { ...identity, activeKeyFingerprint: null });
    }
    await journal(ctx, caller, KEY_RETIRED_EVENT, {
      action: 'RetireEncryptionKey',
      targetType: 'encryption-key',
      id: fingerprint,
      from: 'active',
      to: 'retired',
    });
    return canonicalJson({ ...retired });
  }

  /** The active encryption key of an identity. @throws `DEURO_KEY_UNAVAILABLE` if none. */
  @Transaction(false)
  @Param('identityId', 'string', 'An identity id: <MSP ID>/<32 hex digits>')
  @Returns('string')
  async GetEncryptionKey(ctx: Context, identityId: string): Promise<string> {
    const identity = await findIdentity(ctx.stub, validIdentityId(identityId));
    if (identity?.activeKeyFingerprint == null) {
      throw new DeuroError(
        'DEURO_KEY_UNAVAILABLE',
        `identity ${identityId} has no active encryption key`,
      );
    }
    return canonicalJson({ ...(await getKey(ctx.stub, identity.activeKeyFingerprint)) });
  }

  /** A key by its fingerprint, active or retired. @throws `DEURO_NOT_FOUND`. */
  @Transaction(false)
  @Param('fingerprint', 'string', 'SHA-256 of the key SPKI DER, lowercase hex')
  @Returns('string')
  async GetKeyByFingerprint(ctx: Context, fingerprint: string): Promise<string> {
    return canonicalJson({ ...(await getKey(ctx.stub, validFingerprint(fingerprint))) });
  }

  /** Every key an identity registered, oldest first, retired ones included. */
  @Transaction(false)
  @Param('identityId', 'string', 'An identity id: <MSP ID>/<32 hex digits>')
  @Returns('string')
  async ListIdentityKeys(ctx: Context, identityId: string): Promise<string> {
    const identity = await findIdentity(ctx.stub, validIdentityId(identityId));
    const keys: KeyRecord[] = [];
    for (const fingerprint of identity?.keyFingerprints ?? []) {
      keys.push(await getKey(ctx.stub, fingerprint));
    }
    return canonicalJson(keys.map((key) => ({ ...key })));
  }

  /** The identities of an organization that registered keys, to choose recipients from. */
  @Transaction(false)
  @Param('mspId', 'string', 'The organization MSP ID, such as Org2MSP')
  @Returns('string')
  async ListOrgIdentities(ctx: Context, mspId: string): Promise<string> {
    if (!MSP_ID_PATTERN.test(mspId)) {
      throw invalidArgument('mspId must be 1-64 characters of A-Z a-z 0-9 . -');
    }
    const identities: IdentityRecord[] = [];
    for (const identityId of await identitiesOfOrg(ctx.stub, mspId)) {
      const identity = await findIdentity(ctx.stub, identityId);
      if (identity !== undefined) {
        identities.push(identity);
      }
    }
    return canonicalJson(
      identities.map((identity) => ({
        ...identity,
        keyFingerprints: [...identity.keyFingerprints],
      })),
    );
  }
}

async function retire(ctx: Context, key: KeyRecord): Promise<KeyRecord> {
  const retired: KeyRecord = {
    ...key,
    status: 'retired',
    retiredTxId: ctx.stub.getTxID(),
    retiredAt: txTimestampIso(ctx.stub),
  };
  await putKey(ctx.stub, retired);
  return retired;
}

function requireKeyManager(caller: Caller, key: KeyRecord): void {
  const ownKey = caller.identityId === key.identityId;
  const orgAdmin = caller.isAdmin && caller.mspId === key.mspId;
  if (!ownKey && !orgAdmin) {
    throw accessDenied(
      `only the key's identity or an admin of ${key.mspId} may retire encryption key ${key.fingerprint}`,
    );
  }
}

function validFingerprint(fingerprint: string): string {
  if (!isFingerprint(fingerprint)) {
    throw invalidArgument('fingerprint must be 64 lowercase hex digits (SHA-256 of the SPKI DER)');
  }
  return fingerprint;
}

function validIdentityId(identityId: string): string {
  if (!isIdentityId(identityId)) {
    throw invalidArgument('identityId must be <MSP ID>/<32 lowercase hex digits>');
  }
  return identityId;
}
