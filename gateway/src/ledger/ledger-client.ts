/*
 * A typed client of the Deuro chaincode: one method per transaction, records in and out, and
 * every failure as an ApiError mapped from the chaincode's code. Routers and the CLI use this and
 * never see bytes or fabric-gateway types.
 */
import type { ChaincodeEvent, CloseableAsyncIterable, Network } from '@hyperledger/fabric-gateway';

import { fromLedgerError } from '../errors/ledger-error';
import type { CommitStatusLookup } from '../fabric/commit-status';
import type { BoundContract } from '../fabric/submit';
import { evaluate, submit } from './contract-calls';
import { newCrawlLedger, type CrawlLedger } from './crawl-ledger';
import { newTrainingLedger, type TrainingLedger } from './training-ledger';
import type {
  AssetFilter,
  AssetRecord,
  AssetVersion,
  Envelope,
  Grant,
  IdentityRecord,
  KeyRecord,
  Page,
  RegisterAssetRequest,
  WhoAmI,
} from './ledger-types';

/** The ledger, for one identity. */
export interface LedgerClient {
  whoAmI(): Promise<WhoAmI>;
  registerEncryptionKey(publicKeyPem: string): Promise<KeyRecord>;
  retireEncryptionKey(fingerprint: string): Promise<KeyRecord>;
  getEncryptionKey(identityId: string): Promise<KeyRecord>;
  getKeyByFingerprint(fingerprint: string): Promise<KeyRecord>;
  listOrgIdentities(mspId: string): Promise<IdentityRecord[]>;
  registerAsset(request: RegisterAssetRequest): Promise<AssetRecord>;
  shareAsset(id: string, grants: readonly Grant[], envelope: Envelope): Promise<AssetRecord>;
  revokeAccess(id: string, grants: readonly Grant[], envelope: Envelope): Promise<AssetRecord>;
  transferAsset(id: string, newOwner: string, envelope: Envelope): Promise<AssetRecord>;
  deleteAsset(id: string): Promise<AssetRecord>;
  getAsset(id: string): Promise<AssetRecord>;
  listAssets(filter: AssetFilter, pageSize: number, bookmark: string): Promise<Page<AssetRecord>>;
  assetHistory(id: string): Promise<AssetVersion[]>;
  /** gCrawl's jobs and tasks. */
  readonly crawl: CrawlLedger;
  /** gPredict's training tasks, trials and models. */
  readonly training: TrainingLedger;
  /** The chaincode's events in commit order, from a block (the next block by default). */
  chaincodeEvents(startBlock?: bigint): Promise<CloseableAsyncIterable<ChaincodeEvent>>;
}

/**
 * A client over a channel network for the chaincode's contracts.
 * @param network - A channel of a fabric-gateway connection, signing as the caller.
 * @param commitStatus - Commit status by transaction id on that channel, for submissions whose
 *   outcome the orderers left unclear (see fabric/submit.ts).
 */
export function newLedgerClient(
  network: Network,
  chaincode: string,
  commitStatus: CommitStatusLookup,
): LedgerClient {
  return new LedgerClientImpl(network, chaincode, commitStatus);
}

class LedgerClientImpl implements LedgerClient {
  readonly #keys: BoundContract;
  readonly #assets: BoundContract;
  readonly #queries: BoundContract;
  readonly #network: Network;
  readonly #chaincode: string;
  readonly crawl: CrawlLedger;
  readonly training: TrainingLedger;

  constructor(network: Network, chaincode: string, commitStatus: CommitStatusLookup) {
    this.#network = network;
    this.#chaincode = chaincode;
    const bound = (name: string): BoundContract => ({
      contract: network.getContract(chaincode, name),
      commitStatus,
    });
    this.crawl = newCrawlLedger(bound('crawl'));
    this.training = newTrainingLedger(bound('training'));
    this.#keys = bound('keys');
    this.#assets = bound('assets');
    this.#queries = bound('queries');
  }

  whoAmI(): Promise<WhoAmI> {
    return evaluate(this.#keys, 'WhoAmI');
  }

  registerEncryptionKey(publicKeyPem: string): Promise<KeyRecord> {
    return submit(this.#keys, 'RegisterEncryptionKey', publicKeyPem);
  }

  retireEncryptionKey(fingerprint: string): Promise<KeyRecord> {
    return submit(this.#keys, 'RetireEncryptionKey', fingerprint);
  }

  getEncryptionKey(identityId: string): Promise<KeyRecord> {
    return evaluate(this.#keys, 'GetEncryptionKey', identityId);
  }

  getKeyByFingerprint(fingerprint: string): Promise<KeyRecord> {
    return evaluate(this.#keys, 'GetKeyByFingerprint', fingerprint);
  }

  listOrgIdentities(mspId: string): Promise<IdentityRecord[]> {
    return evaluate(this.#keys, 'ListOrgIdentities', mspId);
  }

  registerAsset(request: RegisterAssetRequest): Promise<AssetRecord> {
    return submit(this.#assets, 'RegisterAsset', JSON.stringify(request));
  }

  shareAsset(id: string, grants: readonly Grant[], envelope: Envelope): Promise<AssetRecord> {
    return submit(this.#assets, 'ShareAsset', id, JSON.stringify({ grants, envelope }));
  }

  revokeAccess(id: string, grants: readonly Grant[], envelope: Envelope): Promise<AssetRecord> {
    return submit(this.#assets, 'RevokeAccess', id, JSON.stringify({ grants, envelope }));
  }

  transferAsset(id: string, newOwner: string, envelope: Envelope): Promise<AssetRecord> {
    return submit(this.#assets, 'TransferAsset', id, JSON.stringify({ newOwner, envelope }));
  }

  deleteAsset(id: string): Promise<AssetRecord> {
    return submit(this.#assets, 'DeleteAsset', id);
  }

  getAsset(id: string): Promise<AssetRecord> {
    return evaluate(this.#assets, 'GetAsset', id);
  }

  listAssets(filter: AssetFilter, pageSize: number, bookmark: string): Promise<Page<AssetRecord>> {
    const size = String(pageSize);
    switch (filter.by) {
      case 'owner':
        return evaluate(this.#queries, 'QueryAssetsByOwner', filter.ownerId, size, bookmark);
      case 'kind':
        return evaluate(this.#queries, 'QueryAssetsByKind', filter.kind, size, bookmark);
      case 'state':
        return evaluate(this.#queries, 'QueryAssetsByState', filter.state, size, bookmark);
      case 'recipient':
        return evaluate(this.#queries, 'QueryAssetsByRecipient', filter.recipient, size, bookmark);
      case 'sharedWithMe':
        return evaluate(this.#queries, 'QuerySharedWithMe', size, bookmark);
    }
  }

  assetHistory(id: string): Promise<AssetVersion[]> {
    return evaluate(this.#queries, 'GetAssetHistory', id);
  }

  async chaincodeEvents(startBlock?: bigint): Promise<CloseableAsyncIterable<ChaincodeEvent>> {
    try {
      return await this.#network.getChaincodeEvents(
        this.#chaincode,
        startBlock === undefined ? {} : { startBlock },
      );
    } catch (error) {
      throw fromLedgerError(error);
    }
  }
}
