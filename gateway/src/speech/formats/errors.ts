/**
 * Errors of the alignment output formats (TextGrid, CTM, JSON) and of the TextGrid reader.
 *
 * {@link FormatError} is a {@link CodedError}: callers switch on the stable `code`, and
 * `details.field` names the alignment field or option that was rejected.
 */

import { CodedError } from '../../errors/coded-error.js';

/** The stable codes of {@link FormatError}. */
export const FormatErrorCode = {
  /** An alignment cannot be written: a time is not finite, out of order, or a label unfit. */
  invalidAlignment: 'DEURO_FORMAT_INVALID_ALIGNMENT',
  /** A writer option is out of range; `details.field` names it. */
  invalidParameter: 'DEURO_FORMAT_INVALID_PARAMETER',
  /** A text is not a TextGrid this reader understands. */
  malformedTextGrid: 'DEURO_FORMAT_MALFORMED_TEXTGRID',
} as const;

export type FormatErrorCode = (typeof FormatErrorCode)[keyof typeof FormatErrorCode];

/** HTTP status and problem+json title of every {@link FormatErrorCode}. */
export const formatErrorCatalogue = {
  DEURO_FORMAT_INVALID_ALIGNMENT: {
    status: 500,
    title: 'Alignment cannot be written',
    meaning: 'A time or label of the alignment cannot be written; details.field names it.',
  },
  DEURO_FORMAT_INVALID_PARAMETER: {
    status: 400,
    title: 'Invalid format parameter',
    meaning:
      'A writer option (TextGrid name, CTM file or channel) is unfit; details.field names it.',
  },
  DEURO_FORMAT_MALFORMED_TEXTGRID: {
    status: 422,
    title: 'Malformed TextGrid',
    meaning: 'The text is not a Praat TextGrid in the text (long or short) format.',
  },
} as const satisfies Record<FormatErrorCode, { status: number; title: string; meaning: string }>;

/** Structured fields of a {@link FormatError}. */
export interface FormatErrorDetails {
  /** The alignment field or option concerned (`words[2].end`, `channel`). */
  readonly field?: string;
  /** The offending value, when small. */
  readonly value?: string | number;
}

/** Raised by the format writers and the TextGrid reader; message `CODE: detail`. */
export class FormatError extends CodedError<FormatErrorCode> {
  readonly details: FormatErrorDetails;

  constructor(code: FormatErrorCode, detail: string, details: FormatErrorDetails = {}) {
    super(code, detail);
    this.name = 'FormatError';
    this.details = details;
  }
}

/** True when `error` is a {@link FormatError}, optionally with the given code. */
export function isFormatError(error: unknown, code?: FormatErrorCode): error is FormatError {
  return error instanceof FormatError && (code === undefined || error.code === code);
}

/** Throws `DEURO_FORMAT_INVALID_ALIGNMENT` naming `field` unless `ok`. */
export function checkAlignmentField(
  ok: boolean,
  field: string,
  value: unknown,
  rule: string,
): void {
  if (!ok) {
    const shown = typeof value === 'number' ? value : String(value).slice(0, 80);
    throw new FormatError(
      FormatErrorCode.invalidAlignment,
      `${field} must be ${rule} (got ${String(shown)})`,
      { field, value: shown },
    );
  }
}
