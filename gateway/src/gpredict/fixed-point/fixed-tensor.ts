/*
 * Fixed-point tensors: raw words in an Int32Array, row-major, with their format and shape.
 * Vectors have shape [n], matrices [rows, columns]. The operations (linear-algebra.ts,
 * elementwise.ts) never change their operands; each returns a new tensor.
 */
import { convertReal } from './convert.js';
import { type FixedFormat, checkFixedFormat, maxRaw, minRaw, rawToReal } from './fixed-format.js';
import { FixedPointError } from './fixed-point-error.js';
import { type Rounder, newNearestRounder } from './rounding.js';

/** Raw words of one format, row-major. */
export interface FixedTensor {
  /** The format of every word. */
  readonly format: FixedFormat;
  /** [n] for a vector, [rows, columns] for a matrix. */
  readonly shape: readonly number[];
  /** The raw words (value * 2^FB), row-major. */
  readonly data: Int32Array;
}

/** A single fixed-point word, such as a learning rate. */
export interface FixedScalar {
  readonly format: FixedFormat;
  readonly raw: number;
}

/**
 * A tensor of `format` and `shape` holding `data` (copied), or zeros.
 * @throws FixedPointError `DEURO_FIXED_INVALID_ARGUMENT` for a bad shape,
 * `DEURO_FIXED_SHAPE_MISMATCH` when data has another length, `DEURO_FIXED_OUT_OF_RANGE` when a
 * raw is not a word of the format, `DEURO_FIXED_INVALID_FORMAT` for a bad format.
 */
export function newFixedTensor(
  format: FixedFormat,
  shape: readonly number[],
  data?: ArrayLike<number>,
): FixedTensor {
  const checked = checkFixedFormat(format, 'format');
  const size = shapeSize(shape, 'shape');
  if (data === undefined) {
    return tensorOf(checked, shape, new Int32Array(size));
  }
  if (data.length !== size) {
    throw new FixedPointError(
      'DEURO_FIXED_SHAPE_MISMATCH',
      `data has ${String(data.length)} words, shape [${shape.join(', ')}] needs ${String(size)}`,
      'data',
    );
  }
  const low = minRaw(checked);
  const high = maxRaw(checked);
  const words = new Int32Array(size);
  for (let index = 0; index < size; index += 1) {
    const raw = data[index] ?? Number.NaN;
    if (!Number.isInteger(raw) || raw < low || raw > high) {
      throw new FixedPointError(
        'DEURO_FIXED_OUT_OF_RANGE',
        `data[${String(index)}] = ${String(raw)} is not a raw word of <${String(checked.nb)},${String(checked.fb)}> ([${String(low)}, ${String(high)}])`,
        `data[${String(index)}]`,
      );
    }
    words[index] = raw;
  }
  return tensorOf(checked, shape, words);
}

/**
 * The reals `values` converted to `format` (Convert: rounding by `rounder`, saturation), in
 * index order.
 * @throws FixedPointError as {@link newFixedTensor}, and `DEURO_FIXED_NOT_FINITE` for a NaN.
 */
export function fixedFromReals(
  values: ArrayLike<number>,
  shape: readonly number[],
  format: FixedFormat,
  rounder: Rounder,
): FixedTensor {
  const tensor = newFixedTensor(format, shape);
  if (values.length !== tensor.data.length) {
    throw new FixedPointError(
      'DEURO_FIXED_SHAPE_MISMATCH',
      `values has ${String(values.length)} elements, shape [${shape.join(', ')}] needs ${String(tensor.data.length)}`,
      'values',
    );
  }
  for (let index = 0; index < values.length; index += 1) {
    tensor.data[index] = convertReal(values[index] ?? Number.NaN, tensor.format, rounder);
  }
  return tensor;
}

/** The real values of a tensor's words (exact). */
export function fixedToReals(tensor: FixedTensor): Float64Array {
  const reals = new Float64Array(tensor.data.length);
  for (let index = 0; index < reals.length; index += 1) {
    reals[index] = rawToReal(tensor.data[index] ?? 0, tensor.format);
  }
  return reals;
}

/** A tensor over existing words, unchecked: for operations whose results are words by construction. */
export function tensorOf(
  format: FixedFormat,
  shape: readonly number[],
  data: Int32Array,
): FixedTensor {
  return Object.freeze({ format, shape: Object.freeze([...shape]), data });
}

/**
 * The number of elements of `shape`.
 * @throws FixedPointError `DEURO_FIXED_INVALID_ARGUMENT` naming `field` unless the shape is one
 * or two non-negative integers.
 */
export function shapeSize(shape: readonly number[], field: string): number {
  if (
    shape.length < 1 ||
    shape.length > 2 ||
    !shape.every((extent) => Number.isInteger(extent) && extent >= 0)
  ) {
    throw new FixedPointError(
      'DEURO_FIXED_INVALID_ARGUMENT',
      `${field} must be [n] or [rows, columns] of non-negative integers, got [${shape.join(', ')}]`,
      field,
    );
  }
  return shape.reduce((product, extent) => product * extent, 1);
}

/**
 * The word of `format` for the real `value`, rounded to nearest (ties to even), saturated.
 * @throws FixedPointError `DEURO_FIXED_NOT_FINITE` for NaN, `DEURO_FIXED_INVALID_FORMAT`.
 */
export function fixedScalar(value: number, format: FixedFormat): FixedScalar {
  const checked = checkFixedFormat(format, 'format');
  return Object.freeze({ format: checked, raw: convertReal(value, checked, newNearestRounder()) });
}
