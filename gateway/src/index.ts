/*
 * Public surface of @deuro/gateway.
 */

export {
  callDeadlinesMs,
  newFabricConnection,
  type FabricConnection,
  type FabricConnectionOptions,
} from './fabric/connection';
export { loadIdentityFromMsp, type MspIdentity } from './fabric/identity-files';
export {
  startChaincodeEventListener,
  type ChaincodeEventListener,
  type ChaincodeEventListenerOptions,
} from './events/chaincode-event-listener';
export { newLedgerClient, type LedgerClient } from './ledger/ledger-client';
export type * from './ledger/ledger-types';
export { ApiError, isApiError } from './errors/api-error';
export { errorCatalogue as apiErrorCatalogue, type ApiErrorCode } from './errors/error-catalogue';
export {
  orgNamed,
  peerNamed,
  readNetworkLayout,
  type NetworkLayout,
  type OrdererLayout,
  type OrgLayout,
  type PeerLayout,
} from './fabric/network-layout';
export { newLocalBlobStore, type LocalBlobStoreOptions } from './store/local-blob-store';
export type { BlobStore, StoredBlob } from './store/blob-store';
export { isStoreError, StoreError } from './store/store-error';
export { newFileWallet, type Wallet } from './wallet/file-wallet';
export { newApiKeyRegistry, type ApiKeyRegistry } from './wallet/api-key-registry';
export { isWalletError, WalletError } from './wallet/wallet-error';
export * as cms from './crypto/index';
export { newIdentitySessions, type IdentitySessions } from './fabric/identity-sessions';
export { apiKeyAuthenticator } from './http/api-key-auth';
export { newGatewayApp, type GatewayApp, type GatewayAppOptions } from './gateway-app';
export { newLogger, type Logger } from './http/logger';
export { submitForStatus, submitTransaction, type BoundContract } from './fabric/submit';
export { newCommitStatusLookup, type CommitStatusLookup } from './fabric/commit-status';
