/**
 * Cepstral transforms of a log mel spectrum, their inverses, and liftering.
 *
 * The forward transforms reproduce sphinxbase's arithmetic: the cosine table and the
 * normalisation constants are single precision and each output accumulates in single
 * precision (`mfcc_t`), while the log spectrum is double. With N filters and
 * A[i][j] = cos(pi i (j + 0.5) / N):
 * - `legacy` (`fe_spec2cep`, Sphinx's s2dct): c_i = (1/N) sum_j b_j x_j A[i][j], b_0 = 1/2, b_j = 1.
 * - `dct` (`fe_dct2`): the orthogonal DCT-II, c_0 scaled by sqrt(1/N), the others by sqrt(2/N).
 * - `htk` (`fe_dct2` with htk): every c_i scaled by sqrt(2/N), as HTK.
 * - `dct-unnormalized`: c_i = 2 sum_j x_j A[i][j] (scipy's `dct(type=2, norm=None)`).
 * The inverses map the first cepstra back to N log energies (missing cepstra count as zero,
 * which gives the cepstrally smoothed spectrum); they are exact inverses when all N are kept.
 */

import type { CepstralTransform } from './mfcc-options.js';

const f32 = Math.fround;

/** Precomputed tables for one (filterCount, cepstrumCount) pair. */
export interface CepstralTables {
  readonly filterCount: number;
  readonly cepstrumCount: number;
  /** Single-precision cos(pi i (j + 0.5) / N), row i of length N. */
  readonly cosines: Float32Array;
}

/** Builds the cosine table as `fe_compute_melcosine` does. */
export function cepstralTables(filterCount: number, cepstrumCount: number): CepstralTables {
  const cosines = new Float32Array(filterCount * cepstrumCount);
  const step = Math.PI / filterCount;
  for (let i = 0; i < cepstrumCount; i++) {
    for (let j = 0; j < filterCount; j++)
      cosines[i * filterCount + j] = Math.cos(step * i * (j + 0.5));
  }
  return { filterCount, cepstrumCount, cosines };
}

function sumOf(x: ArrayLike<number>, n: number, start: number): number {
  let acc = start;
  for (let j = 1; j < n; j++) acc = f32(acc + (x[j] ?? 0));
  return acc;
}

function cosineSum(
  t: CepstralTables,
  x: ArrayLike<number>,
  i: number,
  firstWeight: number,
  weight: number,
): number {
  const n = t.filterCount;
  let acc = 0;
  for (let j = 0; j < n; j++) {
    acc = f32(acc + (x[j] ?? 0) * (t.cosines[i * n + j] ?? 0) * (j === 0 ? firstWeight : weight));
  }
  return acc;
}

/**
 * Cepstra of one frame's log mel spectrum.
 *
 * @param logMel N log energies (double precision).
 * @param out receives `cepstrumCount` values.
 */
export function cepstra(
  transform: CepstralTransform,
  t: CepstralTables,
  logMel: ArrayLike<number>,
  out: Float32Array,
): void {
  const n = t.filterCount;
  const x0 = logMel[0] ?? 0;
  switch (transform) {
    case 'legacy': {
      out[0] = f32(sumOf(logMel, n, f32(x0 / 2)) / n);
      for (let i = 1; i < t.cepstrumCount; i++)
        out[i] = f32(cosineSum(t, logMel, i, 1, 2) / (n * 2));
      return;
    }
    case 'dct':
    case 'htk': {
      const sqrtInv2n = f32(Math.sqrt(2.0 / n));
      const c0Scale = transform === 'htk' ? sqrtInv2n : f32(Math.sqrt(1.0 / n));
      out[0] = f32(sumOf(logMel, n, f32(x0)) * c0Scale);
      for (let i = 1; i < t.cepstrumCount; i++)
        out[i] = f32(cosineSum(t, logMel, i, 1, 1) * sqrtInv2n);
      return;
    }
    case 'dct-unnormalized': {
      for (let i = 0; i < t.cepstrumCount; i++) out[i] = f32(2 * cosineSum(t, logMel, i, 1, 1));
    }
  }
}

function inverseWeights(transform: CepstralTransform, n: number): { first: number; rest: number } {
  switch (transform) {
    case 'legacy':
      return { first: 1, rest: 2 };
    case 'dct':
      return { first: Math.sqrt(1 / n), rest: Math.sqrt(2 / n) };
    case 'htk':
      return { first: Math.sqrt(2 / n) / 2, rest: Math.sqrt(2 / n) };
    case 'dct-unnormalized':
      return { first: 1 / (2 * n), rest: 1 / n };
  }
}

/**
 * Log mel spectrum from cepstra: the inverse of {@link cepstra} (a DCT-III), in double
 * precision. With fewer cepstra than filters, the result is the smoothed spectrum.
 */
export function inverseCepstra(
  transform: CepstralTransform,
  t: CepstralTables,
  cep: ArrayLike<number>,
  out: Float64Array,
): void {
  const n = t.filterCount;
  const { first, rest } = inverseWeights(transform, n);
  for (let j = 0; j < n; j++) {
    let acc = (cep[0] ?? 0) * first;
    for (let i = 1; i < t.cepstrumCount; i++)
      acc += (cep[i] ?? 0) * rest * Math.cos((Math.PI * i * (j + 0.5)) / n);
    // The legacy transform weights x_0 by 1/2, so its inverse doubles it back.
    out[j] = transform === 'legacy' && j === 0 ? 2 * acc : acc;
  }
}

/**
 * Sphinx's sine lifter weights, 1 + floor(L / 2) sin(pi i / L) in single precision
 * (`fe_compute_melcosine`; the halving is integer division as in sphinxbase), or all ones for L = 0.
 */
