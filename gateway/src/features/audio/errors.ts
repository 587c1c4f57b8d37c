/**
 * Errors of the audio feature extractors.
 *
 * {@link AudioError} is a {@link CodedError}, the base of every gateway error, with a stable
 * `code` and structured `details`: callers (and the REST layer's problem middleware, through
 * {@link audioErrorCatalogue}) switch on the code, never on the English message. Every message
 * starts with its code.
 */

import { CodedError } from '../../errors/coded-error.js';

/** The stable codes of {@link AudioError}. */
export const AudioErrorCode = {
  /** The input is not a well-formed WAV file (truncated chunk, wrong size, missing chunk, no data). */
  malformed: 'DEURO_AUDIO_MALFORMED',
  /** The input is well formed but uses a codec or sample layout this library does not decode. */
  unsupported: 'DEURO_AUDIO_UNSUPPORTED',
  /** An extractor or format option is out of range; `details.field` names it. */
  invalidParameter: 'DEURO_AUDIO_INVALID_PARAMETER',
} as const;

export type AudioErrorCode = (typeof AudioErrorCode)[keyof typeof AudioErrorCode];

/**
 * Every {@link AudioErrorCode} with the HTTP status and problem+json title it maps to (the shape
 * of the gateway's `errors/error-catalogue.ts`, which can spread it as it does the store's).
 */
export const audioErrorCatalogue = {
  DEURO_AUDIO_MALFORMED: {
    status: 422,
    title: 'Malformed audio',
    meaning:
      'The input is not a well-formed WAV file (or .npy/.mfc file); details.field names the part.',
  },
  DEURO_AUDIO_UNSUPPORTED: {
    status: 415,
    title: 'Audio format not supported',
    meaning: 'A well-formed file in a codec, sample size or container variant that is not decoded.',
  },
  DEURO_AUDIO_INVALID_PARAMETER: {
    status: 400,
    title: 'Invalid audio parameter',
    meaning: 'An extractor, stream or format option is out of range; details.field names it.',
  },
} as const satisfies Record<AudioErrorCode, { status: number; title: string; meaning: string }>;

/** Structured fields of an {@link AudioError}. */
export interface AudioErrorDetails {
  /** The option, WAV field or chunk the error is about. */
  readonly field?: string;
  /** The offending value, when it is small enough to report. */
  readonly value?: string | number;
}

/**
 * Raised by WAV decoding, resampling, feature extraction and feature file formats. Its message is
 * `CODE: detail`; `detail` is the message without the code.
 */
export class AudioError extends CodedError<AudioErrorCode> {
  readonly details: AudioErrorDetails;

  /**
   * @param code - The stable code.
   * @param message - What went wrong, naming the field (becomes {@link CodedError.detail}).
   * @param details - The field and value concerned.
   * @param cause - The underlying error, if any.
   */
  constructor(
    code: AudioErrorCode,
    message: string,
    details: AudioErrorDetails = {},
    cause?: unknown,
  ) {
    super(code, message, cause);
    this.name = 'AudioError';
    this.details = details;
  }
}

/** True when `error` is an {@link AudioError}, optionally with the given code. */
export function isAudioError(error: unknown, code?: AudioErrorCode): error is AudioError {
  return error instanceof AudioError && (code === undefined || error.code === code);
}

/** Throws `DEURO_AUDIO_INVALID_PARAMETER` naming `field` unless `ok`. */
export function checkParameter(
  ok: boolean,
  field: string,
  value: number | string,
  rule: string,
): void {
  if (!ok) {
    throw new AudioError(
      AudioErrorCode.invalidParameter,
      `${field} must be ${rule} (got ${String(value)})`,
      { field, value },
    );
  }
}
