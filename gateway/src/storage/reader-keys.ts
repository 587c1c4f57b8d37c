/*
 * The encryption keys an envelope must be encrypted to, as the ledger checks them: the owner's
 * active key, each identity grant's active key, and the active key of every identity of each
 * organization granted read (chaincode/src/assets/envelope-check.ts).
 */
import type { LedgerClient } from '../ledger/ledger-client';
import type { Grant, KeyRecord } from '../ledger/ledger-types';

/** The active keys of the owner and of everyone the grants name. */
export async function readerKeys(
  ledger: LedgerClient,
  ownerId: string,
  grants: readonly Grant[],
): Promise<KeyRecord[]> {
  const identities = new Set([ownerId]);
  for (const grant of grants) {
    if (grant.type === 'identity') {
      identities.add(grant.id);
    } else {
      for (const member of await ledger.listOrgIdentities(grant.id)) {
        if (member.activeKeyFingerprint !== null) {
          identities.add(member.identityId);
        }
      }
    }
  }
  return Promise.all([...identities].map((identityId) => ledger.getEncryptionKey(identityId)));
}
