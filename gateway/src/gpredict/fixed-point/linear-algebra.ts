/*
 * Products of fixed-point tensors, each output word made by the white paper's split
 * multiply-accumulate: z = sum a_i b_i (+ bias) exactly (exact-dot.ts), then ONE Convert to the
 * output format. Output words are produced in row-major order, which is also the order in which
 * a stochastic rounder draws, so a given stream gives the same words everywhere.
 */
import { type Accumulation, chooseAccumulation, exactDotAt } from './exact-dot.js';
import { type ExactInteger, addExact, multiplyExact } from './exact-integer.js';
import { type FixedFormat, checkFixedFormat, wordLength } from './fixed-format.js';
import { FixedPointError } from './fixed-point-error.js';
import { type FixedScalar, type FixedTensor, tensorOf } from './fixed-tensor.js';
import { alignExact, planRatioConversion } from './ratio-conversion.js';
import type { Rounder } from './rounding.js';

/** Options of {@link fixedMatmul}. */
export interface MatmulOptions {
  /** Multiply by the transpose of `a`. Default false. */
  readonly transposeA?: boolean;
  /** Multiply by the transpose of `b`. Default false. */
  readonly transposeB?: boolean;
  /** A vector added to every row of the product before the conversion, in any format. */
  readonly bias?: FixedTensor;
  /**
   * A positive integer (at most 2^31) every exact sum is divided by before the one conversion,
   * such as a batch size for a mean. Default 1.
   */
  readonly divisor?: number;
}

interface Operand {
  readonly data: Int32Array;
  /** Offset of element (i, 0). */
  readonly rowStep: number;
  /** Distance between elements (i, k) and (i, k + 1). */
  readonly innerStep: number;
}

interface ProductPlan {
  readonly rows: number;
  readonly columns: number;
  readonly inner: number;
  readonly left: Operand;
  readonly right: Operand;
  readonly accumulation: Accumulation;
}

/**
 * op(a) * op(b) (+ bias per row) (/ divisor), each word converted once to `format`.
 * @throws FixedPointError `DEURO_FIXED_SHAPE_MISMATCH` when the shapes do not chain or the bias
 * length differs from the column count, `DEURO_FIXED_INVALID_ARGUMENT` for a non-matrix or a bad
 * divisor, `DEURO_FIXED_INVALID_FORMAT` for a bad format.
 */
export function fixedMatmul(
  a: FixedTensor,
  b: FixedTensor,
  format: FixedFormat,
  rounder: Rounder,
  options: MatmulOptions = {},
): FixedTensor {
  const plan = planMatmul(a, b, options.transposeA ?? false, options.transposeB ?? false);
  return runProduct(plan, a.format, b.format, format, rounder, options, [plan.rows, plan.columns]);
}

function planMatmul(
  a: FixedTensor,
  b: FixedTensor,
  transposeA: boolean,
  transposeB: boolean,
): ProductPlan {
  const [aRows, aColumns] = matrixShape(a, 'a');
  const [bRows, bColumns] = matrixShape(b, 'b');
  const left = transposeA
    ? { rows: aColumns, inner: aRows, operand: { data: a.data, rowStep: 1, innerStep: aColumns } }
    : { rows: aRows, inner: aColumns, operand: { data: a.data, rowStep: aColumns, innerStep: 1 } };
  // Column j of op(b) is row j of op(b)^T: described like the left operand.
  const right = transposeB
    ? {
        columns: bRows,
        inner: bColumns,
        operand: { data: b.data, rowStep: bColumns, innerStep: 1 },
      }
    : {
        columns: bColumns,
        inner: bRows,
        operand: { data: b.data, rowStep: 1, innerStep: bColumns },
      };
  if (left.inner !== right.inner) {
    throw new FixedPointError(
      'DEURO_FIXED_SHAPE_MISMATCH',
      `op(a) is ${String(left.rows)}x${String(left.inner)} but op(b) is ${String(right.inner)}x${String(right.columns)}`,
      'b.shape',
    );
  }
  return {
    rows: left.rows,
    columns: right.columns,
    inner: left.inner,
    left: left.operand,
    right: right.operand,
    accumulation: chooseAccumulation(wordLength(a.format), wordLength(b.format), left.inner),
  };
}

/**
 * m * v (+ bias) (/ divisor) for a matrix m [rows, columns] and a vector v [columns].
 * @throws FixedPointError as {@link fixedMatmul}.
 */
export function fixedMatvec(
  m: FixedTensor,
  v: FixedTensor,
  format: FixedFormat,
  rounder: Rounder,
  options: Pick<MatmulOptions, 'bias' | 'divisor'> = {},
): FixedTensor {
  const [rows, columns] = matrixShape(m, 'm');
  const length = vectorLength(v, 'v');
  if (length !== columns) {
    throw new FixedPointError(
      'DEURO_FIXED_SHAPE_MISMATCH',
      `m has ${String(columns)} columns but v has ${String(length)} elements`,
      'v.shape',
    );
  }
  const plan: ProductPlan = {
    rows: 1,
    columns: rows,
    inner: columns,
    left: { data: v.data, rowStep: 0, innerStep: 1 },
    right: { data: m.data, rowStep: columns, innerStep: 1 },
    accumulation: chooseAccumulation(wordLength(m.format), wordLength(v.format), columns),
  };
  return runProduct(plan, v.format, m.format, format, rounder, options, [rows]);
}

/**
 * The inner product a . b of two vectors as one raw word of `format`.
 * @throws FixedPointError `DEURO_FIXED_SHAPE_MISMATCH` when the lengths differ.
 */
