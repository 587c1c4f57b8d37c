/**
 * The baseline: a plain key/value write (`system:PutValue`) whose value is
 * the very request JSON that the asset workload sends for the same item, so
 * both move the same bytes and only the contract's work differs.
 */
import type { Contract } from '@hyperledger/fabric-gateway';

import { assetRequestJson } from './asset-request';
import { itemId } from './item-id';
import type { Workload } from './workload';

/** Options for {@link newValueWorkload}. */
export interface ValueWorkloadOptions {
  /** The chaincode's default contract (`system`). */
  readonly contract: Contract;
  readonly runId: string;
  /** The fingerprint the asset requests carry, so the value has their exact size. */
  readonly keyFingerprint: string;
}

/** The PutValue baseline. */
export function newValueWorkload(options: ValueWorkloadOptions): Workload {
  const { contract, runId, keyFingerprint } = options;
  const valueFor = (batch: number, index: number): string =>
    assetRequestJson(itemId(runId, batch, index), keyFingerprint);
  return {
    name: 'PutValue (baseline)',
    payloadBytes: Buffer.byteLength(valueFor(0, 0)),
    submit: (batch, index) =>
      contract.submitTransaction('PutValue', itemId(runId, batch, index), valueFor(batch, index)),
  };
}
