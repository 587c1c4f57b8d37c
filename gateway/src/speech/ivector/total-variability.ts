/**
 * The total-variability model (Dehak et al., "Front-end factor analysis for speaker
 * verification", IEEE TASLP 2011; Kenny's eigenvoice formulation): the speaker- and
 * session-dependent GMM mean supervector is M = m + T w, with m the UBM means, T a low-rank
 * (C D x R) matrix and w ~ N(0, I) the i-vector. Given the centred Baum-Welch statistics of a
 * recording, the posterior of w is Gaussian with precision
 *   L = I + sum_c N_c T_c^T Sigma_c^-1 T_c
 * and mean L^-1 T^T Sigma^-1 F~: that mean is the i-vector. The C matrices
 * T_c^T Sigma_c^-1 T_c (R x R) do not depend on the recording and are computed once per model,
 * so a posterior costs C R^2 / 2 for L, R^3 / 3 for its Cholesky factor and C D R for the
 * right-hand side.
 */

import type { BaumWelchStatistics } from './baum-welch.js';
import type { DiagonalGmm } from './diagonal-gmm.js';
import { checkDimension, checkOption } from './errors.js';
import { backSubstitute, cholesky, forwardSubstitute } from './linear-algebra.js';

/** T, the total-variability matrix, for a UBM of `componentCount` x `dimension`. */
export interface TotalVariability {
  readonly componentCount: number;
  readonly dimension: number;
  /** R, the i-vector dimension. */
  readonly rank: number;
  /** T row major: row c * dimension + d holds the R loadings of feature d of component c. */
  readonly matrix: Float64Array;
}

/**
 * Checks and wraps a T matrix.
 * @throws IvectorError `DEURO_IVECTOR_INVALID_PARAMETER` when the sizes disagree.
 */
export function newTotalVariability(
  componentCount: number,
  dimension: number,
  rank: number,
  matrix: Float64Array,
): TotalVariability {
  checkOption(Number.isInteger(rank) && rank > 0, 'rank', rank, 'a positive integer');
  checkOption(
    matrix.length === componentCount * dimension * rank,
    'matrix.length',
    matrix.length,
    `componentCount * dimension * rank = ${String(componentCount * dimension * rank)}`,
  );
  checkOption(matrix.every(Number.isFinite), 'matrix', 'a non-finite value', 'finite');
  return { componentCount, dimension, rank, matrix };
}

/** The Gaussian posterior of the i-vector of one recording. */
export interface IvectorPosterior {
  /** The posterior mean: the i-vector. */
  readonly mean: Float64Array;
  /** Cholesky factor (lower, R x R) of the posterior precision L. */
  readonly precisionFactor: Float64Array;
}

/** A T matrix with its recording-independent products, ready for posteriors. */
export interface PreparedTotalVariability {
  readonly ubm: DiagonalGmm;
  readonly tv: TotalVariability;
  /** The posterior of the i-vector given a recording's statistics. */
  posterior(statistics: BaumWelchStatistics): IvectorPosterior;
}

/**
 * Precomputes T_c^T Sigma_c^-1 T_c for every component.
 * @throws IvectorError `DEURO_IVECTOR_DIMENSION_MISMATCH` when T does not fit the UBM.
 */
export function prepareTotalVariability(
  ubm: DiagonalGmm,
  tv: TotalVariability,
): PreparedTotalVariability {
  checkDimension(tv.componentCount, ubm.componentCount, 'tv.componentCount');
  checkDimension(tv.dimension, ubm.dimension, 'tv.dimension');
  const r = tv.rank;
  const rows = ubm.componentCount * ubm.dimension;
  // Sigma^-1 T, row by row.
  const scaled = new Float64Array(rows * r);
  for (let row = 0; row < rows; row += 1) {
    const precision = 1 / (ubm.variances[row] as number);
    for (let j = 0; j < r; j += 1)
      scaled[row * r + j] = (tv.matrix[row * r + j] as number) * precision;
  }
  const products = componentProducts(ubm, tv, scaled);
  return {
    ubm,
    tv,
    posterior: (statistics) => posteriorOf(ubm, tv, scaled, products, statistics),
  };
}

/** Lower triangles of T_c^T Sigma_c^-1 T_c, C blocks of R x R. */
function componentProducts(
  ubm: DiagonalGmm,
  tv: TotalVariability,
  scaled: Float64Array,
): Float64Array {
  const { componentCount: k, dimension: d } = ubm;
  const r = tv.rank;
  const products = new Float64Array(k * r * r);
  for (let c = 0; c < k; c += 1) {
    const block = c * r * r;
    for (let f = 0; f < d; f += 1) {
      const row = (c * d + f) * r;
      for (let i = 0; i < r; i += 1) {
        const si = scaled[row + i] as number;
        const target = block + i * r;
        for (let j = 0; j <= i; j += 1) {
          products[target + j] =
            (products[target + j] as number) + si * (tv.matrix[row + j] as number);
        }
      }
    }
  }
  return products;
}

function posteriorOf(
  ubm: DiagonalGmm,
  tv: TotalVariability,
  scaled: Float64Array,
  products: Float64Array,
  statistics: BaumWelchStatistics,
): IvectorPosterior {
  const { componentCount: k, dimension: d } = ubm;
  const r = tv.rank;
  checkDimension(statistics.zeroOrder.length, k, 'statistics.zeroOrder');
  checkDimension(statistics.firstOrder.length, k * d, 'statistics.firstOrder');
  const precision = new Float64Array(r * r);
  for (let i = 0; i < r; i += 1) precision[i * r + i] = 1;
  for (let c = 0; c < k; c += 1) {
    const n = statistics.zeroOrder[c] as number;
    if (n === 0) continue;
    const block = c * r * r;
    for (let i = 0; i < r; i += 1) {
      for (let j = 0; j <= i; j += 1) {
        precision[i * r + j] =
          (precision[i * r + j] as number) + n * (products[block + i * r + j] as number);
      }
    }
  }
  const rightHandSide = new Float64Array(r);
  for (let row = 0; row < k * d; row += 1) {
    const f = statistics.firstOrder[row] as number;
    if (f === 0) continue;
    for (let j = 0; j < r; j += 1)
      rightHandSide[j] = (rightHandSide[j] as number) + f * (scaled[row * r + j] as number);
  }
  const precisionFactor = cholesky(precision, r, 'posterior precision');
  const mean = backSubstitute(
    precisionFactor,
    r,
    forwardSubstitute(precisionFactor, r, rightHandSide),
  );
  return { mean, precisionFactor };
}
