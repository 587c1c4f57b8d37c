import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { detCurve, rocConvexHull } from './det-curve.js';
import { equalErrorRate } from './equal-error-rate.js';
import { EvaluationErrorCode, isEvaluationError } from './errors.js';

describe('detCurve', () => {
  it('lists one point per distinct score plus the reject-all point', () => {
    assert.deepEqual(detCurve([2, 3], [0, 1]), [
      { pMiss: 0, pFalseAlarm: 1, threshold: 0 },
      { pMiss: 0, pFalseAlarm: 0.5, threshold: 1 },
      { pMiss: 0, pFalseAlarm: 0, threshold: 2 },
      { pMiss: 0.5, pFalseAlarm: 0, threshold: 3 },
      { pMiss: 1, pFalseAlarm: 0, threshold: Infinity },
    ]);
  });

  it('moves tied target and non-target scores together', () => {
    assert.deepEqual(detCurve([1, 1], [1]), [
      { pMiss: 0, pFalseAlarm: 1, threshold: 1 },
      { pMiss: 1, pFalseAlarm: 0, threshold: Infinity },
    ]);
  });

  it('rejects empty lists and non-finite scores by code and field', () => {
    assert.throws(
      () => detCurve([], [1]),
      (error: unknown) =>
        isEvaluationError(error, EvaluationErrorCode.noScores) &&
        error.details.field === 'targetScores',
    );
    assert.throws(
      () => detCurve([1], [0, Number.NaN]),
      (error: unknown) =>
        isEvaluationError(error, EvaluationErrorCode.invalidScore) &&
        error.details.field === 'nonTargetScores[1]',
    );
  });
});

describe('rocConvexHull', () => {
  it('drops points above the hull', () => {
    const hull = rocConvexHull([1], [0, 2]);
    assert.deepEqual(
      hull.map((p) => [p.pFalseAlarm, p.pMiss]),
      [
        [0, 1],
        [0.5, 0],
        [1, 0],
      ],
    );
  });
});

describe('equalErrorRate', () => {
  it('is 0 for separated scores, at the threshold that separates them', () => {
    assert.deepEqual(equalErrorRate([2, 3], [0, 1]), { eer: 0, threshold: 2 });
  });

  it('is 0.5 for identical score distributions', () => {
    assert.equal(equalErrorRate([0, 1], [0, 1]).eer, 0.5);
    assert.equal(equalErrorRate([5], [5]).eer, 0.5);
  });

  it('is 1/3 on the hull where the stepped curve would give 1/2', () => {
    // Hull (0,1) -> (0.5,0) crosses pMiss = pFa at 1/3 (pMiss = 1 - 2 pFa).
    const { eer, threshold } = equalErrorRate([1], [0, 2]);
    assert.ok(Math.abs(eer - 1 / 3) < 1e-15);
    assert.equal(threshold, 1);
  });

  it('is 0.5 when every target scores below every non-target (hull is the diagonal)', () => {
    assert.equal(equalErrorRate([0, 1], [2, 3]).eer, 0.5);
  });

  it('interpolates within a hull segment', () => {
    const eer = equalErrorRate([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [0, 0, 0, 0, 0, 0, 0, 0, 5.5, 11]);
    // Operating points (pFa, pMiss): (0.2, 0..0.5), (0.1, 0.5..1), (0, 1). The hull is the
    // straight segment (0, 1) -> (0.2, 0), pMiss = 1 - 5 pFa, which meets pMiss = pFa at 1/6.
    assert.ok(Math.abs(eer.eer - 1 / 6) < 1e-12, String(eer.eer));
  });

  it('agrees with the Gaussian closed form for many scores', () => {
    // Targets ~ N(2, 1), non-targets ~ N(0, 1): EER = Phi(-1) = 0.158655...
    const n = 20000;
    const grid = (mean: number): number[] =>
      Array.from({ length: n }, (_, i) => mean + probitApprox((i + 0.5) / n));
    const { eer, threshold } = equalErrorRate(grid(2), grid(0));
    assert.ok(Math.abs(eer - 0.158655) < 1e-3, String(eer));
    assert.ok(Math.abs(threshold - 1) < 1e-2, String(threshold));
  });
});

/** Inverse normal CDF by bisection (test only). */
function probitApprox(p: number): number {
  let lo = -10;
  let hi = 10;
  for (let k = 0; k < 80; k += 1) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function normalCdf(x: number): number {
  // Zelen & Severo 26.2.17, |error| < 7.5e-8.
  const t = 1 / (1 + 0.2316419 * Math.abs(x));
  const poly =
    t *
    (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  const tail = (Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI)) * poly;
  return x >= 0 ? 1 - tail : tail;
}
