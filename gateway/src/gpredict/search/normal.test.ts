import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { newRandomStream } from '../random/index.js';
import { erfc, logNormalCdf, logNormalMass, normalCdf, sampleTruncatedNormal } from './normal.js';

/** Reference values from mpmath at 50 digits, as the nearest doubles. */
const ERFC: readonly (readonly [number, number])[] = [
  [-3, 1.9999779095030015],
  [-0.3, 1.3286267594591274],
  [0, 1],
  [0.1, 0.887537083981715],
  [1, 0.15729920705028513],
  [1.4999, 0.033906748337704726],
  [1.5, 0.033894853524689274],
  [2, 0.004677734981047266],
  [3, 0.00002209049699858544],
  [5, 1.537459794428035e-12],
  [10, 2.088487583762545e-45],
  [26.5, 2.2109076642637343e-307],
];

const LOG_CDF: readonly (readonly [number, number])[] = [
  [-40, -804.6084420137538],
  [-10, -53.23128515051247],
  [-1, -1.8410216450092636],
  [0, -0.6931471805599453],
  [1, -0.17275377902344988],
  [10, -7.619853024160525e-24],
];

const LOG_MASS: readonly (readonly [number, number, number])[] = [
  [-40, -39.9, -800.6294741601215],
  [-3, 2, -0.024395187554887347],
  [0.5, 0.6, -3.373064226942796],
  [30, 31, -454.32124395634327],
  [-0.001, 0.001, -7.13354679829352],
  [-1e-9, 1e-9, -20.949057189591137],
];

function assertRelative(actual: number, expected: number, tolerance: number, label: string): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.abs(expected),
    `${label}: got ${String(actual)}, expected ${String(expected)}`,
  );
}

describe('normal distribution', () => {
  it('computes erfc to 1e-14 relative, far into the tail', () => {
    for (const [x, expected] of ERFC) {
      assertRelative(erfc(x), expected, 1e-14, `erfc(${String(x)})`);
    }
  });

  it('computes log CDF and log interval masses in both tails', () => {
    for (const [z, expected] of LOG_CDF) {
      assertRelative(logNormalCdf(z), expected, 1e-13, `log Phi(${String(z)})`);
    }
    for (const [a, b, expected] of LOG_MASS) {
      assertRelative(logNormalMass(a, b), expected, 1e-12, `log mass [${String(a)}, ${String(b)}]`);
    }
    assert.equal(normalCdf(0), 0.5);
  });

  it('samples a truncated normal inside its bounds with the right mean', () => {
    const stream = newRandomStream('truncated-normal');
    const count = 20000;
    let sum = 0;
    for (let index = 0; index < count; index += 1) {
      const z = sampleTruncatedNormal(stream, -0.5, 3);
      assert.ok(z >= -0.5 && z <= 3);
      sum += z;
    }
    // Mean of N(0,1) on [a, b]: (phi(a) - phi(b)) / (Phi(b) - Phi(a)) = 0.50186...
    const phi = (z: number): number => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    const expected = (phi(-0.5) - phi(3)) / (normalCdf(3) - normalCdf(-0.5));
    assert.ok(Math.abs(sum / count - expected) < 0.02);
  });
});
