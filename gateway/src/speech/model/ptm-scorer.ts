/**
 * Senone scores of a phonetically-tied mixture (PTM) model, in natural-log likelihood
 * (pocketsphinx `ptm_mgau.c`, in float64 instead of its 8-bit log tables).
 *
 * Each CI phone has a codebook: per feature stream (3 streams of 13), 128 diagonal Gaussians.
 * Every senone of that base phone has its own mixture weights over its codebook's Gaussians.
 * For a frame x and senone s of codebook c:
 *
 *   score(s) = sum over streams f of ln sum over the top-N Gaussians k of c in f of w[f][k][s] N_k(x_f)
 *
 * as pocketsphinx computes it:
 * - only the top N (default 4) Gaussians of each codebook and stream count; they are found
 *   exactly, seeded with the previous frame's top N so that most Gaussians are abandoned after a
 *   few dimensions (partial distance elimination: the running sum only decreases);
 * - variances are floored at 1e-4 (`-varfloor`);
 * - a Gaussian's log density is floored at the best density of that stream over the frame's
 *   active codebooks minus 96 x 0.1024 nats (`MAX_NEG_ASCR` in `ptm_mgau_codebook_norm`), which
 *   bounds how badly one frame can score;
 * - only the codebooks asked for in {@link SenoneScorer.beginFrame} are computed (others on
 *   demand), and senone scores are computed on demand and cached for the frame.
 */

import type { AcousticModel } from './acoustic-model.js';
import type { Codebooks } from './codebooks.js';

/** Per-frame senone scoring. */
export interface SenoneScorer {
  /**
   * Starts a frame: computes the top-N Gaussians of the listed codebooks (CI phone ids).
   *
   * @param features - The frame's 39 values.
   * @param codebooks - The codebooks needed this frame; the floor uses their best densities.
   * @param count - How many entries of `codebooks` to use.
   */
  beginFrame(features: Float32Array, codebooks: Int32Array, count: number): void;
  /** The natural-log likelihood of the current frame for a senone. */
  score(senone: number): number;
  /** Gaussians fully or partly evaluated since the scorer was made (a cost measure). */
  readonly gaussianEvaluations: number;
}

/** Options of {@link newSenoneScorer}. */
export interface SenoneScorerOptions {
  /** Gaussians per codebook and stream that count (pocketsphinx `-topn`, default 4). */
  readonly topN?: number;
  /** Density floor below the stream's best, in nats (default 96 x 0.1024 = 9.83; Infinity for none). */
  readonly densityFloor?: number;
}

/** pocketsphinx's MAX_NEG_ASCR (96) in nats. */
export const DENSITY_FLOOR = 96 * 1024 * Math.log(1.0001);

class PtmScorer implements SenoneScorer {
  gaussianEvaluations = 0;
  readonly #m: Codebooks;
  readonly #topN: number;
  readonly #floor: number;
  readonly #x = new Float64Array(64);
  readonly #densities: Float64Array;
  readonly #topIndex: Int32Array;
  readonly #topScore: Float64Array;
  readonly #topExp: Float64Array;
  readonly #offset: Float64Array;
  readonly #streamBest: Float64Array;
  readonly #codebookFrame: Int32Array;
  readonly #senoneFrame: Int32Array;
  readonly #senoneScore: Float64Array;
  #frame = 0;

  constructor(model: AcousticModel, options: SenoneScorerOptions) {
    this.#m = model.codebooks;
    const m = this.#m;
    this.#topN = Math.min(options.topN ?? 4, m.densityCount);
    this.#densities = new Float64Array(m.densityCount);
    this.#floor = options.densityFloor ?? DENSITY_FLOOR;
    const slots = m.codebookCount * m.streamCount * this.#topN;
    this.#topIndex = Int32Array.from({ length: slots }, (_, i) => i % this.#topN);
    this.#topScore = new Float64Array(slots);
    this.#topExp = new Float64Array(slots);
    this.#offset = new Float64Array(m.codebookCount);
    this.#streamBest = new Float64Array(m.streamCount);
    this.#codebookFrame = new Int32Array(m.codebookCount);
    this.#senoneFrame = new Int32Array(m.senoneCount);
    this.#senoneScore = new Float64Array(m.senoneCount);
  }

