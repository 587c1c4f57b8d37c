import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  fixedAdd,
  fixedMultiply,
  fixedReformat,
  fixedRelu,
  fixedReluGradient,
  fixedSaturationGradient,
  fixedSubtract,
} from './elementwise.js';
import { fixedFormat } from './fixed-format.js';
import { isFixedPointError } from './fixed-point-error.js';
import { fixedFromReals, fixedToReals, newFixedTensor } from './fixed-tensor.js';
import { newNearestRounder } from './rounding.js';

const nearest = newNearestRounder();
const q4 = fixedFormat(4, 4);

describe('elementwise operations', () => {
  it('adds and subtracts across formats with one conversion and saturation', () => {
    const a = fixedFromReals([1.5, -7.5, 7], [3], q4, nearest);
    const b = fixedFromReals([0.25, -1, 2], [3], fixedFormat(8, 8), nearest);
    assert.deepEqual([...fixedToReals(fixedAdd(a, b, q4, nearest))], [1.75, -8, 7.9375]);
    assert.deepEqual([...fixedToReals(fixedSubtract(a, b, q4, nearest))], [1.25, -6.5, 5]);
  });

  it('multiplies elementwise, rounding the exact product once', () => {
    const a = fixedFromReals([0.5, 0.1875, -3], [3], q4, nearest);
    const b = fixedFromReals([0.5, 0.1875, 3], [3], q4, nearest);
    // 0.1875^2 = 0.03515625 = 0.5625 theta -> 1 theta; -9 saturates.
    assert.deepEqual([...fixedToReals(fixedMultiply(a, b, q4, nearest))], [0.25, 0.0625, -8]);
  });

  it('applies ReLU and masks gradients where the activation is not positive', () => {
    const pre = newFixedTensor(q4, [2, 2], [-3, 0, 5, 1]);
    const activation = fixedRelu(pre);
    assert.deepEqual([...activation.data], [0, 0, 5, 1]);
    const gradient = newFixedTensor(fixedFormat(2, 14), [2, 2], [7, 8, -9, 10]);
    const masked = fixedReluGradient(gradient, activation);
    assert.deepEqual([...masked.data], [0, 0, -9, 10]);
    assert.deepEqual(masked.format, gradient.format);
  });

  it('stops gradients that would push a saturated word further out', () => {
    // <4,4>: words from -128 to 127.
    const output = newFixedTensor(q4, [6], [127, 127, -128, -128, 5, 127]);
    const gradient = newFixedTensor(fixedFormat(2, 14), [6], [-3, 3, 4, -4, -5, 0]);
    assert.deepEqual([...fixedSaturationGradient(gradient, output).data], [0, 3, 0, -4, -5, 0]);
  });

  it('reformats exactly upwards and with one rounding downwards', () => {
    const a = newFixedTensor(fixedFormat(4, 12), [3], [6, 10, -6]);
    assert.deepEqual([...fixedReformat(a, fixedFormat(6, 10), nearest).data], [2, 2, -2]);
    assert.deepEqual([...fixedReformat(a, fixedFormat(2, 14), nearest).data], [24, 40, -24]);
  });

  it('rejects operands of different shapes', () => {
    assert.throws(
      () => fixedAdd(newFixedTensor(q4, [2]), newFixedTensor(q4, [3]), q4, nearest),
      (error: unknown) =>
        isFixedPointError(error, 'DEURO_FIXED_SHAPE_MISMATCH') && error.field === 'b.shape',
    );
    assert.throws(
      () => newFixedTensor(q4, [2], [0, 128]),
      (error: unknown) =>
        isFixedPointError(error, 'DEURO_FIXED_OUT_OF_RANGE') && error.field === 'data[1]',
    );
  });
});
