/**
 * Asset registration: `assets:RegisterAsset` with a request naming the
 * client's encryption key, which `keys:RegisterEncryptionKey` registers once
 * before the first asset.
 */
import type { Network } from '@hyperledger/fabric-gateway';

import { assetRequestJson } from './asset-request';
import type { EncryptionPublicKey } from './encryption-key';
import { itemId } from './item-id';
import type { Workload } from './workload';

/** Options for {@link newAssetWorkload}. */
export interface AssetWorkloadOptions {
  readonly network: Network;
  readonly chaincode: string;
  readonly runId: string;
  /** The client's key, registered by {@link newAssetWorkload}. */
  readonly encryptionKey: EncryptionPublicKey;
}

interface KeyRecord {
  readonly fingerprint?: unknown;
}

/**
 * Registers the client's encryption key, then returns the RegisterAsset workload.
 * @throws Error when the registration fails or its record disagrees on the fingerprint.
 */
export async function newAssetWorkload(options: AssetWorkloadOptions): Promise<Workload> {
  const { network, chaincode, runId, encryptionKey } = options;
  const keys = network.getContract(chaincode, 'keys');
  const assets = network.getContract(chaincode, 'assets');
  const recordBytes = await keys.submitTransaction(
    'RegisterEncryptionKey',
    encryptionKey.publicKeyPem,
  );
  const record = JSON.parse(Buffer.from(recordBytes).toString('utf8')) as KeyRecord;
  if (record.fingerprint !== encryptionKey.fingerprint) {
    throw new Error(
      `RegisterEncryptionKey returned fingerprint ${String(record.fingerprint)}, expected ${encryptionKey.fingerprint}`,
    );
  }
  const requestFor = (batch: number, index: number): string =>
    assetRequestJson(itemId(runId, batch, index), encryptionKey.fingerprint);
  return {
    name: 'RegisterAsset',
    payloadBytes: Buffer.byteLength(requestFor(0, 0)),
    submit: (batch, index) => assets.submitTransaction('RegisterAsset', requestFor(batch, index)),
  };
}
