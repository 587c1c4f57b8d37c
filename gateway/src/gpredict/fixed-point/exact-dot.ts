/*
 * Exact inner products of raw words: z = sum a_i b_i with no rounding at all, so that the one
 * conversion after it is the only rounding (the white paper's split of the multiply-accumulate).
 *
 * A product of two words of WLa and WLb bits has magnitude up to 2^(WLa+WLb-2), and n of them up
 * to n * 2^(WLa+WLb-2). Two accumulations, chosen per operation by that bound:
 *
 * - `double`: plain double sums, exact while the bound is at most 2^53 (every 16-bit format up
 *   to 2^23 terms). The fastest.
 * - `split`: each 32-bit word split into a signed high and an unsigned low half-word; the four
 *   partial products (each below 2^32) are summed into three double limbs, which stay exact for
 *   2^20 terms, and are folded into a bigint every 2^20 terms and at the end. Exact for every
 *   format and length. bench/fixed-point measures it against a bigint per term (see
 *   docs/gpredict-training.md): the split limbs are several times faster.
 */
import { type ExactInteger, normalizeExact } from './exact-integer.js';
import { powerOfTwo } from './fixed-format.js';

/** How an exact sum of products is accumulated. */
export type Accumulation = 'double' | 'split';

/** One operand of a dot product: elements of `data` from `offset`, `stride` apart. */
export interface StridedWords {
  readonly data: Int32Array;
  readonly offset: number;
  readonly stride: number;
}

const SPLIT_CHUNK = 0x100000;

/**
 * The fastest exact accumulation for `terms` products of words of `wordLengthA` and
 * `wordLengthB` bits: `double` when terms * 2^(WLa+WLb-2) <= 2^53, else `split`.
 */
export function chooseAccumulation(
  wordLengthA: number,
  wordLengthB: number,
  terms: number,
): Accumulation {
  const productBits = wordLengthA + wordLengthB - 2;
  return productBits <= 53 && terms <= powerOfTwo(53 - productBits) ? 'double' : 'split';
}

/** sum over i < length of a_i * b_i, exactly, by `accumulation` (see {@link chooseAccumulation}). */
export function exactDot(
  a: StridedWords,
  b: StridedWords,
  length: number,
  accumulation: Accumulation,
): ExactInteger {
  return accumulation === 'double'
    ? doubleDot(a.data, a.offset, a.stride, b.data, b.offset, b.stride, length)
    : splitDot(a.data, a.offset, a.stride, b.data, b.offset, b.stride, length);
}

/**
 * {@link exactDot} over positional operands, for the kernels' inner loops (no object per
 * element).
 */
export function exactDotAt(
  aData: Int32Array,
  aOffset: number,
  aStride: number,
  bData: Int32Array,
  bOffset: number,
  bStride: number,
  length: number,
  accumulation: Accumulation,
): ExactInteger {
  return accumulation === 'double'
    ? doubleDot(aData, aOffset, aStride, bData, bOffset, bStride, length)
    : splitDot(aData, aOffset, aStride, bData, bOffset, bStride, length);
}

function doubleDot(
  aData: Int32Array,
  aOffset: number,
  aStride: number,
  bData: Int32Array,
  bOffset: number,
  bStride: number,
  length: number,
): ExactInteger {
  let aIndex = aOffset;
  let bIndex = bOffset;
  let sum = 0;
  for (let term = 0; term < length; term += 1) {
    sum += (aData[aIndex] ?? 0) * (bData[bIndex] ?? 0);
    aIndex += aStride;
    bIndex += bStride;
  }
  // The bound allows exactly 2^53, which a number may not stand for.
  return sum < 9007199254740992 && sum > -9007199254740992 ? sum : BigInt(sum);
}

function splitDot(
  aData: Int32Array,
  aOffset: number,
  aStride: number,
  bData: Int32Array,
  bOffset: number,
  bStride: number,
  length: number,
): ExactInteger {
  let aIndex = aOffset;
  let bIndex = bOffset;
  let total = 0n;
  let low = 0;
  let middle = 0;
  let high = 0;
  let pending = 0;
  for (let term = 0; term < length; term += 1) {
    const x = aData[aIndex] ?? 0;
    const y = bData[bIndex] ?? 0;
    const xLow = x & 0xffff;
    const xHigh = x >> 16;
    const yLow = y & 0xffff;
    const yHigh = y >> 16;
    low += xLow * yLow;
    middle += xLow * yHigh + xHigh * yLow;
    high += xHigh * yHigh;
    aIndex += aStride;
    bIndex += bStride;
    pending += 1;
    if (pending === SPLIT_CHUNK) {
      total += foldLimbs(low, middle, high);
      low = 0;
      middle = 0;
      high = 0;
      pending = 0;
    }
  }
  return normalizeExact(total + foldLimbs(low, middle, high));
}

function foldLimbs(low: number, middle: number, high: number): bigint {
  return (BigInt(high) << 32n) + (BigInt(middle) << 16n) + BigInt(low);
}

/**
 * sum over i < length of a_i * b_i with a bigint per term: the reference the fast
 * accumulations are tested and measured against.
 */
export function wideDot(a: StridedWords, b: StridedWords, length: number): bigint {
  let sum = 0n;
  for (let term = 0; term < length; term += 1) {
    sum +=
      BigInt(a.data[a.offset + term * a.stride] ?? 0) *
      BigInt(b.data[b.offset + term * b.stride] ?? 0);
  }
  return sum;
}
