/**
 * JSON for small feature outputs only (API responses, test fixtures): large recordings belong
 * in `.npy` or `.mfc`, so the encoder refuses more than `maxValues` numbers.
 */

import { checkParameter } from './errors.js';
import type { FeatureMatrix } from './feature-matrix.js';

/** The JSON shape of a feature matrix. */
export interface FeatureMatrixJson {
  readonly frameCount: number;
  readonly dimension: number;
  readonly frames: number[][];
}

/**
 * A matrix as plain JSON data (float32 values widened to numbers).
 *
 * @throws {AudioError} `DEURO_AUDIO_INVALID_PARAMETER` when the matrix has more than `maxValues` values.
 */
export function featuresToJson(m: FeatureMatrix, maxValues = 65536): FeatureMatrixJson {
  checkParameter(
    m.data.length <= maxValues,
    'frameCount',
    m.frameCount,
    `small for JSON (at most ${String(maxValues)} values)`,
  );
  const frames: number[][] = [];
  for (let t = 0; t < m.frameCount; t++)
    frames.push(Array.from(m.data.subarray(t * m.dimension, (t + 1) * m.dimension)));
  return { frameCount: m.frameCount, dimension: m.dimension, frames };
}
