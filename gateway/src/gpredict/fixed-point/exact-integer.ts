/*
 * Exact integer arithmetic over `number | bigint`. A `number` stands for itself only while its
 * magnitude is below 2^53, where doubles hold every integer; anything wider is a `bigint`. The
 * checks are cheap because IEEE rounding is monotone: the double result of an integer + or *
 * has magnitude below 2^53 exactly when the true result does, and then it is the true result.
 */

/** An exact integer: a double below 2^53 in magnitude, or a bigint. */
export type ExactInteger = number | bigint;

/** 2^53: doubles hold every integer of smaller magnitude. */
export const TWO_POW_53 = 9007199254740992;

const SAFE_LIMIT = BigInt(Number.MAX_SAFE_INTEGER);

/** `value` as a `number` when it is below 2^53 in magnitude, else unchanged. */
export function normalizeExact(value: bigint): ExactInteger {
  return value <= SAFE_LIMIT && value >= -SAFE_LIMIT ? Number(value) : value;
}

/** `value` as a bigint (exact: a number here is always an integer). */
export function toWide(value: ExactInteger): bigint {
  return typeof value === 'bigint' ? value : BigInt(value);
}

/** x + y, exactly. */
export function addExact(x: ExactInteger, y: ExactInteger): ExactInteger {
  if (typeof x === 'number' && typeof y === 'number') {
    const sum = x + y;
    if (sum < TWO_POW_53 && sum > -TWO_POW_53) {
      return sum;
    }
  }
  return normalizeExact(toWide(x) + toWide(y));
}

/** x * y, exactly. */
export function multiplyExact(x: ExactInteger, y: ExactInteger): ExactInteger {
  if (typeof x === 'number' && typeof y === 'number') {
    const product = x * y;
    if (product < TWO_POW_53 && product > -TWO_POW_53) {
      return product;
    }
  }
  return normalizeExact(toWide(x) * toWide(y));
}

/** x * 2^shift for an integer shift >= 0, exactly. */
export function shiftLeftExact(
  x: ExactInteger,
  shift: number,
  powerOfTwoShift: number,
): ExactInteger {
  if (shift === 0) {
    return x;
  }
  if (typeof x === 'number') {
    // Scaling a double by a power of two is exact; only the range check remains.
    const scaled = x * powerOfTwoShift;
    if (scaled < TWO_POW_53 && scaled > -TWO_POW_53) {
      return scaled;
    }
  }
  return normalizeExact(toWide(x) << BigInt(shift));
}
