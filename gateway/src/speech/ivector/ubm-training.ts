/**
 * Training of the universal background model: maximum-likelihood EM for a diagonal GMM from the
 * deterministic k-means++ start ({@link kmeansPlusPlusInit}).
 *
 * Each iteration computes frame posteriors under the current parameters (E step), then sets
 * w_c = N_c / N, mu_c = F_c / N_c, var_c = S_c / N_c - mu_c^2 + reg, and raises variances below
 * the floor (M step), with N_c, F_c, S_c the zeroth, first and second order statistics. This is
 * scikit-learn's `GaussianMixture(covariance_type='diag')` update, `reg` its `reg_covar`; the
 * floor is the speech-toolkit addition (set `varianceFloor: 0` for sklearn's exact rule). The
 * log likelihood recorded for an iteration is the average per frame under the parameters the E
 * step used, as sklearn's `lower_bound_`. Posteriors below 1e-10 are skipped in the
 * accumulation (a relative change below 1e-9 in practice, measured against sklearn).
 */

import {
  forEachFrameBlock,
  newDiagonalGmm,
  newGmmScorer,
  type DiagonalGmm,
} from './diagonal-gmm.js';
import { checkDimension, checkOption } from './errors.js';
import type { Frames } from './frames.js';
import { kmeansPlusPlusInit } from './kmeans-init.js';
import { floorVariances, globalVariances } from './variance-floor.js';

/** Options of {@link trainUbm}; every field has a default. */
export interface UbmTrainingOptions {
  /** Number of Gaussians (default 64). */
  componentCount?: number;
  /** EM iterations after the k-means++ start (default 20). */
  iterations?: number;
  /** Name of the Philox stream of the k-means++ draws (default 'deuro-ubm'). */
  seed?: string;
  /** Frames used by k-means++ and its Lloyd iterations, an even stride (default 20000). */
  initSampleSize?: number;
  /** Lloyd iterations after k-means++ seeding (default 5). */
  lloydIterations?: number;
  /** Added to every variance at each M step, sklearn's `reg_covar` (default 1e-6). */
  covarianceRegularization?: number;
  /** Variance floor, a fraction of each dimension's global variance (default 0.001). */
  varianceFloor?: number;
}

/** {@link UbmTrainingOptions} with every default filled in. */
export type ResolvedUbmTrainingOptions = Required<UbmTrainingOptions>;

/** Defaults of {@link UbmTrainingOptions}. */
export const UBM_TRAINING_DEFAULTS: ResolvedUbmTrainingOptions = {
  componentCount: 64,
  iterations: 20,
  seed: 'deuro-ubm',
  initSampleSize: 20000,
  lloydIterations: 5,
  covarianceRegularization: 1e-6,
  varianceFloor: 0.001,
};

/** What {@link trainUbm} returns. */
export interface UbmTrainingResult {
  /** The trained model. */
  ubm: DiagonalGmm;
  /** The k-means++ start. */
  initial: DiagonalGmm;
  /** Average log likelihood per frame at each iteration, before its M step. */
  logLikelihoods: number[];
  /** Variances raised to the floor at the last M step. */
  flooredVariances: number;
}

/**
 * Fills in defaults and checks every option.
 * @throws IvectorError `DEURO_IVECTOR_INVALID_PARAMETER` naming the option.
 */
export function resolveUbmTrainingOptions(
  options: UbmTrainingOptions = {},
): ResolvedUbmTrainingOptions {
  const resolved = { ...UBM_TRAINING_DEFAULTS, ...options };
  const integer = (value: number, field: string, min: number): void => {
    checkOption(
      Number.isInteger(value) && value >= min,
      field,
      value,
      `an integer >= ${String(min)}`,
    );
  };
  integer(resolved.componentCount, 'componentCount', 1);
  integer(resolved.iterations, 'iterations', 0);
  integer(resolved.initSampleSize, 'initSampleSize', 1);
  integer(resolved.lloydIterations, 'lloydIterations', 0);
  checkOption(
    resolved.covarianceRegularization >= 0 && Number.isFinite(resolved.covarianceRegularization),
    'covarianceRegularization',
    resolved.covarianceRegularization,
    'finite and >= 0',
  );
  checkOption(
    resolved.varianceFloor >= 0 && resolved.varianceFloor < 1,
    'varianceFloor',
    resolved.varianceFloor,
    'in [0, 1)',
  );
  checkOption(resolved.seed.length > 0, 'seed', resolved.seed, 'a non-empty string');
  return resolved;
}

/**
 * Trains a UBM on `frames`: k-means++ start, then EM.
 * @throws IvectorError `DEURO_IVECTOR_INVALID_PARAMETER` naming a bad option,
 *   `DEURO_IVECTOR_NOT_ENOUGH_DATA` with fewer frames than components.
 */
