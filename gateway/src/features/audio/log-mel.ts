/**
 * Log mel spectrum extractor: the natural-log filter-bank energies of the Sphinx front end
 * (sphinx_fe `-logspec yes`), batch or streaming, one row of `filterCount` values per frame.
 */

import { stackFrames, type FeatureMatrix } from './feature-matrix.js';
import {
  resolveMfccOptions,
  type MfccOptions,
  type ResolvedMfccParameters,
} from './mfcc-options.js';
import { newSharedFrameFrontEnd } from './sphinx-front-end.js';

/** A streaming log mel extractor. */
export interface LogMelExtractor {
  readonly parameters: ResolvedMfccParameters;
  push(samples: ArrayLike<number>): Float32Array[];
  end(): Float32Array[];
}

/**
 * A streaming log mel extractor with the MFCC options (the cepstral ones are ignored).
 *
 * @throws {AudioError} `DEURO_AUDIO_INVALID_PARAMETER` naming an invalid option.
 */
export function newLogMelExtractor(options: MfccOptions = {}): LogMelExtractor {
  const parameters = resolveMfccOptions(options);
  const frontEnd = newSharedFrameFrontEnd(parameters);
  const collect = (out: Float32Array[]) => (logMel: Float64Array) => {
    out.push(Float32Array.from(logMel));
  };
  return {
    parameters,
    push(samples) {
      const out: Float32Array[] = [];
      frontEnd.push(samples, collect(out));
      return out;
    },
    end() {
      const out: Float32Array[] = [];
      frontEnd.end(collect(out));
      return out;
    },
  };
}

/**
 * Log mel spectra of a whole recording.
 *
 * @throws {AudioError} `DEURO_AUDIO_INVALID_PARAMETER` naming an invalid option.
 */
export function logMelSpectrogram(
  samples: ArrayLike<number>,
  options: MfccOptions = {},
): FeatureMatrix {
  const extractor = newLogMelExtractor(options);
  const frames = [...extractor.push(samples), ...extractor.end()];
  return stackFrames(frames, extractor.parameters.filterCount);
}
