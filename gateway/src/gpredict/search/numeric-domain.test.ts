import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { newNumericDomain } from './numeric-domain.js';

describe('numeric domain', () => {
  it('counts a float grid despite rounding and rounds its values to 15 digits', () => {
    const domain = newNumericDomain({
      type: 'quniform',
      low: 0,
      high: 0.9,
      step: 0.05,
      log: false,
    });
    assert.equal(domain.gridSize, 19);
    assert.equal(domain.gridValue(6), 0.3);
    assert.equal(domain.gridValue(18), 0.9);
    assert.equal(domain.gridIndex(0.31), 6);
    assert.equal(domain.gridIndex(-4), 0);
    assert.equal(domain.fromInternal(0.974), 0.9);
    assert.deepEqual(domain.cell(0), [-0.025, 0.025]);
    assert.equal(domain.internalLow, -0.025);
    assert.ok(Math.abs(domain.internalHigh - 0.925) < 1e-15);
  });

  it('stops a grid at the last point inside the bounds', () => {
    const domain = newNumericDomain({ type: 'int', low: 0, high: 31, step: 3, log: false });
    assert.equal(domain.gridSize, 11);
    assert.equal(domain.gridValue(10), 30);
    assert.equal(domain.internalHigh, 31.5);
    assert.equal(domain.fromInternal(31.4), 30);
  });

  it('works in log space, the lowest cell starting at max(low - step/2, low/2)', () => {
    const units = newNumericDomain({ type: 'int', low: 1, high: 1024, step: 1, log: true });
    assert.equal(units.internalLow, Math.log(0.5));
    assert.equal(units.internalHigh, Math.log(1024.5));
    assert.deepEqual(units.cell(9), [Math.log(9.5), Math.log(10.5)]);
    assert.equal(units.fromInternal(Math.log(9.7)), 10);
    const batch = newNumericDomain({
      type: 'qloguniform',
      low: 16,
      high: 512,
      step: 16,
      log: true,
    });
    assert.equal(batch.internalLow, Math.log(8));
    assert.equal(batch.cell(1)[0], Math.log(24));
    const rate = newNumericDomain({
      type: 'loguniform',
      low: 1e-5,
      high: 1,
      step: undefined,
      log: true,
    });
    assert.equal(rate.gridSize, 0);
    assert.equal(rate.fromInternal(Math.log(2)), 1);
    assert.ok(Math.abs(rate.fromInternal(rate.toInternal(0.001)) - 0.001) < 1e-18);
  });
});
