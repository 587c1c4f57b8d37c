/**
 * A workload: one kind of transaction that the driver submits over and over,
 * each submission writing a new item so that no two conflict.
 */

/** One kind of transaction to measure. */
export interface Workload {
  /** The name printed in the report, e.g. `PutValue (baseline)`. */
  readonly name: string;
  /** Bytes of the argument that carries the payload, the same for every submission. */
  readonly payloadBytes: number;
  /**
   * Submits the `index`-th item of `batch` and resolves once it has committed.
   * @throws Whatever fabric-gateway throws (EndorseError, SubmitError, CommitError, ...).
   */
  submit(batch: number, index: number): Promise<unknown>;
}
