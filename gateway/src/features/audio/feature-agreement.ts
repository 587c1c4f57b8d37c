/**
 * Agreement of two feature matrices, as the reference tests measure it: for each coefficient,
 * the largest absolute difference over all frames divided by that coefficient's range
 * (max - min) in the reference.
 */

import { checkParameter } from './errors.js';
import type { FeatureMatrix } from './feature-matrix.js';

/** Per-coefficient agreement of a candidate with a reference. */
export interface FeatureAgreement {
  /** max_t |candidate - reference| / range(reference), per coefficient. */
  readonly relativeError: number[];
  /** max_t |candidate - reference|, per coefficient. */
  readonly absoluteError: number[];
  /** The largest of `relativeError`. */
  readonly worstRelativeError: number;
}

/**
 * Compares two matrices of the same shape.
 *
 * @throws {AudioError} `DEURO_AUDIO_INVALID_PARAMETER` when the shapes differ.
 */
export function featureAgreement(
  reference: FeatureMatrix,
  candidate: FeatureMatrix,
): FeatureAgreement {
  checkParameter(
    candidate.dimension === reference.dimension,
    'candidate.dimension',
    candidate.dimension,
    `equal to ${String(reference.dimension)}`,
  );
  checkParameter(
    candidate.frameCount === reference.frameCount,
    'candidate.frameCount',
    candidate.frameCount,
    `equal to ${String(reference.frameCount)}`,
  );
  const d = reference.dimension;
  const relativeError: number[] = [];
  const absoluteError: number[] = [];
  for (let k = 0; k < d; k++) {
    let lo = Infinity;
    let hi = -Infinity;
    let worst = 0;
    for (let t = 0; t < reference.frameCount; t++) {
      const r = reference.data[t * d + k] ?? 0;
      lo = Math.min(lo, r);
      hi = Math.max(hi, r);
      worst = Math.max(worst, Math.abs((candidate.data[t * d + k] ?? NaN) - r));
    }
    absoluteError.push(worst);
    relativeError.push(hi > lo ? worst / (hi - lo) : worst);
  }
  return { relativeError, absoluteError, worstRelativeError: Math.max(0, ...relativeError) };
}
