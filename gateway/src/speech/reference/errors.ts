/**
 * Errors of the reference aligner (pocketsphinx) and of the agreement measure.
 *
 * {@link ReferenceAlignerError} is a {@link CodedError}: callers switch on the stable `code`.
 * pocketsphinx's own complaint that no path through the grammar survived its beams has its own
 * code, since the alignment benchmark expects it on long input with the default beams.
 */

import { CodedError } from '../../errors/coded-error.js';

/** The stable codes of {@link ReferenceAlignerError}. */
export const ReferenceAlignerErrorCode = {
  /** pocketsphinx_continuous or the en-us model is not installed. */
  missing: 'DEURO_REFERENCE_POCKETSPHINX_MISSING',
  /** pocketsphinx said "Final result does not match the grammar": no full path within its beams. */
  grammarMismatch: 'DEURO_REFERENCE_GRAMMAR_MISMATCH',
  /** pocketsphinx failed otherwise (a word missing from its dictionary, a crash, a timeout). */
  failed: 'DEURO_REFERENCE_POCKETSPHINX_FAILED',
  /** An argument or option is out of range; `details.field` names it. */
  invalidParameter: 'DEURO_REFERENCE_INVALID_PARAMETER',
} as const;

export type ReferenceAlignerErrorCode =
  (typeof ReferenceAlignerErrorCode)[keyof typeof ReferenceAlignerErrorCode];

/** HTTP status and problem+json title of every {@link ReferenceAlignerErrorCode}. */
export const referenceAlignerErrorCatalogue = {
  DEURO_REFERENCE_POCKETSPHINX_MISSING: {
    status: 500,
    title: 'pocketsphinx is not installed',
    meaning: 'Install the Debian packages pocketsphinx and pocketsphinx-en-us.',
  },
  DEURO_REFERENCE_GRAMMAR_MISMATCH: {
    status: 422,
    title: 'pocketsphinx found no path through the transcript',
    meaning: 'No full path through the transcript grammar survived the beams; try wider beams.',
  },
  DEURO_REFERENCE_POCKETSPHINX_FAILED: {
    status: 500,
    title: 'pocketsphinx failed',
    meaning: 'pocketsphinx exited with an error; the detail has its ERROR lines.',
  },
  DEURO_REFERENCE_INVALID_PARAMETER: {
    status: 400,
    title: 'Invalid reference parameter',
    meaning: 'An option, transcript word or segment list is unfit; details.field names it.',
  },
} as const satisfies Record<
  ReferenceAlignerErrorCode,
  { status: number; title: string; meaning: string }
>;

/** Structured fields of a {@link ReferenceAlignerError}. */
export interface ReferenceAlignerErrorDetails {
  /** The option or argument concerned. */
  readonly field?: string;
  /** The offending value, when small. */
  readonly value?: string | number;
  /** pocketsphinx's ERROR and FATAL log lines, when it ran. */
  readonly log?: readonly string[];
}

/** Raised by the reference aligner; message `CODE: detail`. */
export class ReferenceAlignerError extends CodedError<ReferenceAlignerErrorCode> {
  readonly details: ReferenceAlignerErrorDetails;

  constructor(
    code: ReferenceAlignerErrorCode,
    detail: string,
    details: ReferenceAlignerErrorDetails = {},
    cause?: unknown,
  ) {
    super(code, detail, cause);
    this.name = 'ReferenceAlignerError';
    this.details = details;
  }
}

/** True when `error` is a {@link ReferenceAlignerError}, optionally with the given code. */
export function isReferenceAlignerError(
  error: unknown,
  code?: ReferenceAlignerErrorCode,
): error is ReferenceAlignerError {
  return error instanceof ReferenceAlignerError && (code === undefined || error.code === code);
}

/** Throws `DEURO_REFERENCE_INVALID_PARAMETER` naming `field` unless `ok`. */
export function checkReferenceParameter(
  ok: boolean,
  field: string,
  value: unknown,
  rule: string,
): void {
  if (!ok) {
    const shown = typeof value === 'number' ? value : String(value).slice(0, 80);
    throw new ReferenceAlignerError(
      ReferenceAlignerErrorCode.invalidParameter,
      `${field} must be ${rule} (got ${String(shown)})`,
      { field, value: shown },
    );
  }
}
