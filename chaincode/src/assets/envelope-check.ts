/*
 * Checks an envelope against the key directory: every fingerprint is a registered, active key,
 * the envelope is encrypted to everyone who must be able to read it (the owner, each identity
 * granted read, and every identity with an active key in each organization granted read), and to
 * nobody else.
 */
import type { Context } from 'fabric-contract-api';

import { activeKeyOf, findKey, identitiesOfOrg, findIdentity } from '../keys/key-records';
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
  const recipients = new Set<string>();
  for (const fingerprint of envelope.keyFingerprints) {
    const key = await findKey(ctx.stub, fingerprint);
    if (key?.status !== 'active') {
      throw new DeuroError(
        'DEURO_KEY_UNAVAILABLE',
        `envelope key ${fingerprint} is ${key === undefined ? 'not registered' : 'retired'}: encrypt to active keys only`,
      );
    }
    recipients.add(key.identityId);
  }
  const fingerprints = new Set(envelope.keyFingerprints);
  const required = [ownerId, ...grants.filter((g) => g.type === 'identity').map((g) => g.id)];
  for (const identityId of required) {
    const key = await activeKeyOf(ctx.stub, identityId);
    if (!fingerprints.has(key.fingerprint)) {
      throw new DeuroError(
        'DEURO_KEY_UNAVAILABLE',
        `the envelope is not encrypted to ${identityId}'s active key ${key.fingerprint}`,
      );
    }
  }
  for (const grant of grants.filter((g) => g.type === 'org')) {
    await requireOrgCovered(ctx, grant.id, fingerprints);
  }
  for (const recipient of recipients) {
    if (!mayRead(recipient, ownerId, grants)) {
      throw invalidArgument(
        `the envelope is encrypted to ${recipient}, who has no read access to the asset`,
      );
    }
  }
  return [...recipients].sort();
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
