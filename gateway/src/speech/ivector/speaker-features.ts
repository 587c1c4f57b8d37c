/**
 * The front end of the i-vector system: MFCCs of the audio library, HTK regression deltas and
 * delta-deltas, an energy rule that drops silent frames, and cepstral mean normalisation over
 * the frames kept.
 *
 * Defaults: 16 kHz, sphinx_fe's MFCC parameters (25.6 ms Hamming window every 10 ms, 40 mel
 * filters 133-6855 Hz, 13 cepstra c0..c12, pre-emphasis 0.97), deltas and delta-deltas over
 * +-2 frames (39 values per frame). Deltas are taken on the continuous stream before silent
 * frames are dropped, so they never straddle a cut. A frame is speech when its energy (mean
 * square of its window's samples, in dB) is within `energyRangeDb` (30 dB) of the loudest frame
 * of the recording and above `minimumEnergyDb` (-70 dBFS). The mean of each of the 39 values
 * over the speech frames is then subtracted (CMN); `varianceNormalization` also divides by the
 * standard deviation (CMVN).
 */

import {
  mfcc,
  regressionDeltas,
  resample,
  resolveMfccOptions,
  type MfccOptions,
} from '../../features/audio/index.js';

import { checkOption, IvectorError, IvectorErrorCode } from './errors.js';
import { newFrames, type Frames } from './frames.js';

/** Options of {@link speakerFeatures}; every field has a default. */
export interface SpeakerFeatureOptions {
  /** MFCC options of the audio library (default: sphinx_fe's, 13 cepstra at 16 kHz). */
  mfcc?: MfccOptions;
  /** Half window of the regression deltas and delta-deltas (default 2). */
  deltaWindow?: number;
  /** Frames more than this many dB below the loudest frame are silence (default 30). */
  energyRangeDb?: number;
  /** Frames below this energy in dB relative to full scale are silence (default -70). */
  minimumEnergyDb?: number;
  /** Divide each value by its standard deviation after mean removal (default false). */
  varianceNormalization?: boolean;
}

/** {@link SpeakerFeatureOptions} with every default filled in. */
export interface ResolvedSpeakerFeatureOptions {
  mfcc: MfccOptions;
  deltaWindow: number;
  energyRangeDb: number;
  minimumEnergyDb: number;
  varianceNormalization: boolean;
}

/** Defaults of {@link SpeakerFeatureOptions}. */
export const SPEAKER_FEATURE_DEFAULTS: ResolvedSpeakerFeatureOptions = {
  mfcc: {},
  deltaWindow: 2,
  energyRangeDb: 30,
  minimumEnergyDb: -70,
  varianceNormalization: false,
};

/**
 * Fills in defaults and checks every option.
 * @throws IvectorError `DEURO_IVECTOR_INVALID_PARAMETER` naming the option.
 */
export function resolveSpeakerFeatureOptions(
  options: SpeakerFeatureOptions = {},
): ResolvedSpeakerFeatureOptions {
  const resolved = { ...SPEAKER_FEATURE_DEFAULTS, ...options };
  checkOption(
    Number.isInteger(resolved.deltaWindow) && resolved.deltaWindow > 0,
    'deltaWindow',
    resolved.deltaWindow,
    'a positive integer',
  );
  checkOption(resolved.energyRangeDb > 0, 'energyRangeDb', resolved.energyRangeDb, 'positive');
  checkOption(
    resolved.minimumEnergyDb <= 0,
    'minimumEnergyDb',
    resolved.minimumEnergyDb,
    'at most 0',
  );
  return resolved;
}

/**
 * Speaker features of a mono recording: CMN'd MFCC + deltas + delta-deltas of its speech
 * frames. Samples at another rate than `options.mfcc.sampleRate` (16 kHz) are resampled.
 * @param samples - Mono samples in [-1, 1).
 * @param sampleRate - Their rate in Hz.
 * @throws IvectorError `DEURO_IVECTOR_NOT_ENOUGH_DATA` when no frame is speech,
 *   `DEURO_IVECTOR_INVALID_PARAMETER` naming a bad option.
 */
export function speakerFeatures(
  samples: ArrayLike<number>,
  sampleRate: number,
  options: SpeakerFeatureOptions = {},
): Frames {
  const resolved = resolveSpeakerFeatureOptions(options);
  const parameters = resolveMfccOptions(resolved.mfcc);
  checkOption(
    sampleRate > 0 && Number.isFinite(sampleRate),
    'sampleRate',
    sampleRate,
    'a positive number',
  );
  const input =
    sampleRate === parameters.sampleRate
      ? samples
      : resample(samples, { inputRate: sampleRate, outputRate: parameters.sampleRate });
  const cepstra = mfcc(input, resolved.mfcc);
  const withDeltas = regressionDeltas(cepstra, {
    deltaWindow: resolved.deltaWindow,
    accelerationWindow: resolved.deltaWindow,
  });
  const keep = speechFrames(
    input,
    cepstra.frameCount,
    parameters.frameSize,
    parameters.frameShift,
    resolved,
  );
  const d = withDeltas.dimension;
  const data = new Float64Array(keep.length * d);
  keep.forEach((t, i) => {
    for (let j = 0; j < d; j += 1) data[i * d + j] = withDeltas.data[t * d + j] ?? 0;
  });
  normalizeColumns(data, d, resolved.varianceNormalization);
  return newFrames(data, d);
}

/** Indices of the frames the energy rule keeps. */
export function speechFrames(
  samples: ArrayLike<number>,
  frameCount: number,
  frameSize: number,
  frameShift: number,
  options: Pick<ResolvedSpeakerFeatureOptions, 'energyRangeDb' | 'minimumEnergyDb'>,
): number[] {
  const energies = new Float64Array(frameCount);
  for (let t = 0; t < frameCount; t += 1) {
    const start = t * frameShift;
    const end = Math.min(start + frameSize, samples.length);
    let sum = 0;
    for (let i = start; i < end; i += 1) sum += (samples[i] ?? 0) ** 2;
    energies[t] = 10 * Math.log10(sum / frameSize + 1e-20);
  }
  const loudest = energies.reduce((a, b) => Math.max(a, b), -Infinity);
  const threshold = Math.max(loudest - options.energyRangeDb, options.minimumEnergyDb);
  const keep: number[] = [];
  energies.forEach((energy, t) => {
    if (energy >= threshold) keep.push(t);
  });
  if (keep.length === 0) {
    throw new IvectorError(
      IvectorErrorCode.notEnoughData,
      'the recording has no speech frames (all below the energy threshold)',
      { field: 'samples', value: samples.length },
    );
  }
  return keep;
}

function normalizeColumns(data: Float64Array, d: number, varianceNormalization: boolean): void {
  const n = data.length / d;
  for (let j = 0; j < d; j += 1) {
    let sum = 0;
    for (let t = 0; t < n; t += 1) sum += data[t * d + j] ?? 0;
    const mean = sum / n;
    let scale = 1;
    if (varianceNormalization) {
      let squares = 0;
      for (let t = 0; t < n; t += 1) squares += ((data[t * d + j] ?? 0) - mean) ** 2;
      const sd = Math.sqrt(squares / n);
      scale = sd > 0 ? 1 / sd : 1;
    }
    for (let t = 0; t < n; t += 1) data[t * d + j] = ((data[t * d + j] ?? 0) - mean) * scale;
  }
}
