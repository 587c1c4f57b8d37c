/**
 * Errors of the audio feature extractors.
 *
 * One base class with a stable `code` and structured `details`, as the gateway's other errors:
 * callers (and the error middleware) switch on the code, never on the English message. Every
 * message starts with its code.
 */

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

/** Structured fields of an {@link AudioError}. */
export interface AudioErrorDetails {
  /** The option, WAV field or chunk the error is about. */
  readonly field?: string;
  /** The offending value, when it is small enough to report. */
  readonly value?: string | number;
}

/** Raised by WAV decoding, resampling, feature extraction and feature file formats. */
export class AudioError extends Error {
  override readonly name = 'AudioError';
  readonly code: AudioErrorCode;
  readonly details: AudioErrorDetails;

  constructor(
    code: AudioErrorCode,
    message: string,
    details: AudioErrorDetails = {},
    cause?: unknown,
  ) {
    super(`${code}: ${message}`, cause === undefined ? undefined : { cause });
    this.code = code;
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
