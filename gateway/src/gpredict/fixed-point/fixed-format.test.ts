import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  fixedFormat,
  formatName,
  maxRaw,
  minRaw,
  powerOfTwo,
  rawToReal,
  theta,
  wordLength,
} from './fixed-format.js';
import { isFixedPointError } from './fixed-point-error.js';

describe('fixedFormat', () => {
  it('accepts <NB, FB> with NB >= 1, FB >= 0, NB + FB <= 32 and gives its word range', () => {
    const format = fixedFormat(4, 12);
    assert.equal(wordLength(format), 16);
    assert.equal(minRaw(format), -32768);
    assert.equal(maxRaw(format), 32767);
    assert.equal(theta(format), 1 / 4096);
    assert.equal(rawToReal(minRaw(format), format), -8);
    assert.equal(rawToReal(maxRaw(format), format), 8 - 1 / 4096);
    assert.equal(formatName(format), '<4,12>');
    assert.equal(maxRaw(fixedFormat(1, 31)), 2147483647);
    assert.equal(minRaw(fixedFormat(32, 0)), -2147483648);
    assert.equal(maxRaw(fixedFormat(1, 0)), 0);
  });

  it('rejects other formats with DEURO_FIXED_INVALID_FORMAT naming the field', () => {
    const cases: [number, number, string][] = [
      [0, 8, 'format.nb'],
      [2.5, 8, 'format.nb'],
      [33, 0, 'format.nb'],
      [4, -1, 'format.fb'],
      [4, 29, 'format.fb'],
      [4, Number.NaN, 'format.fb'],
    ];
    for (const [nb, fb, field] of cases) {
      assert.throws(
        () => fixedFormat(nb, fb),
        (error: unknown) =>
          isFixedPointError(error, 'DEURO_FIXED_INVALID_FORMAT') && error.field === field,
        `<${String(nb)},${String(fb)}>`,
      );
    }
  });
});

describe('powerOfTwo', () => {
  it('is exact from 2^-1022 to 2^1023', () => {
    assert.equal(powerOfTwo(0), 1);
    assert.equal(powerOfTwo(62), 4611686018427387904);
    assert.equal(powerOfTwo(-12), 0.000244140625);
    assert.equal(powerOfTwo(1023), Number.MAX_VALUE / (2 - Number.EPSILON));
    assert.equal(powerOfTwo(-1022), 2.2250738585072014e-308);
    assert.throws(
      () => powerOfTwo(-1023),
      (error: unknown) => isFixedPointError(error),
    );
    assert.equal(powerOfTwo(-1022) * powerOfTwo(1022), 1);
    assert.throws(
      () => powerOfTwo(1024),
      (error: unknown) => isFixedPointError(error),
    );
    assert.throws(
      () => powerOfTwo(0.5),
      (error: unknown) => isFixedPointError(error),
    );
  });
});
