import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { newRandomStream } from '../random/index.js';
import { type FixedFormat, fixedFormat, maxRaw, minRaw, powerOfTwo } from './fixed-format.js';
import { isFixedPointError } from './fixed-point-error.js';
import { type FixedTensor, fixedScalar, newFixedTensor } from './fixed-tensor.js';
import { fixedAxpy, fixedDot, fixedMatmul, fixedMatvec } from './linear-algebra.js';
import { newNearestRounder, newStochasticRounder } from './rounding.js';

const nearest = newNearestRounder();

/** Random words of `format`, over the whole range or within +-`magnitude` raw units. */
function randomTensor(
  format: FixedFormat,
  shape: number[],
  name: string,
  magnitude?: number,
): FixedTensor {
  const stream = newRandomStream(name);
  const size = shape.reduce((product, extent) => product * extent, 1);
  const low = magnitude === undefined ? minRaw(format) : -magnitude;
  const span = (magnitude === undefined ? maxRaw(format) : magnitude) - low + 1;
  return newFixedTensor(
    format,
    shape,
    Array.from({ length: size }, () => low + stream.nextBelow(span)),
  );
}

/** Convert(numerator / denominator) to nearest, ties to even, saturated: the bigint reference. */
function referenceNearest(numerator: bigint, denominator: bigint, format: FixedFormat): number {
  let quotient = numerator / denominator;
  let remainder = numerator % denominator;
  if (remainder < 0n) {
    quotient -= 1n;
    remainder += denominator;
  }
  if (2n * remainder > denominator || (2n * remainder === denominator && quotient % 2n !== 0n)) {
    quotient += 1n;
  }
  const low = BigInt(minRaw(format));
  const high = BigInt(maxRaw(format));
  return Number(quotient < low ? low : quotient > high ? high : quotient);
}

function at(tensor: FixedTensor, row: number, column: number, transposed: boolean): bigint {
  const columns = tensor.shape[1] ?? 0;
  return BigInt(tensor.data[transposed ? column * columns + row : row * columns + column] ?? 0);
}

interface ProductCase {
  readonly a: FixedTensor;
  readonly b: FixedTensor;
  readonly bias: FixedTensor;
  readonly divisor: number;
  readonly transposeA: boolean;
  readonly transposeB: boolean;
  readonly out: FixedFormat;
}

/** Word (row, column) of op(a) op(b) + bias over divisor, from bigints. */
function expectedWord(product: ProductCase, row: number, column: number): number {
  const { a, b, bias, divisor, out } = product;
  const scale = Math.max(a.format.fb + b.format.fb, bias.format.fb);
  let sum = 0n;
  for (let k = 0; k < (a.shape[product.transposeA ? 0 : 1] ?? 0); k += 1) {
    sum += at(a, row, k, product.transposeA) * at(b, k, column, product.transposeB);
  }
  sum <<= BigInt(scale - a.format.fb - b.format.fb);
  sum += BigInt(bias.data[column] ?? 0) << BigInt(scale - bias.format.fb);
  const shift = out.fb - scale;
  return shift >= 0
    ? referenceNearest(sum << BigInt(shift), BigInt(divisor), out)
    : referenceNearest(sum, BigInt(divisor) << BigInt(-shift), out);
}

