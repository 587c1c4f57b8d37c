import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { latencyPercentiles, percentile } from './latency-stats';

void describe('latency percentiles', () => {
  it('takes the nearest rank, so every figure is a real sample', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(sorted, 50), 50);
    assert.equal(percentile(sorted, 95), 95);
    assert.equal(percentile(sorted, 99), 99);
    assert.equal(percentile([7], 99), 7);
  });

  it('sorts its input and gives NaN for no samples', () => {
    assert.deepEqual(latencyPercentiles([30, 10, 20]), { p50: 20, p95: 30, p99: 30 });
    assert.ok(Number.isNaN(latencyPercentiles([]).p50));
  });
});
