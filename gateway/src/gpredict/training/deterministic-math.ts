/*
 * exp and log from correctly rounded IEEE 754 operations only (+, -, *, /, Math.round), so
 * every machine computes the same bits. ECMAScript leaves Math.exp and Math.log to the
 * implementation, and C libraries differ in their last bits (and may fuse multiply-adds); a
 * trainer whose weights must hash the same everywhere cannot use them. Accuracy is a few ulps,
 * plenty for a softmax whose outputs are then rounded to 16-bit words.
 */

const LN2_HIGH = 6.9314718036912381649e-1; // ln 2 with its 21 low mantissa bits zero
const LN2_LOW = 1.90821492927058770002e-10; // ln 2 - LN2_HIGH
const INVERSE_LN2 = 1.442695040888963387;
const SQRT2 = 1.4142135623730951;
const TAYLOR_TERMS = 14;
const ATANH_TERMS = 12;

const bits = new DataView(new ArrayBuffer(8));

/** 2^k for an integer k in [-1022, 1023], from its bit pattern. */
function twoTo(k: number): number {
  bits.setUint32(0, (k + 1023) * 0x100000);
  bits.setUint32(4, 0);
  return bits.getFloat64(0);
}

/** e^x, deterministic; 0 below -708, Infinity above 709. */
export function deterministicExp(x: number): number {
  if (Number.isNaN(x)) {
    return Number.NaN;
  }
  if (x > 709) {
    return Number.POSITIVE_INFINITY;
  }
  if (x < -708) {
    return 0;
  }
  // x = k ln 2 + r with |r| <= ln 2 / 2 (Cody-Waite: k * LN2_HIGH is exact for |k| < 2^21).
  const k = Math.round(x * INVERSE_LN2);
  const r = x - k * LN2_HIGH - k * LN2_LOW;
  // e^r = 1 + r (1 + r/2 (1 + r/3 (...))), truncation error below 2^-60.
  let series = 1;
  for (let term = TAYLOR_TERMS; term >= 1; term -= 1) {
    series = 1 + (r * series) / term;
  }
  return k > 1023
    ? series * twoTo(1023) * twoTo(k - 1023)
    : k < -1022
      ? series * twoTo(-1022) * twoTo(k + 1022)
      : series * twoTo(k);
}

/** ln x, deterministic, for x > 0 (normal numbers); -Infinity at 0, NaN below. */
export function deterministicLog(x: number): number {
  if (Number.isNaN(x) || x < 0) {
    return Number.NaN;
  }
  if (x === 0) {
    return Number.NEGATIVE_INFINITY;
  }
  if (x === Number.POSITIVE_INFINITY) {
    return x;
  }
  bits.setFloat64(0, x);
  const high = bits.getUint32(0);
  let exponent = Math.floor(high / 0x100000) - 1023;
  // The mantissa in [1, 2): the same bits with the exponent of 1.
  bits.setUint32(0, (high % 0x100000) + 1023 * 0x100000);
  let mantissa = bits.getFloat64(0);
  if (exponent === -1023) {
    // Subnormal: normalise by 2^52 first.
    return deterministicLog(x * twoTo(52)) - 52 * LN2_HIGH - 52 * LN2_LOW;
  }
  if (mantissa > SQRT2) {
    mantissa /= 2;
    exponent += 1;
  }
  // ln m = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.172.
  const s = (mantissa - 1) / (mantissa + 1);
  const s2 = s * s;
  let series = 0;
  for (let term = ATANH_TERMS; term >= 0; term -= 1) {
    series = 1 / (2 * term + 1) + s2 * series;
  }
  return exponent * LN2_HIGH + (exponent * LN2_LOW + 2 * s * series);
}

/**
 * The softmax of `logits[offset .. offset + count)` into `out[0 .. count)`, and the
 * cross-entropy -ln p[label] (computed as ln sum - (z[label] - max), without a log of a tiny p).
 */
export function softmaxWithLoss(
  logits: ArrayLike<number>,
  offset: number,
  count: number,
  label: number,
  out: Float64Array,
): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < count; index += 1) {
    max = Math.max(max, logits[offset + index] ?? 0);
  }
  let sum = 0;
  for (let index = 0; index < count; index += 1) {
    const e = deterministicExp((logits[offset + index] ?? 0) - max);
    out[index] = e;
    sum += e;
  }
  for (let index = 0; index < count; index += 1) {
    out[index] = (out[index] ?? 0) / sum;
  }
  return deterministicLog(sum) - ((logits[offset + label] ?? 0) - max);
}
