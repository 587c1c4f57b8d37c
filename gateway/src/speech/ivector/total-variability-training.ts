/**
 * Training of the total-variability matrix T by EM (Kenny, Boulianne & Dumouchel, "Eigenvoice
 * modeling with sparse training data", 2005; Dehak et al. 2011), on the centred Baum-Welch
 * statistics of the training recordings, with the UBM covariances fixed.
 *
 * E step, per recording u: the posterior of w_u (precision L_u, mean E[w_u]) and
 * E[w_u w_u^T] = L_u^-1 + E[w_u] E[w_u]^T. Accumulated: A_c = sum_u N_c(u) E[w_u w_u^T] and
 * C = sum_u F~(u) E[w_u]^T. M step: T_c = C_c A_c^-1 for every component. Then, by default, the
 * minimum-divergence step (Brummer; Kaldi's `ivector-extractor` does the same): with
 * H = mean_u E[w_u w_u^T] = G G^T, T <- T G, which keeps the prior N(0, I) honest and speeds
 * convergence. The start is random: T_cd,r = initScale sqrt(var_cd) z, z ~ N(0, 1) from a named
 * Philox stream (Box-Muller), so training is deterministic.
 *
 * The objective recorded per iteration is the part of the statistics' log likelihood that
 * depends on T, averaged over recordings: (b^T L^-1 b - log |L|) / 2 with b = T^T Sigma^-1 F~.
 * EM never decreases it.
 */

import type { BaumWelchStatistics } from './baum-welch.js';
import type { DiagonalGmm } from './diagonal-gmm.js';
import { namedNormals } from './normal-draws.js';
import { checkOption, IvectorError, IvectorErrorCode } from './errors.js';
import { cholesky, choleskyInverse, choleskySolve, multiply } from './linear-algebra.js';
import {
  newTotalVariability,
  prepareTotalVariability,
  type IvectorPosterior,
  type TotalVariability,
} from './total-variability.js';

/** Options of {@link trainTotalVariability}; every field has a default. */
export interface TotalVariabilityTrainingOptions {
  /** R, the i-vector dimension (default 100). */
  rank?: number;
  /** EM iterations (default 10). */
  iterations?: number;
  /** Name of the Philox stream of the random start (default 'deuro-tv'). */
  seed?: string;
  /** Scale of the random start relative to the UBM standard deviations (default 0.1). */
  initScale?: number;
  /** Apply the minimum-divergence re-estimation after each M step (default true). */
  minimumDivergence?: boolean;
}

/** {@link TotalVariabilityTrainingOptions} with every default filled in. */
export type ResolvedTotalVariabilityTrainingOptions = Required<TotalVariabilityTrainingOptions>;

/** Defaults of {@link TotalVariabilityTrainingOptions}. */
export const TOTAL_VARIABILITY_TRAINING_DEFAULTS: ResolvedTotalVariabilityTrainingOptions = {
  rank: 100,
  iterations: 10,
  seed: 'deuro-tv',
  initScale: 0.1,
  minimumDivergence: true,
};

/** What {@link trainTotalVariability} returns. */
export interface TotalVariabilityTrainingResult {
  tv: TotalVariability;
  /** The T-dependent average log likelihood of the statistics, per iteration, before its update. */
  objectives: number[];
}

/**
 * Fills in defaults and checks every option.
 * @throws IvectorError `DEURO_IVECTOR_INVALID_PARAMETER` naming the option.
 */
export function resolveTotalVariabilityTrainingOptions(
  options: TotalVariabilityTrainingOptions = {},
): ResolvedTotalVariabilityTrainingOptions {
  const resolved = { ...TOTAL_VARIABILITY_TRAINING_DEFAULTS, ...options };
  checkOption(
    Number.isInteger(resolved.rank) && resolved.rank > 0 && resolved.rank <= 1000,
    'rank',
    resolved.rank,
    'an integer in [1, 1000]',
  );
  checkOption(
    Number.isInteger(resolved.iterations) && resolved.iterations >= 0,
    'iterations',
    resolved.iterations,
    'an integer >= 0',
  );
  checkOption(
    resolved.initScale > 0 && Number.isFinite(resolved.initScale),
    'initScale',
    resolved.initScale,
    'positive',
  );
  checkOption(resolved.seed.length > 0, 'seed', resolved.seed, 'a non-empty string');
  return resolved;
}

/**
 * Trains T on the statistics of the training recordings.
 * @throws IvectorError `DEURO_IVECTOR_NOT_ENOUGH_DATA` without statistics,
 *   `DEURO_IVECTOR_INVALID_PARAMETER` naming a bad option.
 */
export function trainTotalVariability(
  ubm: DiagonalGmm,
  statistics: readonly BaumWelchStatistics[],
  options: TotalVariabilityTrainingOptions = {},
): TotalVariabilityTrainingResult {
  const resolved = resolveTotalVariabilityTrainingOptions(options);
  if (statistics.length === 0) {
    throw new IvectorError(IvectorErrorCode.notEnoughData, 'no training statistics', {
      field: 'statistics',
    });
  }
  let tv = randomStart(ubm, resolved);
  const objectives: number[] = [];
  for (let i = 0; i < resolved.iterations; i += 1) {
    const accumulators = expectation(ubm, tv, statistics);
    objectives.push(accumulators.objective / statistics.length);
    tv = maximization(ubm, tv, accumulators);
    if (resolved.minimumDivergence)
      tv = minimumDivergence(tv, accumulators.secondMoment, statistics.length);
  }
  return { tv, objectives };
}

