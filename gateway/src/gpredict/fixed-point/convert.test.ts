import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { newRandomStream } from '../random/index.js';
import { convertRatio, convertRaw, convertReal } from './convert.js';
import {
  type FixedFormat,
  fixedFormat,
  maxRaw,
  minRaw,
  powerOfTwo,
  theta,
} from './fixed-format.js';
import { isFixedPointError } from './fixed-point-error.js';
import { newNearestRounder, newStochasticRounder } from './rounding.js';

const nearest = newNearestRounder();

/** numerator / divisor rounded to nearest (ties to even) in bigints, saturated to 32 bits. */
function referenceNearest(numerator: bigint, divisor: bigint): number {
  let quotient = numerator / divisor;
  let remainder = numerator % divisor;
  if (remainder < 0n) {
    quotient -= 1n;
    remainder += divisor;
  }
  if (2n * remainder > divisor || (2n * remainder === divisor && quotient % 2n !== 0n)) {
    quotient += 1n;
  }
  return quotient > 2147483647n
    ? 2147483647
    : quotient < -2147483648n
      ? -2147483648
      : Number(quotient);
}
const formats = [
  fixedFormat(4, 12),
  fixedFormat(2, 14),
  fixedFormat(6, 10),
  fixedFormat(1, 31),
  fixedFormat(32, 0),
  fixedFormat(8, 24),
];

/** Reals spread over a format's range and a little beyond, from a named stream. */
function sampleReals(format: FixedFormat, count: number, name: string): number[] {
  const stream = newRandomStream(name);
  const span = powerOfTwo(format.nb - 1) * 1.25;
  return Array.from({ length: count }, () => (stream.nextUniform() * 2 - 1) * span);
}

describe('Convert: saturation', () => {
  it('maps x <= -2^(NB-1) to the lowest word and x >= 2^(NB-1) - 2^-FB to the highest', () => {
    const stochastic = newStochasticRounder(newRandomStream('saturation'));
    for (const format of formats) {
      const low = -powerOfTwo(format.nb - 1);
      const high = powerOfTwo(format.nb - 1) - theta(format);
      for (const rounder of [nearest, stochastic]) {
        for (const x of [low, low - theta(format) / 3, low * 4, -Infinity, -1e300]) {
          assert.equal(
            convertReal(x, format, rounder),
            minRaw(format),
            `${String(x)} in <${String(format.nb)},${String(format.fb)}>`,
          );
        }
        for (const x of [high, high + theta(format) / 3, -low, Infinity, 1e300]) {
          assert.equal(
            convertReal(x, format, rounder),
            maxRaw(format),
            `${String(x)} in <${String(format.nb)},${String(format.fb)}>`,
          );
        }
      }
      // Just inside the range, a tie goes to the even word below the (odd) highest.
      assert.equal(convertReal(high - theta(format) / 2, format, nearest), maxRaw(format) - 1);
    }
  });

  it('saturates exact ratios the same way, also beyond 2^53', () => {
    const format = fixedFormat(4, 12);
    assert.equal(convertRatio(40000, 1, format, nearest), 32767);
    assert.equal(convertRatio(-40000, 1, format, nearest), -32768);
    assert.equal(convertRatio(2n ** 80n, 3n, format, nearest), 32767);
    assert.equal(convertRatio(-(2n ** 80n), 3, format, nearest), -32768);
  });

  it('rejects NaN with DEURO_FIXED_NOT_FINITE', () => {
    assert.throws(
      () => convertReal(Number.NaN, fixedFormat(4, 12), nearest),
      (error: unknown) => isFixedPointError(error, 'DEURO_FIXED_NOT_FINITE'),
    );
  });
});

describe('Convert: round to nearest', () => {
  it('is within theta/2 of every real inside the range', () => {
    for (const format of formats) {
      for (const x of sampleReals(format, 2000, `rn-${String(format.nb)}-${String(format.fb)}`)) {
        const raw = convertReal(x, format, nearest);
        if (raw === minRaw(format) || raw === maxRaw(format)) {
          continue;
        }
        assert.ok(
          Math.abs(raw * theta(format) - x) <= theta(format) / 2,
          `${String(x)} -> ${String(raw)}`,
        );
      }
    }
  });

  it('sends ties to the even word', () => {
    const format = fixedFormat(4, 0);
    assert.deepEqual(
      [0.5, 1.5, 2.5, -0.5, -1.5, -2.5].map((x) => convertReal(x, format, nearest)),
      [0, 2, 2, 0, -2, -2],
    );
    assert.deepEqual(
      [1, 3, 5, -1, -3, -5].map((z) => convertRatio(z, 2, format, nearest)),
      [0, 2, 2, 0, -2, -2],
    );
    assert.equal(convertRatio(3n * 2n ** 60n, 2n ** 61n, format, nearest), 2);
  });

  it('agrees with exact bigint division on random ratios, narrow and wide', () => {
    const stream = newRandomStream('ratio-reference');
    const format = fixedFormat(32, 0);
    for (let trial = 0; trial < 3000; trial += 1) {
      const wide = trial % 2 === 0;
      const numerator = wide
        ? (BigInt(stream.nextUint32()) << 31n) - (BigInt(stream.nextUint32()) << 20n)
        : BigInt(stream.nextBelow(0x7fffffff)) * BigInt(stream.nextBelow(1 << 20)) - (1n << 50n);
      const divisor = BigInt(1 + stream.nextBelow(wide ? 0xffffffff : 1 << 20)) * (wide ? 4n : 1n);
      const expected = referenceNearest(numerator, divisor);
      const asNumber = Number(numerator);
      const given =
        Number.isSafeInteger(asNumber) && Number.isSafeInteger(Number(divisor))
          ? asNumber
          : numerator;
      assert.equal(
        convertRatio(given, Number(divisor), format, nearest),
        expected,
        `${String(numerator)} / ${String(divisor)}`,
      );
    }
  });
});