export function lifterWeights(lifter: number, cepstrumCount: number): Float32Array {
  const w = new Float32Array(cepstrumCount).fill(1);
  if (lifter === 0) return w;
  for (let i = 0; i < cepstrumCount; i++)
    w[i] = 1 + Math.trunc(lifter / 2) * Math.sin((i * Math.PI) / lifter);
  return w;
}

/** Multiplies cepstra by lifter weights in single precision (`fe_lifter`), in place. */
export function applyLifter(cep: Float32Array, weights: Float32Array): void {
  for (let i = 0; i < cep.length; i++) cep[i] = f32((cep[i] ?? 0) * (weights[i] ?? 1));
}

/** Undoes {@link applyLifter}, in place. */
export function removeLifter(cep: Float32Array, weights: Float32Array): void {
  for (let i = 0; i < cep.length; i++) cep[i] = f32((cep[i] ?? 0) / (weights[i] ?? 1));
}

/** One frame's cepstra (liftered when asked) from its log mel spectrum, into `out`. */
export type CepstralFrameTransform = (logMel: Float64Array, out: Float32Array) => void;

/** Cepstra summed side by side: rows of the weighted table are taken four at a time. */
const SIDE_BY_SIDE = 4;

/**
 * {@link cepstra} followed by {@link applyLifter}, with the per-term weight folded into the
 * cosine table (a factor 1 or 2, so x (c w) is x c w to the bit) and four cepstra accumulated
 * side by side: every sum still adds its terms in the same order, in single precision, so the
 * result is the same as {@link cepstra}'s; only the schedule is faster.
 */
export function newCepstralFrameTransform(
  transform: CepstralTransform,
  filterCount: number,
  cepstrumCount: number,
  lifter: number,
): CepstralFrameTransform {
  const first = transform === 'dct-unnormalized' ? 0 : 1;
  // Rows first.. of the cosine table, weighted, padded with zero rows to whole groups of four.
  const rows = first + Math.ceil((cepstrumCount - first) / SIDE_BY_SIDE) * SIDE_BY_SIDE;
  const tables = cepstralTables(filterCount, cepstrumCount);
  const termWeight = transform === 'legacy' ? 2 : 1;
  const weighted = new Float64Array(rows * filterCount);
  tables.cosines.forEach((c, k) => {
    weighted[k] = k % filterCount === 0 ? c : c * termWeight;
  });
  const sums = new Float64Array(rows);
  const lifterWeight = lifter > 0 ? lifterWeights(lifter, cepstrumCount) : undefined;
  const scaleCepstra = cepstrumScaling(transform, filterCount, cepstrumCount);
  return (logMel, out) => {
    for (let i = first; i < rows; i += SIDE_BY_SIDE) {
      weightedSums(weighted, logMel, filterCount, i, sums);
    }
    scaleCepstra(logMel, sums, out);
    if (lifterWeight !== undefined) applyLifter(out, lifterWeight);
  };
}

/**
 * The final scaling of each transform, as {@link cepstra} does it (c0 from its own plain sum).
 * Plain arithmetic in one function per transform: no call per value, so no number is boxed.
 */
function cepstrumScaling(
  transform: CepstralTransform,
  n: number,
  count: number,
): (logMel: Float64Array, sums: Float64Array, out: Float32Array) => void {
  const sqrtInv2n = f32(Math.sqrt(2.0 / n));
  switch (transform) {
    case 'legacy':
      return (logMel, sums, out) => {
        out[0] = f32(plainSum(logMel, n, f32((logMel[0] ?? 0) / 2)) / n);
        for (let k = 1; k < count; k++) out[k] = f32((sums[k] ?? 0) / (n * 2));
      };
    case 'dct':
    case 'htk': {
      const c0Scale = transform === 'htk' ? sqrtInv2n : f32(Math.sqrt(1.0 / n));
      return (logMel, sums, out) => {
        out[0] = f32(plainSum(logMel, n, f32(logMel[0] ?? 0)) * c0Scale);
        for (let k = 1; k < count; k++) out[k] = f32((sums[k] ?? 0) * sqrtInv2n);
      };
    }
    case 'dct-unnormalized':
      return (_logMel, sums, out) => {
        for (let k = 0; k < count; k++) out[k] = f32(2 * (sums[k] ?? 0));
      };
  }
}

/** {@link sumOf} for a Float64Array: start + x_1 + ... + x_(n-1) in single precision. */
function plainSum(x: Float64Array, n: number, start: number): number {
  let acc = start;
  for (let j = 1; j < n; j++) acc = f32(acc + (x[j] as number));
  return acc;
}

/**
 * Single-precision sums sum_j x_j w[i + r][j] for r < 4, side by side, into sums[i + r]. The
 * rows lie in the padded table by construction, so reads are asserted `as number` (no branch
 * per read in the innermost loop).
 */
function weightedSums(
  weighted: Float64Array,
  x: Float64Array,
  n: number,
  i: number,
  sums: Float64Array,
): void {
  const b0 = i * n;
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  for (let j = 0; j < n; j++) {
    const xj = x[j] as number;
    a0 = f32(a0 + xj * (weighted[b0 + j] as number));
    a1 = f32(a1 + xj * (weighted[b0 + n + j] as number));
    a2 = f32(a2 + xj * (weighted[b0 + 2 * n + j] as number));
    a3 = f32(a3 + xj * (weighted[b0 + 3 * n + j] as number));
  }
  sums[i] = a0;
  sums[i + 1] = a1;
  sums[i + 2] = a2;
  sums[i + 3] = a3;
}
