/**
 * Dynamic features: first and second differences of cepstra over time, appended to the
 * static cepstra (output frames are [c, delta, delta-delta], 3 x dimension values).
 *
 * - {@link sphinxDeltas} is Sphinx's `1s_c_d_dd` feature (sphinxbase `feat.c`):
 *   delta_t = c_{t+2} - c_{t-2} and ddelta_t = (c_{t+3} - c_{t-1}) - (c_{t+1} - c_{t-3}), in
 *   single precision.
 * - {@link regressionDeltas} is HTK's regression form:
 *   delta_t = sum_{k=1..K} k (c_{t+k} - c_{t-k}) / (2 sum_{k=1..K} k^2), applied again to the
 *   deltas for the second order.
 * At the edges the first and last frames are repeated, as both tools do.
 */

import { checkParameter } from './errors.js';
import { newFeatureMatrix, type FeatureMatrix } from './feature-matrix.js';

const f32 = Math.fround;

function valueAt(m: FeatureMatrix, t: number, k: number): number {
  const clamped = Math.min(Math.max(t, 0), m.frameCount - 1);
  return m.data[clamped * m.dimension + k] ?? 0;
}

/** Sphinx `1s_c_d_dd`: [c, c(t+2) - c(t-2), (c(t+3) - c(t-1)) - (c(t+1) - c(t-3))]. */
export function sphinxDeltas(m: FeatureMatrix): FeatureMatrix {
  const d = m.dimension;
  const out = new Float32Array(m.frameCount * 3 * d);
  for (let t = 0; t < m.frameCount; t++) {
    const row = t * 3 * d;
    for (let k = 0; k < d; k++) {
      out[row + k] = valueAt(m, t, k);
      out[row + d + k] = f32(valueAt(m, t + 2, k) - valueAt(m, t - 2, k));
      const ahead = f32(valueAt(m, t + 3, k) - valueAt(m, t - 1, k));
      const behind = f32(valueAt(m, t + 1, k) - valueAt(m, t - 3, k));
      out[row + 2 * d + k] = f32(ahead - behind);
    }
  }
  return newFeatureMatrix(out, 3 * d);
}

function regression(m: FeatureMatrix, halfWindow: number): FeatureMatrix {
  let norm = 0;
  for (let k = 1; k <= halfWindow; k++) norm += 2 * k * k;
  const out = new Float32Array(m.data.length);
  for (let t = 0; t < m.frameCount; t++) {
    for (let j = 0; j < m.dimension; j++) {
      let acc = 0;
      for (let k = 1; k <= halfWindow; k++)
        acc += k * (valueAt(m, t + k, j) - valueAt(m, t - k, j));
      out[t * m.dimension + j] = acc / norm;
    }
  }
  return newFeatureMatrix(out, m.dimension);
}

/** Options of {@link regressionDeltas}. */
export interface RegressionDeltaOptions {
  /** Half window K of the first-order regression (HTK DELTAWINDOW, default 2). */
  readonly deltaWindow?: number;
  /** Half window of the second-order regression (HTK ACCWINDOW, default 2). */
  readonly accelerationWindow?: number;
}

/**
 * HTK regression deltas and delta-deltas: [c, delta, delta-delta].
 *
 * @throws {AudioError} `DEURO_AUDIO_INVALID_PARAMETER` for a window that is not a positive integer.
 */
export function regressionDeltas(
  m: FeatureMatrix,
  options: RegressionDeltaOptions = {},
): FeatureMatrix {
  const deltaWindow = options.deltaWindow ?? 2;
  const accelerationWindow = options.accelerationWindow ?? 2;
  checkParameter(
    Number.isInteger(deltaWindow) && deltaWindow > 0,
    'deltaWindow',
    deltaWindow,
    'a positive integer',
  );
  checkParameter(
    Number.isInteger(accelerationWindow) && accelerationWindow > 0,
    'accelerationWindow',
    accelerationWindow,
    'a positive integer',
  );
  const delta = regression(m, deltaWindow);
  const acceleration = regression(delta, accelerationWindow);
  const d = m.dimension;
  const out = new Float32Array(m.frameCount * 3 * d);
  for (let t = 0; t < m.frameCount; t++) {
    out.set(m.data.subarray(t * d, (t + 1) * d), t * 3 * d);
    out.set(delta.data.subarray(t * d, (t + 1) * d), t * 3 * d + d);
    out.set(acceleration.data.subarray(t * d, (t + 1) * d), t * 3 * d + 2 * d);
  }
  return newFeatureMatrix(out, 3 * d);
}