export function fixedDot(
  a: FixedTensor,
  b: FixedTensor,
  format: FixedFormat,
  rounder: Rounder,
): number {
  const length = vectorLength(a, 'a');
  if (vectorLength(b, 'b') !== length) {
    throw new FixedPointError(
      'DEURO_FIXED_SHAPE_MISMATCH',
      `a has ${String(length)} elements but b has ${String(b.data.length)}`,
      'b.shape',
    );
  }
  const plan: ProductPlan = {
    rows: 1,
    columns: 1,
    inner: length,
    left: { data: a.data, rowStep: 0, innerStep: 1 },
    right: { data: b.data, rowStep: 0, innerStep: 1 },
    accumulation: chooseAccumulation(wordLength(a.format), wordLength(b.format), length),
  };
  return runProduct(plan, a.format, b.format, format, rounder, {}, [1]).data[0] ?? 0;
}

/**
 * alpha * x + y, elementwise, each word converted once to `format` (alpha * x_i + y_i is exact
 * before the conversion). x and y have the same shape.
 * @throws FixedPointError `DEURO_FIXED_SHAPE_MISMATCH` when the shapes differ.
 */
export function fixedAxpy(
  alpha: FixedScalar,
  x: FixedTensor,
  y: FixedTensor,
  format: FixedFormat,
  rounder: Rounder,
): FixedTensor {
  checkSameShape(x, y, 'y');
  const out = checkFixedFormat(format, 'format');
  const productScale = alpha.format.fb + x.format.fb;
  const scale = Math.max(productScale, y.format.fb);
  const productShift = scale - productScale;
  const yShift = scale - y.format.fb;
  const conversion = planRatioConversion(scale, 1, out, rounder);
  const result = new Int32Array(x.data.length);
  for (let index = 0; index < result.length; index += 1) {
    const product = alignExact(multiplyExact(alpha.raw, x.data[index] ?? 0), productShift);
    result[index] = conversion.convert(addExact(product, alignExact(y.data[index] ?? 0, yShift)));
  }
  return tensorOf(out, x.shape, result);
}

function runProduct(
  plan: ProductPlan,
  leftFormat: FixedFormat,
  rightFormat: FixedFormat,
  format: FixedFormat,
  rounder: Rounder,
  options: Pick<MatmulOptions, 'bias' | 'divisor'>,
  shape: readonly number[],
): FixedTensor {
  const out = checkFixedFormat(format, 'format');
  const productScale = leftFormat.fb + rightFormat.fb;
  const scale = Math.max(productScale, options.bias?.format.fb ?? 0);
  const productShift = scale - productScale;
  const alignedBias = alignBias(options.bias, plan.columns, scale);
  const conversion = planRatioConversion(scale, options.divisor ?? 1, out, rounder);
  const { rows, columns, inner, left, right, accumulation } = plan;
  const result = new Int32Array(rows * columns);
  for (let row = 0; row < rows; row += 1) {
    for (let column = 0; column < columns; column += 1) {
      const z = exactDotAt(
        left.data,
        row * left.rowStep,
        left.innerStep,
        right.data,
        column * right.rowStep,
        right.innerStep,
        inner,
        accumulation,
      );
      result[row * columns + column] = conversion.convert(
        addExact(productShift === 0 ? z : alignExact(z, productShift), alignedBias[column] ?? 0),
      );
    }
  }
  return tensorOf(out, shape, result);
}

/** The bias words at scale 2^scale, or nothing. */
function alignBias(bias: FixedTensor | undefined, columns: number, scale: number): ExactInteger[] {
  if (bias === undefined) {
    return [];
  }
  if (vectorLength(bias, 'bias') !== columns) {
    throw new FixedPointError(
      'DEURO_FIXED_SHAPE_MISMATCH',
      `bias has ${String(bias.data.length)} elements, the product has ${String(columns)} columns`,
      'bias.shape',
    );
  }
  return Array.from(bias.data, (raw) => alignExact(raw, scale - bias.format.fb));
}

/**
 * [rows, columns] of a matrix.
 * @throws FixedPointError `DEURO_FIXED_INVALID_ARGUMENT` naming `field` when it is not one.
 */
export function matrixShape(tensor: FixedTensor, field: string): [number, number] {
  const [rows, columns] = tensor.shape;
  if (tensor.shape.length !== 2 || rows === undefined || columns === undefined) {
    throw new FixedPointError(
      'DEURO_FIXED_INVALID_ARGUMENT',
      `${field} must be a matrix, got shape [${tensor.shape.join(', ')}]`,
      `${field}.shape`,
    );
  }
  return [rows, columns];
}

function vectorLength(tensor: FixedTensor, field: string): number {
  const [length] = tensor.shape;
  if (tensor.shape.length !== 1 || length === undefined) {
    throw new FixedPointError(
      'DEURO_FIXED_INVALID_ARGUMENT',
      `${field} must be a vector, got shape [${tensor.shape.join(', ')}]`,
      `${field}.shape`,
    );
  }
  return length;
}

/**
 * Throws unless `b` has the shape of `a`.
 * @throws FixedPointError `DEURO_FIXED_SHAPE_MISMATCH` naming `field`.
 */
export function checkSameShape(a: FixedTensor, b: FixedTensor, field: string): void {
  if (
    a.shape.length !== b.shape.length ||
    a.shape.some((extent, axis) => b.shape[axis] !== extent)
  ) {
    throw new FixedPointError(
      'DEURO_FIXED_SHAPE_MISMATCH',
      `${field} has shape [${b.shape.join(', ')}], expected [${a.shape.join(', ')}]`,
      `${field}.shape`,
    );
  }
}
