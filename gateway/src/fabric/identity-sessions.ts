/*
 * The gateway's sessions: one fabric-gateway Gateway per wallet identity, all over one shared gRPC
 * client of the organization's peer, opened on first use and kept (unlocking a wallet identity
 * costs a scrypt derivation, so it happens once per identity, not per request).
 */
import type { Gateway } from '@hyperledger/fabric-gateway';

import type { Wallet } from '../wallet/file-wallet';
import { newLedgerClient, type LedgerClient } from '../ledger/ledger-client';
import { newCommitStatusLookup } from './commit-status';
import { newGatewayFor, newOfflineGatewayFor, newPeerClient, type PeerTarget } from './connection';

/** Options of {@link newIdentitySessions}. */
export interface IdentitySessionsOptions {
  readonly wallet: Wallet;
  readonly peer: PeerTarget;
  readonly channel: string;
  readonly chaincode: string;
}

/** Ledger clients per wallet identity. */
export interface IdentitySessions {
  /**
   * The ledger as the identity with this wallet label.
   * @throws WalletError when the label is unknown or the wallet cannot unlock it.
   */
  ledgerFor(label: string): Promise<LedgerClient>;
  /**
   * A gateway over the shared client for an identity whose private key stays with its owner: it
   * cannot sign, only relay what the owner signed (offline signing). The caller closes it.
   */
  offlineGatewayFor(identity: { readonly mspId: string; readonly certificatePem: string }): Gateway;
  /** Close every gateway and the shared client. */
  close(): void;
}

/** Sessions over the organization's peer. */
export function newIdentitySessions(options: IdentitySessionsOptions): IdentitySessions {
  return new IdentitySessionsImpl(options);
}

class IdentitySessionsImpl implements IdentitySessions {
  readonly #options: IdentitySessionsOptions;
  readonly #client;
  readonly #sessions = new Map<string, Promise<{ gateway: Gateway; ledger: LedgerClient }>>();

  constructor(options: IdentitySessionsOptions) {
    this.#options = options;
    this.#client = newPeerClient(options.peer);
  }

  async ledgerFor(label: string): Promise<LedgerClient> {
    let session = this.#sessions.get(label);
    if (session === undefined) {
      session = this.#open(label);
      this.#sessions.set(label, session);
      // A failed unlock is not cached: the next request tries again.
      session.catch(() => this.#sessions.delete(label));
    }
    return (await session).ledger;
  }

  async #open(label: string): Promise<{ gateway: Gateway; ledger: LedgerClient }> {
    const identity = await this.#options.wallet.get(label);
    const gateway = newGatewayFor(this.#client, {
      mspId: identity.mspId,
      certPem: identity.certificatePem,
      privateKeyPem: identity.privateKeyPem,
    });
    const network = gateway.getNetwork(this.#options.channel);
    const commitStatus = newCommitStatusLookup(gateway, this.#options.channel);
    return { gateway, ledger: newLedgerClient(network, this.#options.chaincode, commitStatus) };
  }

  offlineGatewayFor(identity: {
    readonly mspId: string;
    readonly certificatePem: string;
  }): Gateway {
    return newOfflineGatewayFor(this.#client, identity);
  }

  close(): void {
    for (const session of this.#sessions.values()) {
      session
        .then(({ gateway }) => {
          gateway.close();
        })
        .catch(() => undefined);
    }
    this.#sessions.clear();
    this.#client.close();
  }
}