export function trainUbm(frames: Frames, options: UbmTrainingOptions = {}): UbmTrainingResult {
  const resolved = resolveUbmTrainingOptions(options);
  const initial = kmeansPlusPlusInit(frames, { ...resolved, sampleSize: resolved.initSampleSize });
  return { initial, ...refineGmm(initial, frames, resolved) };
}

/**
 * EM iterations from a given GMM (the k-means++ start, or any other: the scikit-learn agreement
 * test passes the same start to both).
 * @throws IvectorError `DEURO_IVECTOR_DIMENSION_MISMATCH` when the frames do not fit the GMM.
 */
export function refineGmm(
  start: DiagonalGmm,
  frames: Frames,
  options: Pick<
    UbmTrainingOptions,
    'iterations' | 'covarianceRegularization' | 'varianceFloor'
  > = {},
): { ubm: DiagonalGmm; logLikelihoods: number[]; flooredVariances: number } {
  const resolved = resolveUbmTrainingOptions({ ...options, componentCount: start.componentCount });
  checkDimension(frames.dimension, start.dimension, 'frames.dimension');
  const global = globalVariances(frames);
  let gmm = start;
  let flooredVariances = 0;
  const logLikelihoods: number[] = [];
  for (let i = 0; i < resolved.iterations; i += 1) {
    const statistics = accumulateStatistics(gmm, frames);
    logLikelihoods.push(statistics.logLikelihood / frames.frameCount);
    const step = maximize(statistics, frames.frameCount, resolved, global);
    gmm = step.gmm;
    flooredVariances = step.floored;
  }
  return { ubm: gmm, logLikelihoods, flooredVariances };
}

interface EmStatistics {
  componentCount: number;
  dimension: number;
  zero: Float64Array;
  first: Float64Array;
  second: Float64Array;
  logLikelihood: number;
}

function accumulateStatistics(gmm: DiagonalGmm, frames: Frames): EmStatistics {
  const { componentCount: k, dimension: d } = gmm;
  const zero = new Float64Array(k);
  const first = new Float64Array(k * d);
  const second = new Float64Array(k * d);
  const data = frames.data;
  let logLikelihood = 0;
  forEachFrameBlock(newGmmScorer(gmm), frames, (start, count, densities, logLikelihoods) => {
    for (let i = 0; i < count; i += 1) {
      const offset = (start + i) * d;
      const frameLogLikelihood = logLikelihoods[i] as number;
      logLikelihood += frameLogLikelihood;
      for (let c = 0; c < k; c += 1) {
        const logPosterior = (densities[i * k + c] as number) - frameLogLikelihood;
        if (logPosterior < LOG_POSTERIOR_FLOOR) continue;
        const gamma = Math.exp(logPosterior);
        zero[c] = (zero[c] as number) + gamma;
        const row = c * d;
        for (let j = 0; j < d; j += 1) {
          const x = data[offset + j] as number;
          const gx = gamma * x;
          first[row + j] = (first[row + j] as number) + gx;
          second[row + j] = (second[row + j] as number) + gx * x;
        }
      }
    }
  });
  return { componentCount: k, dimension: d, zero, first, second, logLikelihood };
}

/**
 * Posteriors below this are not accumulated (sklearn accumulates all): a frame's statistics
 * change by less than 1e-10 of a frame, and most of the accumulation work is skipped, since a
 * frame is dominated by a few components.
 */
const LOG_POSTERIOR_FLOOR = Math.log(1e-10);

/** sklearn adds 10 machine epsilons to every N_c so that an empty component divides safely. */
const OCCUPANCY_EPSILON = 10 * Number.EPSILON;

function maximize(
  s: EmStatistics,
  frameCount: number,
  options: ResolvedUbmTrainingOptions,
  global: Float64Array,
): { gmm: DiagonalGmm; floored: number } {
  const { componentCount: k, dimension: d } = s;
  const weights = new Float64Array(k);
  const means = new Float64Array(k * d);
  const variances = new Float64Array(k * d);
  for (let c = 0; c < k; c += 1) {
    const occupancy = (s.zero[c] ?? 0) + OCCUPANCY_EPSILON;
    weights[c] = occupancy / frameCount;
    for (let j = 0; j < d; j += 1) {
      const mean = (s.first[c * d + j] ?? 0) / occupancy;
      means[c * d + j] = mean;
      const variance = (s.second[c * d + j] ?? 0) / occupancy - mean * mean;
      variances[c * d + j] = Math.max(variance, 0) + options.covarianceRegularization;
    }
  }
  const total = weights.reduce((a, b) => a + b, 0);
  const floored = floorVariances(variances, global, options.varianceFloor);
  return {
    gmm: newDiagonalGmm(
      weights.map((w) => w / total),
      means,
      variances,
    ),
    floored,
  };
}
