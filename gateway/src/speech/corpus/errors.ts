/**
 * Errors of the synthetic speech corpus (espeak-ng runs, options, transcripts).
 *
 * {@link CorpusError} is a {@link CodedError}: callers switch on the stable `code`, and
 * `details.field` names the option that was rejected.
 */

import { CodedError } from '../../errors/coded-error.js';

/** The stable codes of {@link CorpusError}. */
export const CorpusErrorCode = {
  /** The `espeak-ng` program is not installed (Debian: `apt-get install espeak-ng`). */
  espeakMissing: 'DEURO_CORPUS_ESPEAK_MISSING',
  /** `espeak-ng` ran but failed or wrote no usable WAV (unknown voice, for one). */
  espeakFailed: 'DEURO_CORPUS_ESPEAK_FAILED',
  /** An option or argument is out of range; `details.field` names it. */
  invalidParameter: 'DEURO_CORPUS_INVALID_PARAMETER',
} as const;

export type CorpusErrorCode = (typeof CorpusErrorCode)[keyof typeof CorpusErrorCode];

/** HTTP status and problem+json title of every {@link CorpusErrorCode}. */
export const corpusErrorCatalogue = {
  DEURO_CORPUS_ESPEAK_MISSING: {
    status: 500,
    title: 'espeak-ng is not installed',
    meaning: 'The espeak-ng program was not found; install the Debian package espeak-ng.',
  },
  DEURO_CORPUS_ESPEAK_FAILED: {
    status: 500,
    title: 'espeak-ng failed',
    meaning: 'espeak-ng exited with an error or wrote no speech; the detail has its stderr.',
  },
  DEURO_CORPUS_INVALID_PARAMETER: {
    status: 400,
    title: 'Invalid corpus parameter',
    meaning: 'A synthesis option or transcript is out of range; details.field names it.',
  },
} as const satisfies Record<CorpusErrorCode, { status: number; title: string; meaning: string }>;

/** Structured fields of a {@link CorpusError}. */
export interface CorpusErrorDetails {
  /** The option or argument concerned (`rate`, `gapsMs[2]`, `words[0]`). */
  readonly field?: string;
  /** The offending value, when small. */
  readonly value?: string | number;
}

/** Raised by the corpus functions; message `CODE: detail`. */
export class CorpusError extends CodedError<CorpusErrorCode> {
  readonly details: CorpusErrorDetails;

  constructor(
    code: CorpusErrorCode,
    detail: string,
    details: CorpusErrorDetails = {},
    cause?: unknown,
  ) {
    super(code, detail, cause);
    this.name = 'CorpusError';
    this.details = details;
  }
}

/** True when `error` is a {@link CorpusError}, optionally with the given code. */
export function isCorpusError(error: unknown, code?: CorpusErrorCode): error is CorpusError {
  return error instanceof CorpusError && (code === undefined || error.code === code);
}

/** Throws `DEURO_CORPUS_INVALID_PARAMETER` naming `field` unless `ok`. */
export function checkCorpusParameter(
  ok: boolean,
  field: string,
  value: unknown,
  rule: string,
): void {
  if (!ok) {
    const shown = typeof value === 'number' ? value : String(value).slice(0, 80);
    throw new CorpusError(
      CorpusErrorCode.invalidParameter,
      `${field} must be ${rule} (got ${String(shown)})`,
      { field, value: shown },
    );
  }
}
