/**
 * A Gaussian mixture with diagonal covariances (the universal background model, UBM) and the
 * per-frame quantities every later stage needs: component log densities, frame log likelihood
 * (log-sum-exp over components) and component posteriors ("occupation probabilities").
 *
 * Log density of component c at x:
 * log w_c - (D log 2 pi + sum_d log var_cd) / 2 - sum_d (x_d - mu_cd)^2 / (2 var_cd).
 */

import { checkDimension, checkOption } from './errors.js';
import type { Frames } from './frames.js';

/** A diagonal-covariance GMM; arrays are row major by component. */
export interface DiagonalGmm {
  readonly componentCount: number;
  readonly dimension: number;
  /** Mixture weights, `componentCount` values summing to 1. */
  readonly weights: Float64Array;
  /** Means, `componentCount * dimension`. */
  readonly means: Float64Array;
  /** Variances (the covariance diagonals), `componentCount * dimension`, all > 0. */
  readonly variances: Float64Array;
}

/**
 * Checks and wraps GMM parameters.
 * @throws IvectorError `DEURO_IVECTOR_INVALID_PARAMETER` naming the array out of range.
 */
export function newDiagonalGmm(
  weights: Float64Array,
  means: Float64Array,
  variances: Float64Array,
): DiagonalGmm {
  const componentCount = weights.length;
  checkOption(componentCount > 0, 'weights.length', componentCount, 'positive');
  const dimension = means.length / componentCount;
  checkOption(
    Number.isInteger(dimension) && dimension > 0,
    'means.length',
    means.length,
    `a positive multiple of ${String(componentCount)}`,
  );
  checkDimension(variances.length, means.length, 'variances');
  checkOption(
    weights.every((w) => w >= 0 && Number.isFinite(w)),
    'weights',
    'a negative or non-finite weight',
    'finite and >= 0',
  );
  checkOption(
    means.every((m) => Number.isFinite(m)),
    'means',
    'a non-finite mean',
    'finite',
  );
  checkOption(
    variances.every((v) => v > 0 && Number.isFinite(v)),
    'variances',
    'a variance <= 0',
    'finite and > 0',
  );
  return { componentCount, dimension, weights, means, variances };
}

/** Precomputed terms for fast scoring of frames against a GMM. */
export interface GmmScorer {
  readonly gmm: DiagonalGmm;
  /**
   * Writes log(w_c N(x | c)) for every component into `out` for the frame at `data[offset..]`
   * and returns the frame's log likelihood (log-sum-exp of `out`).
   */
  componentLogDensities(data: Float64Array, offset: number, out: Float64Array): number;
  /**
   * The same for `count` consecutive frames starting at frame `first` of `data` (frames of
   * `dimension` values): component log densities into `out` (`count * componentCount`, frame
   * after frame) and frame log likelihoods into `logLikelihoods` (`count`). Frames are scored
   * four at a time, which shares every mean and precision load between four frames and is about
   * three times faster than frame by frame.
   */
  blockLogDensities(
    data: Float64Array,
    first: number,
    count: number,
    out: Float64Array,
    logLikelihoods: Float64Array,
  ): void;
}

const LOG_TWO_PI = Math.log(2 * Math.PI);