describe('Convert: stochastic rounding', () => {
  it('gives floor(x) or floor(x) + theta, and exact values unchanged', () => {
    const rounder = newStochasticRounder(newRandomStream('sr-neighbours'));
    for (const format of formats) {
      for (const x of sampleReals(format, 2000, `sr-${String(format.nb)}-${String(format.fb)}`)) {
        const raw = convertReal(x, format, rounder);
        const floor = Math.floor(x * powerOfTwo(format.fb));
        if (raw !== minRaw(format) && raw !== maxRaw(format)) {
          assert.ok(raw === floor || raw === floor + 1, `${String(x)} -> ${String(raw)}`);
        }
      }
      assert.equal(convertReal(3 * theta(format), format, rounder), Math.min(3, maxRaw(format)));
    }
  });

  it('is unbiased: the mean of 40000 roundings is x within 5 standard errors', () => {
    const format = fixedFormat(4, 12);
    const t = theta(format);
    for (const [name, x] of [
      ['quarter', 0.25 * t + 1],
      ['tiny', 0.01 * t],
      ['negative', -3.7 * t - 0.5],
      ['almost-one', 0.999 * t],
    ] as const) {
      const rounder = newStochasticRounder(newRandomStream(`sr-mean-${name}`));
      const count = 40000;
      let sum = 0;
      for (let draw = 0; draw < count; draw += 1) {
        sum += convertReal(x, format, rounder);
      }
      const fraction = x / t - Math.floor(x / t);
      const standardError = Math.sqrt((fraction * (1 - fraction)) / count);
      const bias = Math.abs(sum / count - x / t);
      assert.ok(
        bias <= 5 * standardError,
        `${name}: bias ${String(bias)} theta, 5 sigma = ${String(5 * standardError)}`,
      );
    }
  });

  it('rounds exact ratios up with probability remainder / divisor, also for wide divisors', () => {
    const format = fixedFormat(32, 0);
    const rounder = newStochasticRounder(newRandomStream('sr-ratio'));
    const count = 20000;
    for (const [numerator, divisor, expected] of [
      [7, 10, 0.7],
      [-1, 3, 2 / 3],
      [2n ** 60n + 2n ** 58n, 2n ** 60n, 0.25],
      [2 ** 40 + 2 ** 37, 2 ** 40, 0.125],
    ] as const) {
      let ups = 0;
      const floor = Number(BigInt(numerator) / BigInt(divisor)) - (BigInt(numerator) < 0n ? 1 : 0);
      for (let draw = 0; draw < count; draw += 1) {
        const raw = convertRatio(numerator, divisor, format, rounder);
        assert.ok(raw === floor || raw === floor + 1);
        ups += raw - floor;
      }
      const sigma = Math.sqrt((expected * (1 - expected)) / count);
      assert.ok(
        Math.abs(ups / count - expected) <= 5 * sigma,
        `${String(numerator)}/${String(divisor)}: ${String(ups / count)}`,
      );
    }
  });

  it('draws the same words from the same stream name', () => {
    const format = fixedFormat(2, 14);
    const reals = sampleReals(format, 500, 'sr-repeat-values');
    const run = (): number[] => {
      const rounder = newStochasticRounder(newRandomStream('task-1/trial-1/step-7'));
      return reals.map((x) => convertReal(x, format, rounder));
    };
    assert.deepEqual(run(), run());
  });
});

describe('convertRaw', () => {
  it('is exact towards more fractional bits and rounds once towards fewer', () => {
    const from = fixedFormat(4, 12);
    assert.equal(convertRaw(-4097, from, fixedFormat(8, 24), nearest), -4097 * 4096);
    assert.equal(convertRaw(6, from, fixedFormat(6, 10), nearest), 2); // 1.5 -> 2 (even)
    assert.equal(convertRaw(10, from, fixedFormat(6, 10), nearest), 2); // 2.5 -> 2 (even)
    assert.equal(convertRaw(32767, from, fixedFormat(2, 14), nearest), 32767); // saturates
  });
});
