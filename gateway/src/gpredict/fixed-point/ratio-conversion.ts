/*
 * The one conversion that ends every operation, planned once per operation: exact integers at
 * scale 2^S (S fractional bits), divided by an integer divisor, become raw words of the output
 * format. Either the numerator is shifted left (the output has more fractional bits than S) or
 * the divisor absorbs 2^(S - FB); the quotient is rounded once.
 */
import { convertRatio } from './convert.js';
import { type ExactInteger, multiplyExact, shiftLeftExact } from './exact-integer.js';
import { type FixedFormat, powerOfTwo } from './fixed-format.js';
import { FixedPointError } from './fixed-point-error.js';
import type { Rounder } from './rounding.js';

/** A planned conversion from exact integers at one scale to words of a format. */
export interface RatioConversion {
  /** Convert(z / (divisor * 2^S)) as a raw word. */
  convert(z: ExactInteger): number;
}

/** The largest divisor an operation accepts. */
export const MAX_DIVISOR = 0x80000000;

/**
 * The conversion of exact integers at scale 2^`scale`, divided by `divisor`, to `format`.
 * @throws FixedPointError `DEURO_FIXED_INVALID_ARGUMENT` unless divisor is an integer from 1 to
 * 2^31.
 */
export function planRatioConversion(
  scale: number,
  divisor: number,
  format: FixedFormat,
  rounder: Rounder,
): RatioConversion {
  if (!Number.isInteger(divisor) || divisor < 1 || divisor > MAX_DIVISOR) {
    throw new FixedPointError(
      'DEURO_FIXED_INVALID_ARGUMENT',
      `divisor must be an integer from 1 to 2^31, got ${String(divisor)}`,
      'divisor',
    );
  }
  const shift = Math.max(0, format.fb - scale);
  const shiftFactor = powerOfTwo(shift);
  const denominator = multiplyExact(divisor, powerOfTwo(Math.max(0, scale - format.fb)));
  return {
    convert: (z) =>
      convertRatio(shiftLeftExact(z, shift, shiftFactor), denominator, format, rounder),
  };
}

/** z * 2^shift, for aligning exact integers to a common scale (shift >= 0). */
export function alignExact(z: ExactInteger, shift: number): ExactInteger {
  return shiftLeftExact(z, shift, powerOfTwo(shift));
}
