import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { deterministicExp, deterministicLog, softmaxWithLoss } from './deterministic-math.js';

describe('deterministic exp and log', () => {
  it('agree with Math.exp and Math.log to a few ulps', () => {
    for (let x = -700; x <= 700; x += 0.731) {
      const expected = Math.exp(x);
      assert.ok(
        Math.abs(deterministicExp(x) - expected) <= 4 * Number.EPSILON * expected,
        `exp ${String(x)}`,
      );
    }
    for (const x of [
      1e-300, 1e-10, 0.001, 0.5, 0.7071, 1, 1.4143, 2, 10, 12345.678, 1e300, 5e-324,
    ]) {
      const expected = Math.log(x);
      assert.ok(
        Math.abs(deterministicLog(x) - expected) <=
          4 * Number.EPSILON * Math.max(1, Math.abs(expected)),
        `log ${String(x)}`,
      );
    }
    assert.equal(deterministicExp(0), 1);
    assert.equal(deterministicLog(1), 0);
    assert.equal(deterministicExp(-800), 0);
    assert.equal(deterministicLog(0), Number.NEGATIVE_INFINITY);
  });

  it('computes a softmax that sums to one and its cross-entropy', () => {
    const out = new Float64Array(3);
    const loss = softmaxWithLoss([9, 1, 2, 3], 1, 3, 2, out);
    const sum = Math.exp(1) + Math.exp(2) + Math.exp(3);
    assert.ok(Math.abs((out[0] ?? 0) - Math.exp(1) / sum) < 1e-15);
    assert.ok(Math.abs(out.reduce((a, b) => a + b, 0) - 1) < 1e-15);
    assert.ok(Math.abs(loss - -Math.log(Math.exp(3) / sum)) < 1e-15);
  });
});
