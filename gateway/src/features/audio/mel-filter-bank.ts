/**
 * The Sphinx mel filter bank (`fe_build_melfilters`), computed in single precision exactly as
 * sphinxbase does: mel(f) = 2595 log10(1 + f / 700), filter edges equally spaced in mel,
 * optionally rounded to FFT bins, triangles of unit area by default. Each filter is stored as a
 * run of weights over consecutive FFT bins.
 */

import type { ResolvedMfccParameters } from './mfcc-options.js';

/** Triangular filters over the bins 0..fftSize/2 of a power spectrum. */
export interface MelFilterBank {
  readonly filterCount: number;
  /** First FFT bin of each filter. */
  readonly binStart: Int32Array;
  /** Number of bins of each filter. */
  readonly binCount: Int32Array;
  /** Offset of each filter's weights in `weights`. */
  readonly weightStart: Int32Array;
  /** Single-precision weights, filter after filter. */
  readonly weights: Float32Array;
}

type FilterBankParameters = Pick<
  ResolvedMfccParameters,
  | 'sampleRate'
  | 'fftSize'
  | 'filterCount'
  | 'lowerFrequency'
  | 'upperFrequency'
  | 'unitArea'
  | 'roundFilters'
  | 'doubleBandwidth'
>;

const f32 = Math.fround;

function mel(hz: number): number {
  return f32(2595.0 * Math.log10(1.0 + f32(hz) / 700.0));
}

function melInverse(m: number): number {
  return f32(700.0 * (10 ** (f32(m) / 2595.0) - 1.0));
}

function filterEdges(
  p: FilterBankParameters,
  i: number,
  melMin: number,
  melWidth: number,
  binHz: number,
): number[] {
  const step = p.doubleBandwidth ? 2 : 1;
  return [0, 1, 2].map((j) => {
    const hz = melInverse(f32(f32((i + j * step) * melWidth) + melMin));
    return p.roundFilters ? f32(Math.trunc(f32(hz / binHz) + 0.5) * binHz) : hz;
  });
}

/** The bins [start, start + count) of a filter with edges lo and hi: sphinxbase's scan. */
function filterBins(
  lo: number,
  hi: number,
  binHz: number,
  half: number,
): { start: number; count: number } {
  let start = -1;
  for (let j = 0; j <= half; j++) {
    const hz = f32(j * binHz);
    if (hz < lo) continue;
    if (hz > hi || j === half) return { start, count: j - start };
    if (start === -1) start = j;
  }
  return { start: 0, count: 0 };
}

function pushWeights(
  edges: number[],
  bins: { start: number; count: number },
  binHz: number,
  unitArea: boolean,
  weights: number[],
): void {
  const [lo = 0, mid = 0, hi = 0] = edges;
  const area = f32(2 / f32(hi - lo));
  for (let j = 0; j < bins.count; j++) {
    const hz = f32((bins.start + j) * binHz);
    let up = f32(f32(hz - lo) / f32(mid - lo));
    let down = f32(f32(hi - hz) / f32(hi - mid));
    if (unitArea) {
      up = f32(up * area);
      down = f32(down * area);
    }
    weights.push(up < down ? up : down);
  }
}

/** The filter bank of the given parameters (filters that cover no bin get zero width). */
export function melFilterBank(p: FilterBankParameters): MelFilterBank {
  let melMin = mel(p.lowerFrequency);
  const melMax = mel(p.upperFrequency);
  const melWidth = f32(f32(melMax - melMin) / (p.filterCount + 1));
  if (p.doubleBandwidth) melMin = f32(melMin - melWidth);
  const binHz = f32(f32(p.sampleRate) / p.fftSize);
  const binStart = new Int32Array(p.filterCount);
  const binCount = new Int32Array(p.filterCount);
  const weightStart = new Int32Array(p.filterCount);
  const weights: number[] = [];
  for (let i = 0; i < p.filterCount; i++) {
    const edges = filterEdges(p, i, melMin, melWidth, binHz);
    const bins = filterBins(edges[0] ?? 0, edges[2] ?? 0, binHz, p.fftSize / 2);
    binStart[i] = bins.start;
    binCount[i] = bins.count;
    weightStart[i] = weights.length;
    pushWeights(edges, bins, binHz, p.unitArea, weights);
  }
  return {
    filterCount: p.filterCount,
    binStart,
    binCount,
    weightStart,
    weights: Float32Array.from(weights),
  };
}

