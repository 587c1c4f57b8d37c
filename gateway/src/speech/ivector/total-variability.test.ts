import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { baumWelchStatistics, type BaumWelchStatistics } from './baum-welch.js';
import { newDiagonalGmm } from './diagonal-gmm.js';
import { IvectorErrorCode, isIvectorError } from './errors.js';
import { newFrames } from './frames.js';
import { cholesky, choleskySolve, multiply, transpose } from './linear-algebra.js';
import { namedNormals } from './normal-draws.js';
import { newTotalVariability, prepareTotalVariability } from './total-variability.js';
import { trainTotalVariability } from './total-variability-training.js';

const C = 4;
const D = 3;
const ubm = newDiagonalGmm(
  Float64Array.from([0.1, 0.2, 0.3, 0.4]),
  namedNormals('tv-test-means', C * D).map((x) => 3 * x),
  namedNormals('tv-test-variances', C * D).map((x) => 0.5 + x * x),
);

/** Recordings of "speakers" whose frames are shifted along a hidden 2-D subspace. */
function recordings(count: number): BaumWelchStatistics[] {
  const directions = namedNormals('tv-test-directions', 2 * D);
  return Array.from({ length: count }, (_, u) => {
    const factors = namedNormals(`tv-test-factor-${String(u)}`, 2);
    const noise = namedNormals(`tv-test-noise-${String(u)}`, 200 * D);
    const data = new Float64Array(200 * D);
    for (let t = 0; t < 200; t += 1) {
      const c = t % C;
      for (let j = 0; j < D; j += 1) {
        const shift =
          (factors[0] ?? 0) * (directions[j] ?? 0) + (factors[1] ?? 0) * (directions[D + j] ?? 0);
        data[t * D + j] = (ubm.means[c * D + j] ?? 0) + shift + 0.3 * (noise[t * D + j] ?? 0);
      }
    }
    return baumWelchStatistics(ubm, newFrames(data, D));
  });
}

describe('total variability', () => {
  it('gives the posterior mean of the textbook formula', () => {
    const r = 2;
    const t = namedNormals('tv-test-t', C * D * r);
    const tv = newTotalVariability(C, D, r, t);
    const [statistics] = recordings(1);
    if (statistics === undefined) throw new Error('no statistics');
    // L = I + T^T N Sigma^-1 T, w = L^-1 T^T Sigma^-1 F~ with dense matrices.
    const weighted = new Float64Array(C * D * r);
    const scaledF = new Float64Array(C * D);
    for (let row = 0; row < C * D; row += 1) {
      const c = Math.floor(row / D);
      const precision = 1 / (ubm.variances[row] as number);
      for (let j = 0; j < r; j += 1)
        weighted[row * r + j] =
          (statistics.zeroOrder[c] as number) * precision * (t[row * r + j] as number);
      scaledF[row] = precision * (statistics.firstOrder[row] as number);
    }
    const precisionMatrix = multiply(transpose(t, C * D, r), weighted, r, C * D, r);
    for (let i = 0; i < r; i += 1)
      precisionMatrix[i * r + i] = (precisionMatrix[i * r + i] as number) + 1;
    const expected = choleskySolve(
      cholesky(precisionMatrix, r),
      r,
      multiply(transpose(t, C * D, r), scaledF, r, C * D, 1),
    );
    const { mean } = prepareTotalVariability(ubm, tv).posterior(statistics);
    for (let i = 0; i < r; i += 1) assert.ok(Math.abs((mean[i] ?? 0) - (expected[i] ?? 0)) < 1e-10);
  });

  it('trains T by EM without ever lowering the objective, deterministically', () => {
    const statistics = recordings(30);
    for (const minimumDivergence of [false, true]) {
      const { tv, objectives } = trainTotalVariability(ubm, statistics, {
        rank: 2,
        iterations: 8,
        minimumDivergence,
      });
      for (let i = 1; i < objectives.length; i += 1) {
        assert.ok(
          (objectives[i] ?? 0) >= (objectives[i - 1] ?? 0) - 1e-9,
          `${String(minimumDivergence)}: ${objectives.join(', ')}`,
        );
      }
      assert.ok((objectives.at(-1) ?? 0) > (objectives[0] ?? 0));
      const again = trainTotalVariability(ubm, statistics, {
        rank: 2,
        iterations: 8,
        minimumDivergence,
      });
      assert.deepEqual(again.tv.matrix, tv.matrix);
    }
  });

  it('recovers the hidden factors up to a rotation: i-vectors correlate with them', () => {
    const statistics = recordings(40);
    const { tv } = trainTotalVariability(ubm, statistics, { rank: 2, iterations: 10 });
    const prepared = prepareTotalVariability(ubm, tv);
    // Regress each true factor on the two i-vector coordinates: R^2 close to 1.
    const ivectors = statistics.map((s) => prepared.posterior(s).mean);
    for (let f = 0; f < 2; f += 1) {
      const truth = statistics.map(
        (_, u) => namedNormals(`tv-test-factor-${String(u)}`, 2)[f] ?? 0,
      );
      assert.ok(regressionR2(ivectors, truth) > 0.95);
    }
  });

  it('rejects statistics of another size, by code', () => {
    const tv = newTotalVariability(C, D, 2, new Float64Array(C * D * 2));
    assert.throws(
      () =>
        prepareTotalVariability(ubm, tv).posterior({
          zeroOrder: new Float64Array(3),
          firstOrder: new Float64Array(9),
          frameCount: 1,
        }),
      (error: unknown) => isIvectorError(error, IvectorErrorCode.dimensionMismatch),
    );
  });
});

/** R^2 of the least-squares fit of y on [1, x1, x2]. */
function regressionR2(xs: readonly Float64Array[], y: readonly number[]): number {
  const rows = xs.length;
  const design = new Float64Array(rows * 3);
  xs.forEach((x, i) => {
    design.set([1, x[0] ?? 0, x[1] ?? 0], i * 3);
  });
  const normal = multiply(transpose(design, rows, 3), design, 3, rows, 3);
  const beta = choleskySolve(
    cholesky(normal, 3),
    3,
    multiply(transpose(design, rows, 3), Float64Array.from(y), 3, rows, 1),
  );
  const fitted = multiply(design, beta, rows, 3, 1);
  const mean = y.reduce((a, b) => a + b, 0) / rows;
  let residual = 0;
  let total = 0;
  y.forEach((value, i) => {
    residual += (value - (fitted[i] ?? 0)) ** 2;
    total += (value - mean) ** 2;
  });
  return 1 - residual / total;
}
