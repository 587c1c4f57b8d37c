/**
 * The acoustic model's features, as pocketsphinx computes them for the en-us model: 16 kHz
 * audio (other rates resampled), the Sphinx front end with `feat.params`' settings
 * (`POCKETSPHINX_EN_US`: 25 filters 130-6800 Hz, DCT, lifter 22; 100 frames/s), batch CMN as
 * sphinxbase 5prealpha does it (the mean over frames whose c0 is not negative, so digital
 * silence does not drag it, subtracted from every frame), then `1s_c_d_dd`:
 * [c, c(t+2) - c(t-2), (c(t+3) - c(t-1)) - (c(t+1) - c(t-3))], 39 values per frame.
 *
 * {@link modelCepstra} stops after CMN (13 values per frame); {@link dynamicFeatureFrame}
 * computes one 39-value frame from them on demand, equal to {@link modelFeatures}' frame, so
 * the aligner holds 13 values per frame instead of 39.
 */

import {
  POCKETSPHINX_EN_US,
  newFeatureMatrix,
  newMfccExtractor,
  resample,
  sphinxDeltas,
  sphinxFrameCount,
  type FeatureMatrix,
} from '../../features/audio/index.js';
import { checkOption } from '../align/speech-error.js';
import { newDither } from './dither.js';

/** The model's sample rate. */
export const MODEL_SAMPLE_RATE = 16000;
/** Frames per second of the model's features. */
export const MODEL_FRAME_RATE = 100;

const f32 = Math.fround;

/** Samples dithered and pushed to the front end at a time: memory stays at one block. */
const BLOCK_SAMPLES = 65536;

/**
 * The front end over `samples` plus dither, one block at a time, so the dithered copy never
 * exists whole (an hour at 16 kHz would be 460 MB of doubles); the frames are those of one pass
 * over the whole dithered recording, to the bit.
 */
function ditheredCepstra(samples: ArrayLike<number>, ditherSteps: number): FeatureMatrix {
  const extractor = newMfccExtractor({ ...POCKETSPHINX_EN_US, sampleRate: MODEL_SAMPLE_RATE });
  const { cepstrumCount, frameSize, frameShift } = extractor.parameters;
  // The front end gives exactly sphinxFrameCount frames (mfcc.ts).
  const data = new Float32Array(
    sphinxFrameCount(samples.length, frameSize, frameShift) * cepstrumCount,
  );
  let offset = 0;
  const keep = (frames: readonly Float32Array[]): void => {
    for (const frame of frames) {
      data.set(frame, offset);
      offset += cepstrumCount;
    }
  };
  const dither = newDither(ditherSteps);
  const block = new Float64Array(BLOCK_SAMPLES);
  for (let from = 0; from < samples.length; from += BLOCK_SAMPLES) {
    const part =
      samples.length - from >= BLOCK_SAMPLES ? block : block.subarray(0, samples.length - from);
    dither.addTo(samples, from, part);
    keep(extractor.push(part));
  }
  keep(extractor.end());
  return newFeatureMatrix(data, cepstrumCount);
}

/** Adds up the frames (only those with c0 >= 0 when `speechOnly`) into `sum`; returns how many. */
function sumFrames(m: FeatureMatrix, sum: Float64Array, speechOnly: boolean): number {
  const d = m.dimension;
  let counted = 0;
  for (let t = 0; t < m.frameCount; t++) {
    if (speechOnly && (m.data[t * d] ?? 0) < 0) continue;
    for (let k = 0; k < d; k++) sum[k] = (sum[k] ?? 0) + (m.data[t * d + k] ?? 0);
    counted++;
  }
  return counted;
}

/** Batch CMN over the frames with c0 >= 0 (sphinxbase `cmn.c`), in place. */
function batchCmnSkippingSilence(m: FeatureMatrix): void {
  const d = m.dimension;
  const mean = new Float64Array(d);
  let counted = sumFrames(m, mean, true);
  if (counted === 0) counted = sumFrames(m, mean, false);
  for (let k = 0; k < d; k++) mean[k] = f32((mean[k] ?? 0) / counted);
  for (let t = 0; t < m.frameCount; t++)
    for (let k = 0; k < d; k++) m.data[t * d + k] = (m.data[t * d + k] ?? 0) - (mean[k] ?? 0);
}

/** Options of {@link modelCepstra}. */
export interface ModelCepstraOptions {
  /**
   * RMS of seeded Gaussian dither added to the 16 kHz samples, in 16-bit steps (see
   * `dither.ts`); default 0, none, which keeps the features equal to sphinx_fe's.
   */
  readonly ditherSteps?: number;
}

/**
 * The model's cepstra after batch CMN: 13 values per 10 ms frame.
 *
 * @param samples - Mono samples in [-1, 1).
 * @param sampleRate - Their rate in Hz; resampled to 16 kHz when it differs.
 * @throws {SpeechError} `DEURO_SPEECH_INVALID_OPTION` for a bad sample rate.
 */
export function modelCepstra(
  samples: ArrayLike<number>,
  sampleRate: number,
  options: ModelCepstraOptions = {},
): FeatureMatrix {
  checkOption(
    Number.isInteger(sampleRate) && sampleRate >= 4000 && sampleRate <= 384000,
    'sampleRate',
    sampleRate,
    'an integer from 4000 to 384000 Hz',
  );
  const resampled =
    sampleRate === MODEL_SAMPLE_RATE
      ? samples
      : resample(samples, { inputRate: sampleRate, outputRate: MODEL_SAMPLE_RATE });
  const cepstra = ditheredCepstra(resampled, options.ditherSteps ?? 0);
  batchCmnSkippingSilence(cepstra);
  return cepstra;
}

/**
 * The model's 39-value features (`1s_c_d_dd` over batch-CMN cepstra), 100 frames/s.
 *
 * @throws {SpeechError} `DEURO_SPEECH_INVALID_OPTION` for a bad sample rate.
 */
export function modelFeatures(samples: Float32Array, sampleRate: number): FeatureMatrix {
  return sphinxDeltas(modelCepstra(samples, sampleRate));
}

/**
 * Frame `t` of `sphinxDeltas(cepstra)`, written into `out` (3 x the cepstra's dimension).
 * Equal to the batch function to the bit.
 */
export function dynamicFeatureFrame(cepstra: FeatureMatrix, t: number, out: Float32Array): void {
  const d = cepstra.dimension;
  const last = cepstra.frameCount - 1;
  const c = cepstra.data;
  const row = (k: number): number => Math.min(Math.max(t + k, 0), last) * d;
  const [m3, m2, m1, p0, p1, p2, p3] = [row(-3), row(-2), row(-1), row(0), row(1), row(2), row(3)];
  for (let k = 0; k < d; k++) {
    out[k] = c[p0 + k] ?? 0;
    out[d + k] = f32((c[p2 + k] ?? 0) - (c[m2 + k] ?? 0));
    const ahead = f32((c[p3 + k] ?? 0) - (c[m1 + k] ?? 0));
    const behind = f32((c[p1 + k] ?? 0) - (c[m3 + k] ?? 0));
    out[2 * d + k] = f32(ahead - behind);
  }
}
