import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { averageLogLikelihood } from './diagonal-gmm.js';
import { IvectorErrorCode, isIvectorError } from './errors.js';
import { newFrames, type Frames } from './frames.js';
import { namedNormals } from './normal-draws.js';
import { trainUbm } from './ubm-training.js';

const CENTRES = [
  [0, 0],
  [10, 0],
  [0, 10],
];
const SPREAD = [1, 0.5, 2];

/** 3000 frames from three well separated 2-D Gaussians (weights 1/3 each). */
function threeClusters(): Frames {
  const noise = namedNormals('ubm-test-clusters', 3000 * 2);
  const data = new Float64Array(3000 * 2);
  for (let t = 0; t < 3000; t += 1) {
    const c = t % 3;
    for (let j = 0; j < 2; j += 1) {
      data[t * 2 + j] = (CENTRES[c]?.[j] ?? 0) + (SPREAD[c] ?? 1) * (noise[t * 2 + j] ?? 0);
    }
  }
  return newFrames(data, 2);
}

describe('trainUbm', () => {
  const frames = threeClusters();

  it('recovers well separated Gaussians', () => {
    const { ubm } = trainUbm(frames, { componentCount: 3, iterations: 10 });
    for (let c = 0; c < 3; c += 1) {
      const mean = [ubm.means[c * 2] ?? 0, ubm.means[c * 2 + 1] ?? 0];
      const k = CENTRES.findIndex(
        ([x, y]) => Math.hypot((x ?? 0) - (mean[0] ?? 0), (y ?? 0) - (mean[1] ?? 0)) < 0.3,
      );
      assert.ok(k >= 0, `component ${String(c)} at ${mean.join(',')}`);
      assert.ok(Math.abs((ubm.weights[c] ?? 0) - 1 / 3) < 0.01);
      assert.ok(
        Math.abs(Math.sqrt(ubm.variances[c * 2] ?? 0) - (SPREAD[k] ?? 0)) < 0.1 * (SPREAD[k] ?? 1),
      );
    }
  });

  it('never decreases the likelihood and is deterministic', () => {
    const first = trainUbm(frames, { componentCount: 6, iterations: 8, seed: 'a' });
    for (let i = 1; i < first.logLikelihoods.length; i += 1) {
      assert.ok((first.logLikelihoods[i] ?? 0) >= (first.logLikelihoods[i - 1] ?? 0) - 1e-12);
    }
    assert.ok(averageLogLikelihood(first.ubm, frames) >= (first.logLikelihoods.at(-1) ?? 0));
    const again = trainUbm(frames, { componentCount: 6, iterations: 8, seed: 'a' });
    assert.deepEqual(again.ubm.means, first.ubm.means);
    const other = trainUbm(frames, { componentCount: 6, iterations: 0, seed: 'b' });
    assert.notDeepEqual(other.initial.means, first.initial.means);
  });

  it('floors variances at a fraction of the global variance', () => {
    // Three distinct points repeated: clusters of zero variance.
    const data = Float64Array.from({ length: 600 }, (_, i) => [0, 5, 9][i % 3] ?? 0);
    const result = trainUbm(newFrames(data, 1), {
      componentCount: 3,
      iterations: 2,
      varianceFloor: 0.01,
      covarianceRegularization: 0,
    });
    const global = 122 / 9; // variance of {0, 5, 9}
    for (const variance of result.ubm.variances)
      assert.ok(Math.abs(variance - 0.01 * global) < 1e-9);
    assert.equal(result.flooredVariances, 3);
  });

  it('names a bad option and refuses too few frames', () => {
    assert.throws(
      () => trainUbm(frames, { componentCount: 0 }),
      (error: unknown) =>
        isIvectorError(error, IvectorErrorCode.invalidParameter) &&
        error.details.field === 'componentCount',
    );
    assert.throws(
      () => trainUbm(newFrames(new Float64Array(4), 2), { componentCount: 3 }),
      (error: unknown) => isIvectorError(error, IvectorErrorCode.notEnoughData),
    );
  });
});
