import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { medianRatioInterval } from './ratio-interval';

describe('ratio of medians, bootstrap interval', () => {
  it('holds 1.00x for the same trials and is the same on every call', () => {
    const trials = [12, 30, 25, 41, 18, 60, 22, 35, 27, 15];
    const interval = medianRatioInterval(trials, trials);
    assert.deepEqual(interval, { low: 1, high: 1 });
    const other = [35, 14, 44, 20, 28, 16, 58, 24, 33, 19];
    assert.deepEqual(medianRatioInterval(other, trials), medianRatioInterval(other, trials));
    const noisy = medianRatioInterval(other, trials);
    assert.ok(noisy.low < 1 && noisy.high > 1, JSON.stringify(noisy));
  });

  it('lies above 1.00x when the candidate needs far fewer trials on every seed', () => {
    const candidate = [10, 12, 11, 13, 9, 10, 12, 11, 10, 14];
    const interval = medianRatioInterval(
      candidate.map((count) => count * 3),
      candidate,
    );
    assert.ok(interval.low >= 2.5 && interval.high <= 3.5, JSON.stringify(interval));
  });

  it('counts unreached seeds as infinite', () => {
    const interval = medianRatioInterval([Infinity, Infinity, Infinity], [5, 6, 7]);
    assert.deepEqual(interval, { low: Infinity, high: Infinity });
    assert.deepEqual(medianRatioInterval([Infinity], [Infinity]), { low: 1, high: 1 });
  });

  it('refuses lists of different seeds', () => {
    assert.throws(() => medianRatioInterval([1, 2], [1]), RangeError);
    assert.throws(() => medianRatioInterval([], []), RangeError);
  });
});
