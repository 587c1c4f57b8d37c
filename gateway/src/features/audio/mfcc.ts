/**
 * MFCC extractor: Sphinx-exact mel-frequency cepstral coefficients, batch or streaming.
 *
 * A pure function of the samples and the options (see {@link resolveMfccOptions} for every
 * parameter and its sphinx_fe default). The streaming form consumes chunks of any size and
 * returns the frames completed so far, so a long recording never has to be in memory.
 */

import { applyLifter, cepstra, cepstralTables, lifterWeights } from './cepstral-transforms.js';
import { stackFrames, type FeatureMatrix } from './feature-matrix.js';
import {
  resolveMfccOptions,
  type MfccOptions,
  type ResolvedMfccParameters,
} from './mfcc-options.js';
import { newSphinxFrontEnd } from './sphinx-front-end.js';

/** A streaming MFCC extractor. */
export interface MfccExtractor {
  readonly parameters: ResolvedMfccParameters;
  /** Consumes samples (in [-1, 1) by default, see `inputScale`) and returns completed frames. */
  push(samples: ArrayLike<number>): Float32Array[];
  /** Ends the recording and returns the last frame(s); the extractor can then start over. */
  end(): Float32Array[];
}

/**
 * A streaming MFCC extractor.
 *
 * @throws {AudioError} `DEURO_AUDIO_INVALID_PARAMETER` naming an invalid option.
 */
export function newMfccExtractor(options: MfccOptions = {}): MfccExtractor {
  const parameters = resolveMfccOptions(options);
  const frontEnd = newSphinxFrontEnd(parameters);
  const tables = cepstralTables(parameters.filterCount, parameters.cepstrumCount);
  const lifter = lifterWeights(parameters.lifter, parameters.cepstrumCount);
  const toCepstra = (out: Float32Array[]) => (logMel: Float64Array) => {
    const cep = new Float32Array(parameters.cepstrumCount);
    cepstra(parameters.transform, tables, logMel, cep);
    if (parameters.lifter > 0) applyLifter(cep, lifter);
    out.push(cep);
  };
  return {
    parameters,
    push(samples) {
      const out: Float32Array[] = [];
      frontEnd.push(samples, toCepstra(out));
      return out;
    },
    end() {
      const out: Float32Array[] = [];
      frontEnd.end(toCepstra(out));
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
