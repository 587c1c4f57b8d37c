/*
 * Checks an envelope against the key directory: every fingerprint is a registered, active key,
 * the envelope is encrypted to everyone who must be able to read it (the owner, each identity
 * granted read, and every identity with an active key in each organization granted read), and to
 * nobody else.
 */
import type { Context } from 'fabric-contract-api';

import { findIdentity, findKey, identitiesOfOrg, type KeyRecord } from '../keys/key-records';
import { DeuroError, invalidArgument } from '../ledger/errors';
import type { Envelope, Grant } from './asset-record';

/**
 * Check an envelope and name the identities it is encrypted to.
 * @returns The recipients' identity ids, sorted.
 * @throws {@link DeuroError} `DEURO_KEY_UNAVAILABLE` naming the key or identity that is missing.
 */
export async function checkEnvelope(
  ctx: Context,
  envelope: Envelope,
  ownerId: string,
  grants: readonly Grant[],
): Promise<string[]> {
  const keys = await activeEnvelopeKeys(ctx, envelope);
  const recipients = new Set(keys.map((key) => key.identityId));
  const required = [ownerId, ...grants.filter((g) => g.type === 'identity').map((g) => g.id)];
  for (const identityId of required) {
    // Every envelope key is active and an identity has one active key at a time, so an envelope
    // key of the identity is its active key.
    if (!recipients.has(identityId)) {
      await throwNotEncryptedTo(ctx, identityId);
    }
  }
  const fingerprints = new Set(envelope.keyFingerprints);
  for (const grant of grants.filter((g) => g.type === 'org')) {
    await requireOrgCovered(ctx, grant.id, fingerprints);
  }
  const unauthorised = [...recipients].find((recipient) => !mayRead(recipient, ownerId, grants));
  if (unauthorised !== undefined) {
    throw invalidArgument(
      `the envelope is encrypted to ${unauthorised}, who has no read access to the asset`,
    );
  }
  return [...recipients].sort();
}

async function activeEnvelopeKeys(ctx: Context, envelope: Envelope): Promise<KeyRecord[]> {
  const keys: KeyRecord[] = [];
  for (const fingerprint of envelope.keyFingerprints) {
    const key = await findKey(ctx.stub, fingerprint);
    if (key?.status !== 'active') {
      throw new DeuroError(
        'DEURO_KEY_UNAVAILABLE',
        `envelope key ${fingerprint} is ${key === undefined ? 'not registered' : 'retired'}: encrypt to active keys only`,
      );
    }
    keys.push(key);
  }
  return keys;
}

async function throwNotEncryptedTo(ctx: Context, identityId: string): Promise<never> {
  const active = (await findIdentity(ctx.stub, identityId))?.activeKeyFingerprint;
  throw new DeuroError(
    'DEURO_KEY_UNAVAILABLE',
    active == null
      ? `identity ${identityId} has no active encryption key: it must register one (keys:RegisterEncryptionKey)`
      : `the envelope is not encrypted to ${identityId}'s active key ${active}`,
  );
}

async function requireOrgCovered(
  ctx: Context,
  mspId: string,
  fingerprints: Set<string>,
): Promise<void> {
  const members = await identitiesOfOrg(ctx.stub, mspId);
  let covered = 0;
  for (const identityId of members) {
    const active = (await findIdentity(ctx.stub, identityId))?.activeKeyFingerprint;
    if (active == null) {
      continue;
    }
    if (!fingerprints.has(active)) {
      throw new DeuroError(
        'DEURO_KEY_UNAVAILABLE',
        `the envelope is not encrypted to ${identityId}'s active key ${active}, a member of ${mspId} which is granted read`,
      );
    }
    covered++;
  }
  if (covered === 0) {
    throw new DeuroError(
      'DEURO_KEY_UNAVAILABLE',
      `no identity of ${mspId} has an active encryption key: nobody there could decrypt`,
    );
  }
}

function mayRead(identityId: string, ownerId: string, grants: readonly Grant[]): boolean {
  return (
    identityId === ownerId ||
    grants.some(
      (grant) =>
        (grant.type === 'identity' && grant.id === identityId) ||
        (grant.type === 'org' && identityId.startsWith(`${grant.id}/`)),
    )
  );
}
