/**
 * The common result of the audio extractors: frames x dimension single-precision values, row
 * major (frame after frame), the layout of Sphinx `.mfc` files and C-ordered `.npy` arrays.
 */

import { checkParameter } from './errors.js';

/** Frames of equal dimension, row major. */
export interface FeatureMatrix {
  readonly frameCount: number;
  readonly dimension: number;
  /** `frameCount * dimension` values. */
  readonly data: Float32Array;
}

/**
 * Wraps row-major data as a matrix.
 *
 * @throws {AudioError} `DEURO_AUDIO_INVALID_PARAMETER` when the length is not a multiple of the dimension.
 */
export function newFeatureMatrix(data: Float32Array, dimension: number): FeatureMatrix {
  checkParameter(
    Number.isInteger(dimension) && dimension > 0,
    'dimension',
    dimension,
    'a positive integer',
  );
  checkParameter(
    data.length % dimension === 0,
    'data.length',
    data.length,
    `a multiple of ${String(dimension)}`,
  );
  return { frameCount: data.length / dimension, dimension, data };
}

/** Stacks frames (each of `dimension` values) into a matrix. */
export function stackFrames(frames: readonly Float32Array[], dimension: number): FeatureMatrix {
  const data = new Float32Array(frames.length * dimension);
  frames.forEach((frame, t) => {
    data.set(frame.subarray(0, dimension), t * dimension);
  });
  return newFeatureMatrix(data, dimension);
}

/** One frame of a matrix, as a view. */
export function frameAt(m: FeatureMatrix, t: number): Float32Array {
  return m.data.subarray(t * m.dimension, (t + 1) * m.dimension);
}
