/*
 * The number format <NB, FB> of the white paper (section 3.c, after Gupta et al., ICML 2015):
 * NB integer bits including the sign, FB fractional bits, word length WL = NB + FB <= 32. A
 * number x is held as the integer raw = x * 2^FB in two's complement, so the words of a format
 * are the raw integers in [-2^(WL-1), 2^(WL-1) - 1], that is the values from -2^(NB-1) to
 * 2^(NB-1) - 2^-FB in steps of theta = 2^-FB. Every such raw fits an Int32Array element.
 *
 * Powers of two come from a table built by doubling, not from `**` or Math.pow, whose results
 * ECMAScript leaves to the implementation: every number this library computes is a result of
 * correctly rounded IEEE 754 operations, so it is the same on every machine.
 */
import { FixedPointError } from './fixed-point-error.js';

/** A fixed-point format <NB, FB>. */
export interface FixedFormat {
  /** Integer bits, the sign bit included (at least 1). */
  readonly nb: number;
  /** Fractional bits (at least 0). */
  readonly fb: number;
}

/** The longest word a format may have: raws are held in 32-bit integers. */
export const MAX_WORD_LENGTH = 32;

const POWERS_OF_TWO: readonly number[] = (() => {
  const table = [1];
  for (let exponent = 1; exponent <= 1023; exponent += 1) {
    table.push((table[exponent - 1] ?? 0) * 2);
  }
  return table;
})();

/**
 * 2^exponent, exactly, for an integer exponent in [-1022, 1023].
 * @throws FixedPointError `DEURO_FIXED_INVALID_ARGUMENT` for another exponent.
 */
export function powerOfTwo(exponent: number): number {
  const magnitude = POWERS_OF_TWO[Math.abs(exponent)];
  if (!Number.isInteger(exponent) || magnitude === undefined || exponent < -1022) {
    throw new FixedPointError(
      'DEURO_FIXED_INVALID_ARGUMENT',
      `exponent must be an integer in [-1022, 1023], got ${String(exponent)}`,
      'exponent',
    );
  }
  return exponent >= 0 ? magnitude : 1 / magnitude;
}

/**
 * The format <nb, fb>.
 * @throws FixedPointError `DEURO_FIXED_INVALID_FORMAT` unless nb >= 1 and fb >= 0 are integers
 * with nb + fb <= 32.
 */
export function fixedFormat(nb: number, fb: number): FixedFormat {
  return checkFixedFormat({ nb, fb }, 'format');
}

/**
 * `value` as a format, validated; `field` names it in the error.
 * @throws FixedPointError `DEURO_FIXED_INVALID_FORMAT` naming `field.nb`, `field.fb` or `field`.
 */
export function checkFixedFormat(value: unknown, field: string): FixedFormat {
  if (typeof value !== 'object' || value === null) {
    throw new FixedPointError(
      'DEURO_FIXED_INVALID_FORMAT',
      `${field} must be an object {nb, fb}`,
      field,
    );
  }
  const { nb, fb } = value as { nb?: unknown; fb?: unknown };
  const integerBits = checkIntegerBits(nb, field);
  return Object.freeze({ nb: integerBits, fb: checkFractionalBits(fb, integerBits, field) });
}

function checkIntegerBits(nb: unknown, field: string): number {
  if (typeof nb !== 'number' || !Number.isInteger(nb) || nb < 1 || nb > MAX_WORD_LENGTH) {
    throw new FixedPointError(
      'DEURO_FIXED_INVALID_FORMAT',
      `${field}.nb must be an integer from 1 to ${String(MAX_WORD_LENGTH)}, got ${String(nb)}`,
      `${field}.nb`,
    );
  }
  return nb;
}

function checkFractionalBits(fb: unknown, nb: number, field: string): number {
  if (typeof fb !== 'number' || !Number.isInteger(fb) || fb < 0 || nb + fb > MAX_WORD_LENGTH) {
    throw new FixedPointError(
      'DEURO_FIXED_INVALID_FORMAT',
      `${field}.fb must be an integer from 0 to ${String(MAX_WORD_LENGTH - nb)} (NB + FB <= ${String(MAX_WORD_LENGTH)}), got ${String(fb)}`,
      `${field}.fb`,
    );
  }
  return fb;
}

/** The word length WL = NB + FB. */
export function wordLength(format: FixedFormat): number {
  return format.nb + format.fb;
}

/** The smallest raw word, -2^(WL-1) (the value -2^(NB-1)). */
export function minRaw(format: FixedFormat): number {
  return -powerOfTwo(wordLength(format) - 1);
}

/** The largest raw word, 2^(WL-1) - 1 (the value 2^(NB-1) - 2^-FB). */
export function maxRaw(format: FixedFormat): number {
  return powerOfTwo(wordLength(format) - 1) - 1;
}

/** The step theta = 2^-FB between consecutive words. */
export function theta(format: FixedFormat): number {
  return powerOfTwo(-format.fb);
}

/** Whether two formats are the same. */
export function sameFormat(a: FixedFormat, b: FixedFormat): boolean {
  return a.nb === b.nb && a.fb === b.fb;
}

/** The format as the white paper writes it, `<4,12>`. */
export function formatName(format: FixedFormat): string {
  return `<${String(format.nb)},${String(format.fb)}>`;
}

/** The real value of a raw word: raw * 2^-FB (exact). */
export function rawToReal(raw: number, format: FixedFormat): number {
  return raw * theta(format);
}
