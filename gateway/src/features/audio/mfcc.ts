/**
 * MFCC extractor: Sphinx-exact mel-frequency cepstral coefficients, batch or streaming.
 *
 * A pure function of the samples and the options (see {@link resolveMfccOptions} for every
 * parameter and its sphinx_fe default). The streaming form consumes chunks of any size and
 * returns the frames completed so far, so a long recording never has to be in memory.
 */

import { stackFrames, type FeatureMatrix } from './feature-matrix.js';
import {
  resolveMfccOptions,
  type MfccOptions,
  type ResolvedMfccParameters,
} from './mfcc-options.js';
import { newCepstralFrontEnd } from './sphinx-front-end.js';

/** A streaming MFCC extractor. */
export interface MfccExtractor {
  readonly parameters: ResolvedMfccParameters;
  /** Consumes samples (in [-1, 1) by default, see `inputScale`) and returns completed frames. */
  push(samples: ArrayLike<number>): Float32Array[];
  /** Ends the recording and returns the last frame(s); the extractor can then start over. */
  end(): Float32Array[];
}

/**
 * The extractor as the streaming pipeline uses it: `onFrame` receives the same array for every
 * frame (`cepstrumCount` values), valid until the callback returns, so nothing is allocated per
 * frame.
 */
export interface MfccFrameSource {
  readonly parameters: ResolvedMfccParameters;
  push(samples: ArrayLike<number>, onFrame: (cepstra: Float32Array) => void): void;
  end(onFrame: (cepstra: Float32Array) => void): void;
}

/**
 * An MFCC frame source for resolved parameters.
 *
 * @throws {AudioError} `DEURO_AUDIO_INVALID_PARAMETER` naming an invalid option.
 */
export function newMfccFrameSource(options: MfccOptions = {}): MfccFrameSource {
  return newCepstralFrontEnd(resolveMfccOptions(options));
}

/**
 * A streaming MFCC extractor.
 *
 * @throws {AudioError} `DEURO_AUDIO_INVALID_PARAMETER` naming an invalid option.
 */
export function newMfccExtractor(options: MfccOptions = {}): MfccExtractor {
  const source = newMfccFrameSource(options);
  const collecting = (out: Float32Array[]) => (cepstra: Float32Array) => {
    out.push(cepstra.slice());
  };
  return {
    parameters: source.parameters,
    push(samples) {
      const out: Float32Array[] = [];
      source.push(samples, collecting(out));
      return out;
    },
    end() {
      const out: Float32Array[] = [];
      source.end(collecting(out));
      return out;
    },
  };
}

/**
 * MFCCs of a whole recording: `sphinxFrameCount(samples.length)` frames of `cepstrumCount`.
 *
 * @param samples mono samples at `options.sampleRate` (resample first, see {@link resample}).
 * @throws {AudioError} `DEURO_AUDIO_INVALID_PARAMETER` naming an invalid option.
 */
export function mfcc(samples: ArrayLike<number>, options: MfccOptions = {}): FeatureMatrix {
  const extractor = newMfccExtractor(options);
  const frames = [...extractor.push(samples), ...extractor.end()];
  return stackFrames(frames, extractor.parameters.cepstrumCount);
}
