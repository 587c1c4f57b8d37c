/**
 * Cepstral mean normalisation, as sphinxbase's `cmn.c` (batch, `-cmn batch`/`current`) and
 * `cmn_live.c` (live, `-cmn live`).
 *
 * Batch subtracts each coefficient's mean over the utterance (and optionally divides by its
 * standard deviation). Live subtracts a running mean estimate, initialised from `-cmninit` as if
 * 500 frames had been seen; the estimate is refreshed when more than 800 frames have
 * accumulated (the sum then decays to 500 frames' weight) and at each {@link LiveCmn.update}
 * (end of utterance). Frames with c0 < 0 (no energy) are left untouched and not counted, as in
 * sphinxbase.
 */

import { checkParameter } from './errors.js';
import { newFeatureMatrix, type FeatureMatrix } from './feature-matrix.js';

const CMN_WIN = 500;
const CMN_WIN_HWM = 800;

/** Options of {@link batchCmn}. */
export interface BatchCmnOptions {
  /** Also divide by the standard deviation (`-varnorm yes`). Default false. */
  readonly varianceNormalization?: boolean;
}

function normalizeColumn(
  m: FeatureMatrix,
  k: number,
  varianceNormalization: boolean,
  out: Float32Array,
): void {
  const d = m.dimension;
  let sum = 0;
  for (let t = 0; t < m.frameCount; t++) sum += m.data[t * d + k] ?? 0;
  const mean = sum / m.frameCount;
  let scale = 1;
  if (varianceNormalization) {
    let squares = 0;
    for (let t = 0; t < m.frameCount; t++) squares += ((m.data[t * d + k] ?? 0) - mean) ** 2;
    const sd = Math.sqrt(squares / m.frameCount);
    scale = sd > 0 ? 1 / sd : 1;
  }
  for (let t = 0; t < m.frameCount; t++) out[t * d + k] = ((m.data[t * d + k] ?? 0) - mean) * scale;
}

/** Utterance-level CMN: a new matrix with each column's mean removed. */
export function batchCmn(m: FeatureMatrix, options: BatchCmnOptions = {}): FeatureMatrix {
  const out = new Float32Array(m.data);
  if (m.frameCount > 0) {
    for (let k = 0; k < m.dimension; k++)
      normalizeColumn(m, k, options.varianceNormalization === true, out);
  }
  return newFeatureMatrix(out, m.dimension);
}

/** Live CMN state over a stream of utterances. */
export interface LiveCmn {
  /** The current mean estimate. */
  readonly mean: Float64Array;
  /** Normalises frames in place (a streaming step). */
  apply(frames: readonly Float32Array[]): void;
  /** Refreshes the mean at the end of an utterance. */
  update(): void;
}

class RunningCmn implements LiveCmn {
  readonly mean: Float64Array;
  readonly #sum: Float64Array;
  #frames = CMN_WIN;

  constructor(initialMean: readonly number[], dimension: number) {
    this.mean = new Float64Array(dimension);
    this.mean.set(initialMean.slice(0, dimension));
    this.#sum = this.mean.map((x) => x * CMN_WIN);
  }

  apply(frames: readonly Float32Array[]): void {
    for (const frame of frames) {
      if ((frame[0] ?? 0) < 0) continue;
      for (let k = 0; k < this.mean.length; k++) {
        this.#sum[k] = (this.#sum[k] ?? 0) + (frame[k] ?? 0);
        frame[k] = (frame[k] ?? 0) - (this.mean[k] ?? 0);
      }
      this.#frames++;
    }
    if (this.#frames > CMN_WIN_HWM) this.#refresh(true);
  }

  update(): void {
    if (this.#frames > 0) this.#refresh(this.#frames > CMN_WIN_HWM);
  }

  #refresh(decay: boolean): void {
    for (let k = 0; k < this.mean.length; k++) this.mean[k] = (this.#sum[k] ?? 0) / this.#frames;
    if (decay) {
      for (let k = 0; k < this.mean.length; k++)
        this.#sum[k] = ((this.#sum[k] ?? 0) * CMN_WIN) / this.#frames;
      this.#frames = CMN_WIN;
    }
  }
}

/**
 * Live CMN for frames of `dimension` values, starting from `initialMean` (sphinx `-cmninit`;
 * missing values are 0; sphinxbase's default is [8]).
 *
 * @throws {AudioError} `DEURO_AUDIO_INVALID_PARAMETER` for a non-positive dimension.
 */
export function newLiveCmn(dimension: number, initialMean: readonly number[] = [8]): LiveCmn {
  checkParameter(
    Number.isInteger(dimension) && dimension > 0,
    'dimension',
    dimension,
    'a positive integer',
  );
  return new RunningCmn(initialMean, dimension);
}
