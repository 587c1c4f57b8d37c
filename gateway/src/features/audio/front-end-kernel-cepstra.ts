/**
 * The WebAssembly code of the kernel's cepstral transform, two frames at once (one per f64x2
 * lane): `cepstra` then `applyLifter` of `cepstral-transforms.ts`, each lane the scalar code's
 * operations in the same order. Every single-precision step of sphinxbase (`mfcc_t` sums, float constants) is a
 * double operation rounded to single precision, as `Math.fround` rounds it: here the f64x2
 * result is demoted to f32 and promoted back, which is the same rounding (to nearest, ties to
 * even).
 *
 * Per cepstrum i the sum over the filters j is f32(acc + x_j w[i][j]) from acc = 0, in filter
 * order, with w the single-precision cosine table times the transform's term weight (1 for
 * j = 0, and 2 for the others in the legacy transform: a power of two, so x (c w) is x c w to
 * the bit); c0 of the legacy, dct and htk transforms is a plain sum. Six cepstra (and c0) are
 * summed side by side, so that one rounding does not wait for the previous one. The code is
 * generated for one transform, filter count, cepstrum count and lifter: the scalings are
 * constants, the table is in memory (row i at `table` + 8 i filterCount).
 */

import { lifterWeights } from './cepstral-transforms.js';
import { PAIR, vectors } from './front-end-kernel-fft.js';
import type { CepstralTransform } from './mfcc-options.js';
import { f64, get, I32, i32, seq, set, v, V128, whileLoop } from './wasm-code.js';
import type { Code, Local, Locals } from './wasm-code.js';

/** What the cepstral code is generated for, and where its data are. */
export interface CepstralLayout {
  readonly transform: CepstralTransform;
  readonly filterCount: number;
  readonly cepstrumCount: number;
  readonly lifter: number;
  /** The log mel spectra, filterCount pairs. */
  readonly logMel: number;
  /** The weighted cosine table, cepstrumCount rows of filterCount doubles. */
  readonly cosines: number;
  /** The cepstra, cepstrumCount pairs (single-precision values). */
  readonly cepstra: number;
}

/** Cepstra summed side by side. */
const SIDE_BY_SIDE = 6;

const f32 = Math.fround;
const constant = (value: number): number[] => v.splat(f64.constant(value));
const round = v.roundToSingle;

/** Where c0 starts, as the scalar code: f32(x0 / 2) (legacy) or f32(x0). */
function c0Start(transform: CepstralTransform, x0: Code): number[] {
  return transform === 'legacy' ? round(v.div(x0, constant(2))) : round(x0);
}

/** The scaling of cepstrum i > 0 (or every i, unnormalised), of its sum `sum`. */
function scaled(layout: CepstralLayout, sum: Code): number[] {
  const n = layout.filterCount;
  switch (layout.transform) {
    case 'legacy':
      return round(v.div(sum, constant(n * 2)));
    case 'dct':
    case 'htk':
      return round(v.mul(sum, constant(f32(Math.sqrt(2.0 / n)))));
    case 'dct-unnormalized':
      return round(v.mul(constant(2), sum));
  }
}

/** The scaling of c0's plain sum (legacy, dct, htk). */
function scaledC0(layout: CepstralLayout, sum: Code): number[] {
  const n = layout.filterCount;
  if (layout.transform === 'legacy') return round(v.div(sum, constant(n)));
  const sqrtInv2n = f32(Math.sqrt(2.0 / n));
  const c0Scale = layout.transform === 'htk' ? sqrtInv2n : f32(Math.sqrt(1.0 / n));
  return round(v.mul(sum, constant(c0Scale)));
}

/** `value` liftered as cepstrum i (or as it is without a lifter), stored. */
function store(layout: CepstralLayout, i: number, value: Code): number[] {
  const weights = lifterWeights(layout.lifter, layout.cepstrumCount);
  const liftered = layout.lifter > 0 ? round(v.mul(value, constant(weights[i] ?? 1))) : value;
  return v.store(i32.constant(layout.cepstra), PAIR * i, liftered);
}

/** One group of cepstra `rows` (and c0 when `c0` is given), summed over the filters. */
function group(
  layout: CepstralLayout,
  locals: Locals,
  rows: readonly number[],
  c0: Local | undefined,
): number[] {
  const n = layout.filterCount;
  const [j16, j8] = [locals.declare(I32), locals.declare(I32)];
  const x = locals.declare(V128);
  const sums = vectors(locals, rows.length);
  const weight = (i: number, j8code: Code): number[] =>
    v.loadSplat(i32.add(i32.constant(layout.cosines), j8code), 8 * i * n);
  const term = (i: number, j8code: Code): number[] => v.mul(get(x), weight(i, j8code));
  const logMel = (j16code: Code): number[] => v.load(i32.add(i32.constant(layout.logMel), j16code));
  const round0 = seq(
    set(x, logMel(i32.constant(0))),
    ...rows.map((i, r) =>
      set(sums[r] as Local, round(v.add(constant(0), term(i, i32.constant(0))))),
    ),
    c0 === undefined ? [] : set(c0, c0Start(layout.transform, get(x))),
  );
  const rest = seq(
    set(x, logMel(get(j16))),
    ...rows.map((i, r) =>
      set(sums[r] as Local, round(v.add(get(sums[r] as Local), term(i, get(j8))))),
    ),
    c0 === undefined ? [] : set(c0, round(v.add(get(c0), get(x)))),
    set(j16, i32.add(get(j16), i32.constant(PAIR))),
    set(j8, i32.add(get(j8), i32.constant(8))),
  );
  return seq(
    round0,
    set(j16, i32.constant(PAIR)),
    set(j8, i32.constant(8)),
    whileLoop(i32.lessThan(get(j16), i32.constant(PAIR * n)), rest),
    ...rows.map((i, r) => store(layout, i, scaled(layout, get(sums[r] as Local)))),
    c0 === undefined ? [] : store(layout, 0, scaledC0(layout, get(c0))),
  );
}

/** The cepstra of the log mel spectrum pairs, into `layout.cepstra`. */
export function cepstralTransform(layout: CepstralLayout, locals: Locals): number[] {
  const first = layout.transform === 'dct-unnormalized' ? 0 : 1;
  const rows = Array.from({ length: layout.cepstrumCount - first }, (_, k) => first + k);
  const groups: number[][] = [];
  for (let g = 0; g < rows.length; g += SIDE_BY_SIDE) {
    groups.push(rows.slice(g, g + SIDE_BY_SIDE));
  }
  if (groups.length === 0) groups.push([]);
  const c0 = first === 1 ? locals.declare(V128) : undefined;
  return seq(
    ...groups.map((rowGroup, g) => group(layout, locals, rowGroup, g === 0 ? c0 : undefined)),
  );
}

/** The weighted cosine table (see the module comment), cepstrumCount rows of filterCount. */
export function weightedCosines(
  transform: CepstralTransform,
  cosines: Float32Array,
  filterCount: number,
): Float64Array {
  const termWeight = transform === 'legacy' ? 2 : 1;
  return Float64Array.from(cosines, (c, k) => (k % filterCount === 0 ? c : c * termWeight));
}
