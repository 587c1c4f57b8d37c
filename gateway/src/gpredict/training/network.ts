/*
 * What the training loop needs from a network, whatever its arithmetic: one SGD-with-momentum
 * step on a batch of training samples, and an evaluation pass. Both implementations
 * (fixed-network.ts, float32-network.ts) have the same structure: the same layers, the same
 * order of operations, the same batches.
 */
import type { LabelledSamples } from '../datasets/index.js';
import type { ParameterSet } from './model-weights.js';

/** Correct predictions and summed cross-entropy over a set of samples. */
export interface EvaluationCounts {
  readonly correct: number;
  readonly lossSum: number;
}

/** A network being trained. */
export interface TrainableNetwork {
  /**
   * One step on the training samples at `batch` (indices into the training set), drawing any
   * stochastic rounding from the step's own stream. Returns the batch's summed cross-entropy.
   */
  step(batch: readonly number[], stepIndex: number): number;
  /** Predictions (argmax of the logits, ties to the lowest class) and loss over `samples`. */
  evaluate(samples: LabelledSamples): EvaluationCounts;
  /** The current parameters (copies). */
  parameters(): ParameterSet;
  /** The current momentum buffers (copies). */
  momentum(): ParameterSet;
}

/** Index of the largest of `count` values from `offset`; the first on ties. */
export function argmax(values: ArrayLike<number>, offset: number, count: number): number {
  let best = 0;
  for (let index = 1; index < count; index += 1) {
    if ((values[offset + index] ?? 0) > (values[offset + best] ?? 0)) {
      best = index;
    }
  }
  return best;
}
