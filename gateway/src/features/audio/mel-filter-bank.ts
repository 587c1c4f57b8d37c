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

/** Mel energies of one power spectrum (double precision sums, as sphinxbase). */
export function applyMelFilterBank(
  bank: MelFilterBank,
  power: Float64Array,
  out: Float64Array,
): void {
  for (let i = 0; i < bank.filterCount; i++) {
    const start = bank.binStart[i] ?? 0;
    const offset = bank.weightStart[i] ?? 0;
    const count = bank.binCount[i] ?? 0;
    let sum = 0;
    for (let j = 0; j < count; j++)
      sum += (power[start + j] ?? 0) * (bank.weights[offset + j] ?? 0);
    out[i] = sum;
  }
}