/** A scorer of frames against `gmm`. */
export function newGmmScorer(gmm: DiagonalGmm): GmmScorer {
  const { componentCount, dimension, means } = gmm;
  const halfPrecisions = gmm.variances.map((v) => 0.5 / v);
  const constants = new Float64Array(componentCount);
  for (let c = 0; c < componentCount; c += 1) {
    let logDeterminant = 0;
    for (let d = 0; d < dimension; d += 1)
      logDeterminant += Math.log(gmm.variances[c * dimension + d] ?? 1);
    const weight = gmm.weights[c] ?? 0;
    constants[c] =
      (weight > 0 ? Math.log(weight) : -Infinity) - 0.5 * (dimension * LOG_TWO_PI + logDeterminant);
  }
  const single = (
    data: Float64Array,
    offset: number,
    out: Float64Array,
    outOffset: number,
  ): void => {
    for (let c = 0; c < componentCount; c += 1) {
      const row = c * dimension;
      let sum = 0;
      for (let d = 0; d < dimension; d += 1) {
        const diff = (data[offset + d] as number) - (means[row + d] as number);
        sum += diff * diff * (halfPrecisions[row + d] as number);
      }
      out[outOffset + c] = (constants[c] as number) - sum;
    }
  };
  const four = (data: Float64Array, offset: number, out: Float64Array, outOffset: number): void => {
    const o1 = offset + dimension;
    const o2 = o1 + dimension;
    const o3 = o2 + dimension;
    for (let c = 0; c < componentCount; c += 1) {
      const row = c * dimension;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let d = 0; d < dimension; d += 1) {
        const mean = means[row + d] as number;
        const h = halfPrecisions[row + d] as number;
        const a = (data[offset + d] as number) - mean;
        const b = (data[o1 + d] as number) - mean;
        const e = (data[o2 + d] as number) - mean;
        const f = (data[o3 + d] as number) - mean;
        s0 += a * a * h;
        s1 += b * b * h;
        s2 += e * e * h;
        s3 += f * f * h;
      }
      const constant = constants[c] as number;
      out[outOffset + c] = constant - s0;
      out[outOffset + componentCount + c] = constant - s1;
      out[outOffset + 2 * componentCount + c] = constant - s2;
      out[outOffset + 3 * componentCount + c] = constant - s3;
    }
  };
  return {
    gmm,
    componentLogDensities(data, offset, out) {
      single(data, offset, out, 0);
      return logSumExp(out, 0, componentCount);
    },
    blockLogDensities(data, first, count, out, logLikelihoods) {
      let t = 0;
      for (; t + 4 <= count; t += 4) four(data, (first + t) * dimension, out, t * componentCount);
      for (; t < count; t += 1) single(data, (first + t) * dimension, out, t * componentCount);
      for (let i = 0; i < count; i += 1)
        logLikelihoods[i] = logSumExp(out, i * componentCount, componentCount);
    },
  };
}

/** log sum_i exp(values[offset + i]) for i < count, without overflow. */
function logSumExp(values: Float64Array, offset: number, count: number): number {
  let max = -Infinity;
  for (let i = 0; i < count; i += 1) max = Math.max(max, values[offset + i] as number);
  if (max === -Infinity) return max;
  let total = 0;
  for (let i = 0; i < count; i += 1) total += Math.exp((values[offset + i] as number) - max);
  return max + Math.log(total);
}

/**
 * The average log likelihood per frame of `frames` under `gmm` (scikit-learn's
 * `GaussianMixture.score`).
 * @throws IvectorError `DEURO_IVECTOR_DIMENSION_MISMATCH` when the frame dimension differs.
 */
export function averageLogLikelihood(gmm: DiagonalGmm, frames: Frames): number {
  checkDimension(frames.dimension, gmm.dimension, 'frames.dimension');
  let total = 0;
  forEachFrameBlock(newGmmScorer(gmm), frames, (_first, count, _densities, logLikelihoods) => {
    for (let i = 0; i < count; i += 1) total += logLikelihoods[i] as number;
  });
  return total / frames.frameCount;
}

/** Frames scored per call of {@link forEachFrameBlock}'s callback. */
export const FRAME_BLOCK = 256;

/**
 * Scores `frames` in blocks of {@link FRAME_BLOCK} and calls `visit` with each block's first
 * frame, its length, its component log densities (`count * componentCount`) and frame log
 * likelihoods (the arrays are reused between calls).
 */
export function forEachFrameBlock(
  scorer: GmmScorer,
  frames: Frames,
  visit: (
    first: number,
    count: number,
    densities: Float64Array,
    logLikelihoods: Float64Array,
  ) => void,
): void {
  const densities = new Float64Array(FRAME_BLOCK * scorer.gmm.componentCount);
  const logLikelihoods = new Float64Array(FRAME_BLOCK);
  for (let first = 0; first < frames.frameCount; first += FRAME_BLOCK) {
    const count = Math.min(FRAME_BLOCK, frames.frameCount - first);
    scorer.blockLogDensities(frames.data, first, count, densities, logLikelihoods);
    visit(first, count, densities, logLikelihoods);
  }
}
