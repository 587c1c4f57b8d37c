/*
 * Elementwise operations on fixed-point tensors of one shape. Sums, differences and products
 * are exact before their one conversion to the output format; ReLU and its gradient mask are
 * exact and keep the format.
 */
import { convertRaw } from './convert.js';
import { type ExactInteger, addExact, multiplyExact } from './exact-integer.js';
import { type FixedFormat, checkFixedFormat, maxRaw, minRaw } from './fixed-format.js';
import { type FixedTensor, tensorOf } from './fixed-tensor.js';
import { checkSameShape } from './linear-algebra.js';
import { alignExact, planRatioConversion } from './ratio-conversion.js';
import type { Rounder } from './rounding.js';

/**
 * a + b, each word converted once to `format`.
 * @throws FixedPointError `DEURO_FIXED_SHAPE_MISMATCH` when the shapes differ.
 */
export function fixedAdd(
  a: FixedTensor,
  b: FixedTensor,
  format: FixedFormat,
  rounder: Rounder,
): FixedTensor {
  return combine(a, b, format, rounder, 1);
}

/**
 * a - b, each word converted once to `format`.
 * @throws FixedPointError `DEURO_FIXED_SHAPE_MISMATCH` when the shapes differ.
 */
export function fixedSubtract(
  a: FixedTensor,
  b: FixedTensor,
  format: FixedFormat,
  rounder: Rounder,
): FixedTensor {
  return combine(a, b, format, rounder, -1);
}

/**
 * The elementwise (Hadamard) product a * b, each word converted once to `format`.
 * @throws FixedPointError `DEURO_FIXED_SHAPE_MISMATCH` when the shapes differ.
 */
export function fixedMultiply(
  a: FixedTensor,
  b: FixedTensor,
  format: FixedFormat,
  rounder: Rounder,
): FixedTensor {
  checkSameShape(a, b, 'b');
  const out = checkFixedFormat(format, 'format');
  const conversion = planRatioConversion(a.format.fb + b.format.fb, 1, out, rounder);
  const result = new Int32Array(a.data.length);
  for (let index = 0; index < result.length; index += 1) {
    result[index] = conversion.convert(multiplyExact(a.data[index] ?? 0, b.data[index] ?? 0));
  }
  return tensorOf(out, a.shape, result);
}

/** max(0, a), exact, in the format of `a`. */
export function fixedRelu(a: FixedTensor): FixedTensor {
  const result = new Int32Array(a.data.length);
  for (let index = 0; index < result.length; index += 1) {
    const raw = a.data[index] ?? 0;
    result[index] = raw > 0 ? raw : 0;
  }
  return tensorOf(a.format, a.shape, result);
}

/**
 * The gradient through a ReLU: `gradient` where `activation` (the ReLU's output) is positive,
 * else 0; exact, in the format of `gradient`.
 * @throws FixedPointError `DEURO_FIXED_SHAPE_MISMATCH` when the shapes differ.
 */
export function fixedReluGradient(gradient: FixedTensor, activation: FixedTensor): FixedTensor {
  checkSameShape(gradient, activation, 'activation');
  const result = new Int32Array(gradient.data.length);
  for (let index = 0; index < result.length; index += 1) {
    result[index] = (activation.data[index] ?? 0) > 0 ? (gradient.data[index] ?? 0) : 0;
  }
  return tensorOf(gradient.format, gradient.shape, result);
}

/**
 * The gradient through Convert's saturation: `gradient` (dL/d`output`), except where `output`
 * sits at a bound of its format and descent (which moves it by -gradient) would push it further
 * out, where it is 0. A clipped word has no slope outwards; passing such gradients on (a
 * straight-through estimate) makes the weights behind it grow without effect until they
 * saturate too. Exact, in the format of `gradient`.
 * @throws FixedPointError `DEURO_FIXED_SHAPE_MISMATCH` when the shapes differ.
 */
export function fixedSaturationGradient(gradient: FixedTensor, output: FixedTensor): FixedTensor {
  checkSameShape(gradient, output, 'output');
  const high = maxRaw(output.format);
  const low = minRaw(output.format);
  const result = new Int32Array(gradient.data.length);
  for (let index = 0; index < result.length; index += 1) {
    const value = output.data[index] ?? 0;
    const slope = gradient.data[index] ?? 0;
    result[index] = (value === high && slope < 0) || (value === low && slope > 0) ? 0 : slope;
  }
  return tensorOf(gradient.format, gradient.shape, result);
}

/** `a` in another format: exact when `format` has at least as many fractional bits, else rounded once. */
export function fixedReformat(a: FixedTensor, format: FixedFormat, rounder: Rounder): FixedTensor {
  const out = checkFixedFormat(format, 'format');
  const result = new Int32Array(a.data.length);
  for (let index = 0; index < result.length; index += 1) {
    result[index] = convertRaw(a.data[index] ?? 0, a.format, out, rounder);
  }
  return tensorOf(out, a.shape, result);
}

function combine(
  a: FixedTensor,
  b: FixedTensor,
  format: FixedFormat,
  rounder: Rounder,
  sign: 1 | -1,
): FixedTensor {
  checkSameShape(a, b, 'b');
  const out = checkFixedFormat(format, 'format');
  const scale = Math.max(a.format.fb, b.format.fb);
  const aShift = scale - a.format.fb;
  const bShift = scale - b.format.fb;
  const conversion = planRatioConversion(scale, 1, out, rounder);
  const result = new Int32Array(a.data.length);
  for (let index = 0; index < result.length; index += 1) {
    const left: ExactInteger = alignExact(a.data[index] ?? 0, aShift);
    const right: ExactInteger = alignExact(sign * (b.data[index] ?? 0), bShift);
    result[index] = conversion.convert(addExact(left, right));
  }
  return tensorOf(out, a.shape, result);
}
