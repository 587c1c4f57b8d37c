/*
 * The ledger identity ids of the identities in this gateway's wallet, asked of the ledger once
 * (WhoAmI as each) and remembered: the ledger's id derivation stays the chaincode's business.
 */
import type { IdentitySessions } from '../fabric/identity-sessions';
import type { Wallet } from '../wallet/file-wallet';

/** Maps ledger identity ids to wallet labels. */
export interface LocalIdentities {
  /** The wallet label of a ledger identity id, or undefined when this wallet does not hold it. */
  labelOf(identityId: string): Promise<string | undefined>;
}

/** Identity lookup over a wallet and its sessions. */
export function newLocalIdentities(wallet: Wallet, sessions: IdentitySessions): LocalIdentities {
  const labels = new Map<string, string>();
  const known = new Set<string>();
  return {
    async labelOf(identityId) {
      if (!labels.has(identityId)) {
        for (const label of await wallet.list()) {
          if (!known.has(label)) {
            const me = await (await sessions.ledgerFor(label)).whoAmI();
            labels.set(me.identityId, label);
            known.add(label);
          }
        }
      }
      return labels.get(identityId);
    },
  };
}
