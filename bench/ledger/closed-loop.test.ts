import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, it } from 'node:test';

import { runClosedLoop } from './closed-loop';

void describe('closed-loop driver', () => {
  it('keeps at most `concurrency` in flight and submits each index once', async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: number[] = [];
    const result = await runClosedLoop({
      count: 20,
      concurrency: 3,
      submit: async (index) => {
        seen.push(index);
        peak = Math.max(peak, ++inFlight);
        await delay(2);
        inFlight--;
      },
    });
    assert.equal(peak, 3);
    assert.deepEqual(
      [...seen].sort((a, b) => a - b),
      Array.from({ length: 20 }, (_, i) => i),
    );
    assert.equal(result.committed, 20);
    assert.equal(result.latenciesMs.length, 20);
    assert.equal(result.failures.size, 0);
  });

  it('counts failures by reason and leaves them out of the latencies', async () => {
    const result = await runClosedLoop({
      count: 10,
      concurrency: 4,
      submit: (index) =>
        index % 5 === 0 ? Promise.reject(new TypeError('boom')) : Promise.resolve(),
    });
    assert.equal(result.committed, 8);
    assert.deepEqual([...result.failures], [['TypeError: boom', 2]]);
  });
});
