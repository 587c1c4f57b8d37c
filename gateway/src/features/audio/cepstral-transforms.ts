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