describe('fixedMatmul', () => {
  it('is the exact product plus bias over divisor, converted once, for every transpose and width', () => {
    const cases = [
      {
        a: fixedFormat(4, 12),
        b: fixedFormat(4, 12),
        out: fixedFormat(4, 12),
        bias: fixedFormat(4, 12),
      },
      {
        a: fixedFormat(2, 14),
        b: fixedFormat(6, 10),
        out: fixedFormat(6, 10),
        bias: fixedFormat(8, 24),
      },
      {
        a: fixedFormat(8, 24),
        b: fixedFormat(1, 31),
        out: fixedFormat(16, 16),
        bias: fixedFormat(8, 24),
      },
      {
        a: fixedFormat(32, 0),
        b: fixedFormat(32, 0),
        out: fixedFormat(32, 0),
        bias: fixedFormat(32, 0),
      },
    ];
    for (const [caseIndex, formats] of cases.entries()) {
      for (const transposeA of [false, true]) {
        for (const transposeB of [false, true]) {
          const a = randomTensor(
            formats.a,
            transposeA ? [7, 5] : [5, 7],
            `mm-a-${String(caseIndex)}`,
          );
          const b = randomTensor(
            formats.b,
            transposeB ? [3, 7] : [7, 3],
            `mm-b-${String(caseIndex)}`,
          );
          const bias = randomTensor(formats.bias, [3], `mm-bias-${String(caseIndex)}`);
          const divisor = 3;
          const product = fixedMatmul(a, b, formats.out, nearest, {
            transposeA,
            transposeB,
            bias,
            divisor,
          });
          assert.deepEqual(product.shape, [5, 3]);
          for (let row = 0; row < 5; row += 1) {
            for (let column = 0; column < 3; column += 1) {
              assert.equal(
                product.data[row * 3 + column],
                expectedWord(
                  { a, b, bias, divisor, transposeA, transposeB, out: formats.out },
                  row,
                  column,
                ),
                `case ${String(caseIndex)} (${String(row)}, ${String(column)})`,
              );
            }
          }
        }
      }
    }
  });

  it('rounds the exact sum once, not each product', () => {
    // Each product is 0.375 theta: rounded one by one they would all vanish.
    const format = fixedFormat(4, 4);
    const a = newFixedTensor(format, [1, 8], new Array<number>(8).fill(3)); // 3/16
    const b = newFixedTensor(format, [8, 1], new Array<number>(8).fill(2)); // 2/16
    assert.deepEqual([...fixedMatmul(a, b, format, nearest).data], [3]); // 8 * 6/256 = 3/16
  });

  it('rejects shapes that do not chain, naming the operand', () => {
    const format = fixedFormat(4, 12);
    const a = newFixedTensor(format, [2, 3]);
    assert.throws(
      () => fixedMatmul(a, newFixedTensor(format, [2, 3]), format, nearest),
      (error: unknown) =>
        isFixedPointError(error, 'DEURO_FIXED_SHAPE_MISMATCH') && error.field === 'b.shape',
    );
    assert.throws(
      () => fixedMatmul(a, newFixedTensor(format, [3]), format, nearest),
      (error: unknown) =>
        isFixedPointError(error, 'DEURO_FIXED_INVALID_ARGUMENT') && error.field === 'b.shape',
    );
    assert.throws(
      () =>
        fixedMatmul(a, newFixedTensor(format, [3, 2]), format, nearest, {
          bias: newFixedTensor(format, [3]),
        }),
      (error: unknown) =>
        isFixedPointError(error, 'DEURO_FIXED_SHAPE_MISMATCH') && error.field === 'bias.shape',
    );
    assert.throws(
      () => fixedMatmul(a, newFixedTensor(format, [3, 2]), format, nearest, { divisor: 0 }),
      (error: unknown) =>
        isFixedPointError(error, 'DEURO_FIXED_INVALID_ARGUMENT') && error.field === 'divisor',
    );
  });

  it('gives the same words for the same stochastic stream', () => {
    const format = fixedFormat(4, 12);
    const a = randomTensor(format, [6, 9], 'sr-mm-a', 4096);
    const b = randomTensor(format, [9, 4], 'sr-mm-b', 4096);
    const run = (name: string): number[] => [
      ...fixedMatmul(a, b, format, newStochasticRounder(newRandomStream(name))).data,
    ];
    assert.deepEqual(run('task/trial/step-1'), run('task/trial/step-1'));
    assert.notDeepEqual(run('task/trial/step-1'), run('task/trial/step-2'));
  });
});

describe('fixedMatvec and fixedDot', () => {
  it('agree with fixedMatmul', () => {
    const format = fixedFormat(6, 10);
    const m = randomTensor(format, [4, 6], 'mv-m');
    const v = randomTensor(format, [6], 'mv-v');
    const bias = randomTensor(format, [4], 'mv-bias');
    const asColumn = newFixedTensor(format, [6, 1], v.data);
    const viaMatmul = fixedMatmul(m, asColumn, format, nearest, { bias: undefined });
    const viaMatvec = fixedMatvec(m, v, format, nearest);
    assert.deepEqual([...viaMatvec.data], [...viaMatmul.data]);
    const withBias = fixedMatvec(m, v, format, nearest, { bias });
    const viaRow = fixedMatmul(newFixedTensor(format, [1, 6], v.data), m, format, nearest, {
      transposeB: true,
      bias,
    });
    assert.deepEqual([...withBias.data], [...viaRow.data]);
    const row = newFixedTensor(format, [6], m.data.subarray(6, 12));
    assert.equal(fixedDot(row, v, format, nearest), viaMatvec.data[1]);
  });
});

describe('fixedAxpy', () => {
  it('computes alpha * x + y exactly before one conversion', () => {
    const format = fixedFormat(4, 12);
    const alpha = fixedScalar(-0.1, fixedFormat(8, 24));
    const x = randomTensor(format, [50], 'axpy-x');
    const y = randomTensor(format, [50], 'axpy-y');
    const result = fixedAxpy(alpha, x, y, format, nearest);
    for (let index = 0; index < 50; index += 1) {
      const exact =
        BigInt(alpha.raw) * BigInt(x.data[index] ?? 0) + (BigInt(y.data[index] ?? 0) << 24n);
      assert.equal(result.data[index], referenceNearest(exact, 1n << 24n, format));
    }
    assert.equal(alpha.raw, Math.round(-0.1 * powerOfTwo(24)));
  });
});
