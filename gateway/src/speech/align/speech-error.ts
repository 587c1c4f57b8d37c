/**
 * Errors of the speech model readers and the forced aligner.
 *
 * {@link SpeechError} is a {@link CodedError} with a stable `code` and structured `details`;
 * callers (and the REST layer, through {@link speechErrorCatalogue}) switch on the code, never on
 * the English message, which starts with the code.
 */

import { CodedError } from '../../errors/coded-error.js';

/** The stable codes of {@link SpeechError}. */
export const SpeechErrorCode = {
  /** Words of the transcript are not in the pronouncing dictionary; `details.words` lists them all. */
  unknownWords: 'DEURO_SPEECH_UNKNOWN_WORDS',
  /** The transcript has no word once punctuation is stripped. */
  emptyTranscript: 'DEURO_SPEECH_EMPTY_TRANSCRIPT',
  /** The audio has fewer frames than the transcript's phones need (3 frames per phone). */
  audioTooShort: 'DEURO_SPEECH_AUDIO_TOO_SHORT',
  /** A model file is missing; the detail names the file and the Debian package that provides it. */
  modelMissing: 'DEURO_SPEECH_MODEL_MISSING',
  /** A model file exists but cannot be read (bad header, wrong sizes, checksum); `details.field` names the file. */
  modelMalformed: 'DEURO_SPEECH_MODEL_MALFORMED',
  /** No path through the transcript survived the beam to the end of the audio. */
  noPath: 'DEURO_SPEECH_NO_PATH',
  /** An option or input is out of range; `details.field` names it. */
  invalidOption: 'DEURO_SPEECH_INVALID_OPTION',
} as const;

export type SpeechErrorCode = (typeof SpeechErrorCode)[keyof typeof SpeechErrorCode];

/** Every {@link SpeechErrorCode} with its HTTP status and problem+json title. */
export const speechErrorCatalogue = {
  DEURO_SPEECH_UNKNOWN_WORDS: {
    status: 422,
    title: 'Words not in the dictionary',
    meaning: 'The transcript has words the pronouncing dictionary lacks; details.words lists them.',
  },
  DEURO_SPEECH_EMPTY_TRANSCRIPT: {
    status: 400,
    title: 'Empty transcript',
    meaning: 'The transcript has no word once punctuation is stripped.',
  },
  DEURO_SPEECH_AUDIO_TOO_SHORT: {
    status: 422,
    title: 'Audio too short',
    meaning: 'The recording has fewer 10 ms frames than the transcript needs (3 per phone).',
  },
  DEURO_SPEECH_MODEL_MISSING: {
    status: 503,
    title: 'Speech model not installed',
    meaning: 'A file of the acoustic model or dictionary is missing; install the named package.',
  },
  DEURO_SPEECH_MODEL_MALFORMED: {
    status: 500,
    title: 'Speech model unreadable',
    meaning: 'A model file does not have the expected format; details.field names the file.',
  },
  DEURO_SPEECH_NO_PATH: {
    status: 422,
    title: 'Transcript cannot be aligned',
    meaning: 'No alignment of the transcript to the audio survived the search beam.',
  },
  DEURO_SPEECH_INVALID_OPTION: {
    status: 400,
    title: 'Invalid alignment option',
    meaning: 'An option or input is out of range; details.field names it.',
  },
} as const satisfies Record<SpeechErrorCode, { status: number; title: string; meaning: string }>;

/** Structured fields of a {@link SpeechError}. */
export interface SpeechErrorDetails {
  /** The option, input or model file the error is about. */
  readonly field?: string;
  /** The words missing from the dictionary, in transcript order, each once. */
  readonly words?: readonly string[];
  /** The offending value, when it is small enough to report. */
  readonly value?: string | number;
}

/** Raised by the speech model readers and the aligner. Its message is `CODE: detail`. */
export class SpeechError extends CodedError<SpeechErrorCode> {
  readonly details: SpeechErrorDetails;

  /**
   * @param code - The stable code.
   * @param detail - What went wrong, naming the field, file or words.
   * @param details - Structured fields.
   * @param cause - The underlying error, if any.
   */
  constructor(
    code: SpeechErrorCode,
    detail: string,
    details: SpeechErrorDetails = {},
    cause?: unknown,
  ) {
    super(code, detail, cause);
    this.name = 'SpeechError';
    this.details = details;
  }
}

/** True when `error` is a {@link SpeechError}, optionally with the given code. */
export function isSpeechError(error: unknown, code?: SpeechErrorCode): error is SpeechError {
  return error instanceof SpeechError && (code === undefined || error.code === code);
}

/** Throws `DEURO_SPEECH_MODEL_MALFORMED` naming `file` unless `ok`. */
export function checkModel(ok: boolean, file: string, rule: string): asserts ok {
  if (!ok) {
    throw new SpeechError(SpeechErrorCode.modelMalformed, `${file}: ${rule}`, { field: file });
  }
}

/** Throws `DEURO_SPEECH_INVALID_OPTION` naming `field` unless `ok`. */
export function checkOption(
  ok: boolean,
  field: string,
  value: number | string,
  rule: string,
): void {
  if (!ok) {
    throw new SpeechError(
      SpeechErrorCode.invalidOption,
      `${field} must be ${rule} (got ${String(value)})`,
      { field, value },
    );
  }
}