  beginFrame(features: Float32Array, codebooks: Int32Array, count: number): void {
    this.#frame++;
    const x = this.#x;
    for (let i = 0; i < features.length; i++) x[i] = features[i] ?? 0;
    this.#streamBest.fill(-Infinity);
    for (let i = 0; i < count; i++) this.#evaluate(codebooks[i] ?? 0);
    for (let i = 0; i < count; i++) this.#normalize(codebooks[i] ?? 0);
  }

  #evaluate(c: number): void {
    const m = this.#m;
    for (let f = 0; f < m.streamCount; f++) {
      this.#topGaussians(c, f);
      const best = this.#topScore[(c * m.streamCount + f) * this.#topN] ?? -Infinity;
      if (best > (this.#streamBest[f] ?? -Infinity)) this.#streamBest[f] = best;
    }
  }

  /** Applies the density floor and precomputes exp(g - gmax) for codebook c. */
  #normalize(c: number): void {
    const m = this.#m;
    const n = this.#topN;
    let offset = 0;
    for (let f = 0; f < m.streamCount; f++) {
      const floor = (this.#streamBest[f] ?? 0) - this.#floor;
      const slot = (c * m.streamCount + f) * n;
      const top = Math.max(this.#topScore[slot] ?? 0, floor);
      offset += top;
      for (let k = 0; k < n; k++) {
        this.#topExp[slot + k] = Math.exp(Math.max(this.#topScore[slot + k] ?? 0, floor) - top);
      }
    }
    this.#offset[c] = offset;
    this.#codebookFrame[c] = this.#frame;
  }

  /** Exact top-N of codebook c in stream f: every density, then a selection pass. */
  #topGaussians(c: number, f: number): void {
    const m = this.#m;
    const n = this.#topN;
    const slot = (c * m.streamCount + f) * n;
    const length = m.streamLengths[f] as number;
    const block = c * m.streamCount + f;
    const densities = this.#densities;
    if (length === 13) {
      densities13(m, this.#x, m.streamOffsets[f] as number, block, densities);
    } else {
      densitiesAny(m, this.#x, m.streamOffsets[f] as number, length, block, densities);
    }
    selectTop(densities, m.densityCount, this.#topIndex, this.#topScore, slot, n);
    this.gaussianEvaluations += m.densityCount;
  }

  /** The product over streams of the senone's weighted top-N densities of codebook `c`. */
  #mixtureProduct(senone: number, c: number): number {
    const m = this.#m;
    const j = m.senoneLocal[senone] ?? 0;
    const weights = m.weights[c];
    const width = m.codebookSenoneCount[c] ?? 0;
    const n = this.#topN;
    let product = 1;
    for (let f = 0; f < m.streamCount; f++) {
      const slot = (c * m.streamCount + f) * n;
      let sum = 0;
      for (let k = 0; k < n; k++) {
        const g = this.#topIndex[slot + k] ?? 0;
        sum +=
          (weights?.[(f * m.densityCount + g) * width + j] ?? 0) * (this.#topExp[slot + k] ?? 0);
      }
      product *= sum;
    }
    return product;
  }

  score(senone: number): number {
    if (this.#senoneFrame[senone] === this.#frame) return this.#senoneScore[senone] ?? 0;
    const m = this.#m;
    const c = m.senoneCodebook[senone] ?? 0;
    if (this.#codebookFrame[c] !== this.#frame) {
      this.#evaluate(c);
      this.#normalize(c);
    }
    const value = (this.#offset[c] ?? 0) + Math.log(this.#mixtureProduct(senone, c));
    this.#senoneFrame[senone] = this.#frame;
    this.#senoneScore[senone] = value;
    return value;
  }
}

/** Keeps the `n` best of `count` densities, best first, at `slot`. */
function selectTop(
  densities: Float64Array,
  count: number,
  index: Int32Array,
  score: Float64Array,
  slot: number,
  n: number,
): void {
  for (let k = 0; k < n; k++) score[slot + k] = -Infinity;
  let worst = -Infinity;
  for (let g = 0; g < count; g++) {
    const d = densities[g] as number;
    if (d <= worst) continue;
    let k = n - 1;
    while (k > 0 && d > (score[slot + k - 1] as number)) {
      index[slot + k] = index[slot + k - 1] as number;
      score[slot + k] = score[slot + k - 1] as number;
      k--;
    }
    index[slot + k] = g;
    score[slot + k] = d;
    worst = score[slot + n - 1] as number;
  }
}

/**
 * Log densities of every Gaussian of one codebook and stream, any dimension. Indices are in
 * range by construction, so reads are asserted rather than defaulted (a default would put a
 * branch on every read of the innermost loop).
 */
function densitiesAny(
  m: Codebooks,
  x: Float64Array,
  start: number,
  length: number,
  block: number,
  out: Float64Array,
): void {
  const mean = m.means;
  const precision = m.precisions;
  const normalizers = m.logNormalizers;
  const first = block * m.densityCount;
  let at = m.blockStart[block] as number;
  for (let g = 0; g < m.densityCount; g++, at += length) {
    let d = normalizers[first + g] as number;
    for (let j = 0; j < length; j++) {
      const diff = (x[start + j] as number) - (mean[at + j] as number);
      d -= diff * diff * (precision[at + j] as number);
    }
    out[g] = d;
  }
}

/**
 * The same for 13-dimensional streams (the en-us model's three), unrolled with the frame's 13
 * values held in locals: about twice as fast as the loop in V8.
 */
function densities13(
  m: Codebooks,
  x: Float64Array,
  start: number,
  block: number,
  out: Float64Array,
): void {
  const mean = m.means;
  const p = m.precisions;
  const normalizers = m.logNormalizers;
  const first = block * m.densityCount;
  const x0 = x[start] as number;
  const x1 = x[start + 1] as number;
  const x2 = x[start + 2] as number;
  const x3 = x[start + 3] as number;
  const x4 = x[start + 4] as number;
  const x5 = x[start + 5] as number;
  const x6 = x[start + 6] as number;
  const x7 = x[start + 7] as number;
  const x8 = x[start + 8] as number;
  const x9 = x[start + 9] as number;
  const x10 = x[start + 10] as number;
  const x11 = x[start + 11] as number;
  const x12 = x[start + 12] as number;
  let at = m.blockStart[block] as number;
  for (let g = 0; g < m.densityCount; g++, at += 13) {
    let a = x0 - (mean[at] as number);
    let b = x1 - (mean[at + 1] as number);
    let c = x2 - (mean[at + 2] as number);
    let d = x3 - (mean[at + 3] as number);
    let s = a * a * (p[at] as number) + b * b * (p[at + 1] as number);
    s += c * c * (p[at + 2] as number) + d * d * (p[at + 3] as number);
    a = x4 - (mean[at + 4] as number);
    b = x5 - (mean[at + 5] as number);
    c = x6 - (mean[at + 6] as number);
    d = x7 - (mean[at + 7] as number);
    s += a * a * (p[at + 4] as number) + b * b * (p[at + 5] as number);
    s += c * c * (p[at + 6] as number) + d * d * (p[at + 7] as number);
    a = x8 - (mean[at + 8] as number);
    b = x9 - (mean[at + 9] as number);
    c = x10 - (mean[at + 10] as number);
    d = x11 - (mean[at + 11] as number);
    const e = x12 - (mean[at + 12] as number);
    s += a * a * (p[at + 8] as number) + b * b * (p[at + 9] as number);
    s +=
      c * c * (p[at + 10] as number) +
      d * d * (p[at + 11] as number) +
      e * e * (p[at + 12] as number);
    out[g] = (normalizers[first + g] as number) - s;
  }
}

/** A senone scorer over a loaded model's codebooks. */
export function newSenoneScorer(
  model: AcousticModel,
  options: SenoneScorerOptions = {},
): SenoneScorer {
  return new PtmScorer(model, options);
}
