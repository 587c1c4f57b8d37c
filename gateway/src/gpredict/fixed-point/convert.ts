/*
 * Convert of the white paper: a value becomes a word of <NB, FB> by rounding (to nearest or
 * stochastically, see rounding.ts) and saturating to [-2^(NB-1), 2^(NB-1) - 2^-FB]. Rounding
 * first and clamping after is the same function as the paper's (saturate first, else round),
 * because both roundings are monotone and never leave the interval between two words.
 *
 * Two entries: {@link convertReal} for a real number (data, initial weights, a softmax output),
 * and {@link convertRatio} for an exact rational numerator / divisor in raw units, which is what
 * an exact multiply-accumulate produces: z = sum a_i b_i at scale 2^(FBa + FBb), then ONE
 * conversion. The ratio form also carries a batch mean (divisor = batch size * 2^shift) without
 * an intermediate rounding.
 */
import { type ExactInteger, TWO_POW_53, toWide } from './exact-integer.js';
import { type FixedFormat, maxRaw, minRaw, powerOfTwo } from './fixed-format.js';
import { FixedPointError } from './fixed-point-error.js';
import type { Rounder } from './rounding.js';

const TWO_POW_52 = TWO_POW_53 / 2;

/** The integer `raw` clamped to the words of `format`. */
export function saturate(raw: number, format: FixedFormat): number {
  const low = minRaw(format);
  const high = maxRaw(format);
  return raw < low ? low : raw > high ? high : raw;
}

/**
 * Convert(x, <NB, FB>) for a real x: the raw word of `format` nearest x (or stochastically
 * rounded), saturated. Infinities saturate.
 * @throws FixedPointError `DEURO_FIXED_NOT_FINITE` when x is NaN.
 */
export function convertReal(x: number, format: FixedFormat, rounder: Rounder): number {
  if (Number.isNaN(x)) {
    throw new FixedPointError(
      'DEURO_FIXED_NOT_FINITE',
      'cannot convert NaN to a fixed-point word',
      'x',
    );
  }
  const scaled = x * powerOfTwo(format.fb);
  if (scaled >= TWO_POW_52 || scaled <= -TWO_POW_52) {
    return saturate(scaled > 0 ? TWO_POW_52 : -TWO_POW_52, format);
  }
  let floor = Math.floor(scaled);
  // Exact for |scaled| >= 1; for a tiny negative x it may round to 1, which rounds up correctly.
  const fraction = scaled - floor;
  if (fraction !== 0 && rounder.roundsUpFraction(floor % 2 !== 0, fraction)) {
    floor += 1;
  }
  return saturate(floor, format);
}

/**
 * Convert(numerator / divisor) where numerator / divisor is the exact value in raw units of
 * `format` (value * 2^FB): one rounding of the exact quotient, then saturation.
 * @param numerator - An exact integer.
 * @param divisor - A positive integer.
 */
export function convertRatio(
  numerator: ExactInteger,
  divisor: ExactInteger,
  format: FixedFormat,
  rounder: Rounder,
): number {
  if (
    typeof numerator === 'number' &&
    typeof divisor === 'number' &&
    fitsDoubles(numerator, divisor)
  ) {
    return convertNarrowRatio(numerator, divisor, format, rounder);
  }
  return convertWideRatio(toWide(numerator), toWide(divisor), format, rounder);
}

/** Whether quotient and remainder of numerator / divisor are exact in doubles. */
function fitsDoubles(numerator: number, divisor: number): boolean {
  return numerator < TWO_POW_52 && numerator > -TWO_POW_52 && divisor <= TWO_POW_52;
}

function convertNarrowRatio(
  numerator: number,
  divisor: number,
  format: FixedFormat,
  rounder: Rounder,
): number {
  if (divisor === 1) {
    return saturate(numerator, format);
  }
  // The double quotient's floor is off by at most one; the exact remainder fixes it.
  let quotient = Math.floor(numerator / divisor);
  let remainder = numerator - quotient * divisor;
  if (remainder < 0) {
    quotient -= 1;
    remainder += divisor;
  } else if (remainder >= divisor) {
    quotient += 1;
    remainder -= divisor;
  }
  if (remainder !== 0 && rounder.roundsUp(quotient % 2 !== 0, remainder, divisor)) {
    quotient += 1;
  }
  return saturate(quotient, format);
}

function convertWideRatio(
  numerator: bigint,
  divisor: bigint,
  format: FixedFormat,
  rounder: Rounder,
): number {
  let quotient = numerator / divisor;
  let remainder = numerator % divisor;
  if (remainder < 0n) {
    quotient -= 1n;
    remainder += divisor;
  }
  if (remainder !== 0n && rounder.roundsUpWide(quotient % 2n !== 0n, remainder, divisor)) {
    quotient += 1n;
  }
  const low = BigInt(minRaw(format));
  const high = BigInt(maxRaw(format));
  return Number(quotient < low ? low : quotient > high ? high : quotient);
}

/**
 * A raw word of `from` as a word of `to`: exact when `to` has at least as many fractional bits
 * (up to saturation), else one rounding.
 */
export function convertRaw(
  raw: number,
  from: FixedFormat,
  to: FixedFormat,
  rounder: Rounder,
): number {
  const shift = to.fb - from.fb;
  if (shift >= 0) {
    return saturate(raw * powerOfTwo(shift), to);
  }
  return convertRatio(raw, powerOfTwo(-shift), to, rounder);
}
