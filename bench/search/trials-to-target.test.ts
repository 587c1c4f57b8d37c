import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  bestOf,
  median,
  quantile,
  summarise,
  targetValue,
  trialsToTarget,
} from './trials-to-target';

describe('trials to target', () => {
  it('finds the best value and the first trial at or past the target', () => {
    const values = [5, null, 3, 4, 2, 1];
    assert.equal(bestOf(values, 3, 1), 3);
    assert.equal(bestOf(values, 6, -1), 5);
    assert.equal(trialsToTarget(values, 3, 1), 3);
    assert.equal(trialsToTarget(values, 0.5, 1), undefined);
    assert.equal(trialsToTarget(values, 4.5, -1), 1);
  });

  it('takes medians with unreached runs as infinite', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 2, 3]), 2.5);
    assert.equal(median([1, undefined, undefined]), Infinity);
    assert.equal(quantile([4, 1, 3, 2, 5], 0.25), 2);
    assert.equal(quantile([4, 1, 3, 2, undefined], 0.75), 4);
    assert.equal(quantile([1, undefined], 1), Infinity);
  });

  it('sets the target at the median best-of-reference of random search', () => {
    const runs = [
      [3, 2, 1],
      [9, 8, 7],
      [5, 4, 6],
    ];
    assert.equal(targetValue(runs, 2, 1), 4);
    const summary = summarise(runs, 4, 2, 1, 90);
    assert.equal(summary.medianTrials, 2);
    assert.deepEqual(summary.quartileTrials, [2, Infinity]);
    assert.equal(summary.reached, 2);
    assert.equal(summary.medianBestOfReference, 4);
    assert.equal(summary.millisecondsPerTrial, 10);
  });
});