function randomStart(
  ubm: DiagonalGmm,
  options: ResolvedTotalVariabilityTrainingOptions,
): TotalVariability {
  const rows = ubm.componentCount * ubm.dimension;
  const matrix = namedNormals(options.seed, rows * options.rank);
  for (let row = 0; row < rows; row += 1) {
    const scale = options.initScale * Math.sqrt(ubm.variances[row] as number);
    for (let j = 0; j < options.rank; j += 1)
      matrix[row * options.rank + j] = (matrix[row * options.rank + j] as number) * scale;
  }
  return newTotalVariability(ubm.componentCount, ubm.dimension, options.rank, matrix);
}

interface Accumulators {
  /** A_c, lower triangles, C blocks of R x R. */
  occupancyWeighted: Float64Array;
  /** sum_u F~(u) E[w_u]^T, C D x R. */
  crossMoment: Float64Array;
  /** sum_u E[w_u w_u^T], R x R. */
  secondMoment: Float64Array;
  objective: number;
}

function expectation(
  ubm: DiagonalGmm,
  tv: TotalVariability,
  statistics: readonly BaumWelchStatistics[],
): Accumulators {
  const r = tv.rank;
  const k = ubm.componentCount;
  const rows = k * ubm.dimension;
  const prepared = prepareTotalVariability(ubm, tv);
  const accumulators: Accumulators = {
    occupancyWeighted: new Float64Array(k * r * r),
    crossMoment: new Float64Array(rows * r),
    secondMoment: new Float64Array(r * r),
    objective: 0,
  };
  for (const s of statistics) {
    const posterior = prepared.posterior(s);
    const moment = posteriorSecondMoment(posterior, r);
    accumulators.objective += objectiveTerm(posterior, r);
    accumulate(accumulators, s, posterior.mean, moment, r, k);
  }
  return accumulators;
}

/** E[w w^T] = L^-1 + E[w] E[w]^T. */
function posteriorSecondMoment(posterior: IvectorPosterior, r: number): Float64Array {
  const moment = choleskyInverse(posterior.precisionFactor, r);
  for (let i = 0; i < r; i += 1) {
    const mi = posterior.mean[i] as number;
    for (let j = 0; j < r; j += 1)
      moment[i * r + j] = (moment[i * r + j] as number) + mi * (posterior.mean[j] as number);
  }
  return moment;
}

/** (b^T L^-1 b - log |L|) / 2 = (E[w]^T L E[w] - log |L|) / 2 since b = L E[w]. */
function objectiveTerm(posterior: IvectorPosterior, r: number): number {
  const { mean, precisionFactor } = posterior;
  let quadratic = 0;
  let logDeterminant = 0;
  // E[w]^T L E[w] = |G^T E[w]|^2 with L = G G^T.
  for (let j = 0; j < r; j += 1) {
    let projection = 0;
    for (let i = j; i < r; i += 1)
      projection += (precisionFactor[i * r + j] as number) * (mean[i] as number);
    quadratic += projection * projection;
    logDeterminant += 2 * Math.log(precisionFactor[j * r + j] as number);
  }
  return (quadratic - logDeterminant) / 2;
}

function accumulate(
  a: Accumulators,
  s: BaumWelchStatistics,
  mean: Float64Array,
  moment: Float64Array,
  r: number,
  k: number,
): void {
  for (let c = 0; c < k; c += 1) {
    const n = s.zeroOrder[c] as number;
    if (n === 0) continue;
    const block = c * r * r;
    for (let i = 0; i < r; i += 1) {
      for (let j = 0; j <= i; j += 1) {
        a.occupancyWeighted[block + i * r + j] =
          (a.occupancyWeighted[block + i * r + j] as number) + n * (moment[i * r + j] as number);
      }
    }
  }
  for (let row = 0; row < s.firstOrder.length; row += 1) {
    const f = s.firstOrder[row] as number;
    for (let j = 0; j < r; j += 1)
      a.crossMoment[row * r + j] = (a.crossMoment[row * r + j] as number) + f * (mean[j] as number);
  }
  for (let i = 0; i < r * r; i += 1)
    a.secondMoment[i] = (a.secondMoment[i] as number) + (moment[i] as number);
}

/** T_c = C_c A_c^-1, row by row (A_c is symmetric). */
function maximization(ubm: DiagonalGmm, tv: TotalVariability, a: Accumulators): TotalVariability {
  const r = tv.rank;
  const d = ubm.dimension;
  const matrix = new Float64Array(tv.matrix.length);
  for (let c = 0; c < ubm.componentCount; c += 1) {
    const block = a.occupancyWeighted.subarray(c * r * r, (c + 1) * r * r);
    const factor = cholesky(block, r, `occupancy-weighted moment of component ${String(c)}`);
    for (let f = 0; f < d; f += 1) {
      const row = (c * d + f) * r;
      matrix.set(choleskySolve(factor, r, a.crossMoment.subarray(row, row + r)), row);
    }
  }
  return newTotalVariability(tv.componentCount, tv.dimension, r, matrix);
}

/** T <- T G with G G^T the average second moment of the i-vectors. */
function minimumDivergence(
  tv: TotalVariability,
  secondMoment: Float64Array,
  count: number,
): TotalVariability {
  const r = tv.rank;
  const average = secondMoment.map((value) => value / count);
  const factor = cholesky(average, r, 'average i-vector second moment');
  const rows = tv.matrix.length / r;
  return newTotalVariability(
    tv.componentCount,
    tv.dimension,
    r,
    multiply(tv.matrix, factor, rows, r, r),
  );
}
