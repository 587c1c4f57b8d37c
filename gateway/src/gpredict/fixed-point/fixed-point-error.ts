/*
 * The catalogue of fixed-point error codes and the one error class the fixed-point library
 * throws. Every failure carries a stable code and names the argument concerned, so callers (a
 * trainer validating a trial's configuration, the REST layer) switch on the code, never on the
 * English text.
 */
import { CodedError } from '../../errors/coded-error.js';

/**
 * Every code a {@link FixedPointError} may carry, with the HTTP status and problem+json title it
 * maps to (the shape of the gateway's `errors/error-catalogue.ts`) and what it means.
 */
export const fixedPointErrorCatalogue = {
  DEURO_FIXED_INVALID_FORMAT: {
    status: 400,
    title: 'Invalid fixed-point format',
    meaning: 'A format is not <NB, FB> with integers NB >= 1, FB >= 0 and NB + FB <= 32.',
  },
  DEURO_FIXED_SHAPE_MISMATCH: {
    status: 400,
    title: 'Tensor shapes do not match',
    meaning: 'The operands of a tensor operation have incompatible shapes or data lengths.',
  },
  DEURO_FIXED_OUT_OF_RANGE: {
    status: 400,
    title: 'Raw value outside its format',
    meaning: 'A raw integer is not a word of the tensor format (outside [-2^(WL-1), 2^(WL-1)-1]).',
  },
  DEURO_FIXED_NOT_FINITE: {
    status: 400,
    title: 'Value is not a number',
    meaning: 'A real value to convert is NaN; infinities saturate, NaN has no fixed-point word.',
  },
  DEURO_FIXED_INVALID_ARGUMENT: {
    status: 400,
    title: 'Invalid fixed-point argument',
    meaning: 'Another argument failed validation (a divisor, a shape); the message names it.',
  },
} as const satisfies Record<string, { status: number; title: string; meaning: string }>;

/** A stable fixed-point error code from {@link fixedPointErrorCatalogue}. */
export type FixedPointErrorCode = keyof typeof fixedPointErrorCatalogue;

/** An error raised by the fixed-point library; `field` names the argument concerned. */
export class FixedPointError extends CodedError<FixedPointErrorCode> {
  /** The argument or option concerned, such as `format.fb` or `b.shape`. */
  readonly field: string | undefined;

  /**
   * @param code - A code from {@link fixedPointErrorCatalogue}.
   * @param detail - What is wrong, naming the argument and the offending value.
   * @param field - The argument concerned.
   */
  constructor(code: FixedPointErrorCode, detail: string, field?: string) {
    super(code, detail);
    this.name = 'FixedPointError';
    this.field = field;
  }
}

/**
 * Whether a value is a {@link FixedPointError}, optionally with a given code.
 * @param value - Anything caught.
 * @param code - The code to match, if any.
 */
export function isFixedPointError(
  value: unknown,
  code?: FixedPointErrorCode,
): value is FixedPointError {
  return value instanceof FixedPointError && (code === undefined || value.code === code);
}
