/**
 * Builds the workloads a run measures: always the PutValue baseline, and
 * RegisterAsset unless the run is baseline-only or the deployed chaincode
 * lacks the key or asset contract. A chaincode without them is said so
 * plainly, never measured as a failure.
 */
import type { FabricConnection } from '@deuro/gateway';

import { newAssetWorkload } from './asset-workload';
import type { EncryptionPublicKey } from './encryption-key';
import { missingContractIn } from './missing-contract';
import type { ProgressLog } from './progress-log';
import { newValueWorkload } from './value-workload';
import type { Workload } from './workload';

/** Options for {@link selectWorkloads}. */
export interface SelectWorkloadsOptions {
  readonly connection: FabricConnection;
  readonly chaincode: string;
  readonly runId: string;
  readonly encryptionKey: EncryptionPublicKey;
  readonly baselineOnly: boolean;
  readonly log: ProgressLog;
}

/**
 * The baseline, then the asset workload when it can run.
 * @throws Error when the key registration fails other than for a missing contract.
 */
export async function selectWorkloads(options: SelectWorkloadsOptions): Promise<Workload[]> {
  const { connection, chaincode, runId, encryptionKey, log } = options;
  const baseline = newValueWorkload({
    contract: connection.contract,
    runId,
    keyFingerprint: encryptionKey.fingerprint,
  });
  if (options.baselineOnly) {
    log('baseline only (asked for): RegisterAsset is not measured');
    return [baseline];
  }
  log('registering the client encryption key (keys:RegisterEncryptionKey)...');
  let assets: Workload;
  try {
    assets = await newAssetWorkload({
      network: connection.network,
      chaincode,
      runId,
      encryptionKey,
    });
  } catch (error) {
    const missing = missingContractIn(error);
    if (missing === undefined) {
      throw error;
    }
    log(`BASELINE ONLY: the deployed chaincode does not serve ${missing}`);
    return [baseline];
  }
  log(`key ${encryptionKey.fingerprint.slice(0, 16)}... registered`);
  return [baseline, assets];
}
