/**
 * Ids of the keys and assets that a run writes. Every id of a run has the
 * same length (fixed-width batch and index), so every request of a workload
 * has the same size and the baseline's value can match it byte for byte.
 * Batch 0 is the warm-up, batches 1.. the measured rounds.
 */
import { randomBytes } from 'node:crypto';

/** Batches (warm-up plus rounds) that fit the id's two batch digits. */
export const MAX_BATCHES = 100;
/** Items per batch that fit the id's six index digits. */
export const MAX_ITEMS_PER_BATCH = 999_999;

/** A fresh run id: 8 hex characters, so reruns against one ledger never collide. */
export function newRunId(): string {
  return randomBytes(4).toString('hex');
}

/**
 * The id of the `index`-th item of `batch`, such as `bench-1a2b3c4d-01-000042`; it matches both
 * the key pattern of PutValue and the asset id pattern of RegisterAsset.
 * @throws RangeError when `batch` or `index` does not fit its fixed width.
 */
export function itemId(runId: string, batch: number, index: number): string {
  if (batch < 0 || batch >= MAX_BATCHES || index < 0 || index > MAX_ITEMS_PER_BATCH) {
    throw new RangeError(`batch ${String(batch)} or index ${String(index)} out of range`);
  }
  return `bench-${runId}-${String(batch).padStart(2, '0')}-${String(index).padStart(6, '0')}`;
}