/**
 * Mel energies of one power spectrum (double precision sums, as sphinxbase).
 *
 * Each filter's sum runs over its bins in order, as in sphinxbase; four filters are summed side
 * by side so that one addition does not wait for the previous one (the results are the same).
 */
export function applyMelFilterBank(
  bank: MelFilterBank,
  power: Float64Array,
  out: Float64Array,
): void {
  let i = 0;
  for (; i + 3 < bank.filterCount; i += 4) sumFilterQuad(bank, power, out, i);
  for (; i < bank.filterCount; i++) sumFilter(bank, power, out, i);
}

/**
 * Filters i..i + 3: their common number of bins side by side, then each one's remainder. The
 * runs lie inside `power` and `weights` by construction, so reads are asserted `as number`
 * rather than defaulted (a branch per read in the innermost loop).
 */
function sumFilterQuad(
  bank: MelFilterBank,
  power: Float64Array,
  out: Float64Array,
  i: number,
): void {
  const { binStart, binCount, weightStart, weights } = bank;
  const a = binStart[i] as number;
  const b = binStart[i + 1] as number;
  const c = binStart[i + 2] as number;
  const d = binStart[i + 3] as number;
  const wa = weightStart[i] as number;
  const wb = weightStart[i + 1] as number;
  const wc = weightStart[i + 2] as number;
  const wd = weightStart[i + 3] as number;
  const common = Math.min(
    binCount[i] as number,
    binCount[i + 1] as number,
    binCount[i + 2] as number,
    binCount[i + 3] as number,
  );
  let sumA = 0;
  let sumB = 0;
  let sumC = 0;
  let sumD = 0;
  for (let j = 0; j < common; j++) {
    sumA += (power[a + j] as number) * (weights[wa + j] as number);
    sumB += (power[b + j] as number) * (weights[wb + j] as number);
    sumC += (power[c + j] as number) * (weights[wc + j] as number);
    sumD += (power[d + j] as number) * (weights[wd + j] as number);
  }
  // The remainders, each in its filter's bin order (plain loops: no number crosses a call).
  for (let j = common; j < (binCount[i] as number); j++) {
    sumA += (power[a + j] as number) * (weights[wa + j] as number);
  }
  for (let j = common; j < (binCount[i + 1] as number); j++) {
    sumB += (power[b + j] as number) * (weights[wb + j] as number);
  }
  for (let j = common; j < (binCount[i + 2] as number); j++) {
    sumC += (power[c + j] as number) * (weights[wc + j] as number);
  }
  for (let j = common; j < (binCount[i + 3] as number); j++) {
    sumD += (power[d + j] as number) * (weights[wd + j] as number);
  }
  out[i] = sumA;
  out[i + 1] = sumB;
  out[i + 2] = sumC;
  out[i + 3] = sumD;
}

/** Filter i alone, its bins in order, into out[i]. */
function sumFilter(bank: MelFilterBank, power: Float64Array, out: Float64Array, i: number): void {
  const start = bank.binStart[i] ?? 0;
  const offset = bank.weightStart[i] ?? 0;
  const count = bank.binCount[i] ?? 0;
  const weights = bank.weights;
  let total = 0;
  for (let j = 0; j < count; j++) total += (power[start + j] ?? 0) * (weights[offset + j] ?? 0);
  out[i] = total;
}
