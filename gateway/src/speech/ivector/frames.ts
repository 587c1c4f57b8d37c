/**
 * Feature frames in double precision, row major: the input of every i-vector computation.
 * `FeatureMatrix` of the audio library (float32) converts with {@link framesFromFeatureMatrix}.
 */

import type { FeatureMatrix } from '../../features/audio/index.js';

import { checkOption } from './errors.js';

/** `frameCount` frames of `dimension` values, frame after frame. */
export interface Frames {
  readonly frameCount: number;
  readonly dimension: number;
  /** `frameCount * dimension` values. */
  readonly data: Float64Array;
}

/**
 * Wraps row-major data as frames.
 * @throws IvectorError `DEURO_IVECTOR_INVALID_PARAMETER` when the sizes disagree.
 */
export function newFrames(data: Float64Array, dimension: number): Frames {
  checkOption(
    Number.isInteger(dimension) && dimension > 0,
    'dimension',
    dimension,
    'a positive integer',
  );
  checkOption(
    data.length % dimension === 0,
    'data.length',
    data.length,
    `a multiple of ${String(dimension)}`,
  );
  return { frameCount: data.length / dimension, dimension, data };
}

/** The float32 feature matrix of the audio library as double-precision frames. */
export function framesFromFeatureMatrix(m: FeatureMatrix): Frames {
  return newFrames(Float64Array.from(m.data), m.dimension);
}

/**
 * The frames of several recordings one after the other (for training a UBM on a corpus).
 * @throws IvectorError `DEURO_IVECTOR_DIMENSION_MISMATCH` when the dimensions differ.
 */
export function concatenateFrames(parts: readonly Frames[]): Frames {
  const dimension = parts[0]?.dimension ?? 1;
  let length = 0;
  for (const part of parts) {
    checkOption(
      part.dimension === dimension,
      'frames.dimension',
      part.dimension,
      `${String(dimension)} for every part`,
    );
    length += part.data.length;
  }
  const data = new Float64Array(length);
  let offset = 0;
  for (const part of parts) {
    data.set(part.data, offset);
    offset += part.data.length;
  }
  return newFrames(data, dimension);
}
