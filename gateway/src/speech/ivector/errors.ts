/**
 * Errors of the i-vector library: training, extraction, scoring and the model format.
 *
 * {@link IvectorError} is a {@link CodedError} with structured `details` (`field` names the
 * option, argument or file member concerned), so callers and the REST layer switch on the code.
 */

import { CodedError } from '../../errors/coded-error.js';

/** The stable codes of {@link IvectorError}. */
export const IvectorErrorCode = {
  /** An option or argument is out of range; `details.field` names it. */
  invalidParameter: 'DEURO_IVECTOR_INVALID_PARAMETER',
  /** Vectors or statistics do not have the dimension the model expects. */
  dimensionMismatch: 'DEURO_IVECTOR_DIMENSION_MISMATCH',
  /** Too little data: no speech frames, fewer frames than components, too few speakers. */
  notEnoughData: 'DEURO_IVECTOR_NOT_ENOUGH_DATA',
  /** A model or i-vector file is not in the documented format; `details.field` names the part. */
  malformedModel: 'DEURO_IVECTOR_MALFORMED_MODEL',
  /** A matrix that must be positive definite is not (degenerate training data). */
  numerical: 'DEURO_IVECTOR_NUMERICAL',
  /** The model file does not exist or cannot be read. */
  modelMissing: 'DEURO_IVECTOR_MODEL_MISSING',
  /** An asset given as an i-vector is not an i-vector feature set; `details.field` names it. */
  notAnIvector: 'DEURO_IVECTOR_NOT_AN_IVECTOR',
  /** The i-vector sent is not the one the ledger records (its SHA-256 differs). */
  hashMismatch: 'DEURO_IVECTOR_HASH_MISMATCH',
  /** Two i-vectors extracted with different models cannot be compared. */
  modelMismatch: 'DEURO_IVECTOR_MODEL_MISMATCH',
} as const;

export type IvectorErrorCode = (typeof IvectorErrorCode)[keyof typeof IvectorErrorCode];

/** HTTP status and problem+json title of every {@link IvectorErrorCode}. */
export const ivectorErrorCatalogue = {
  DEURO_IVECTOR_INVALID_PARAMETER: {
    status: 400,
    title: 'Invalid i-vector parameter',
    meaning: 'An option or argument is out of range; details.field names it.',
  },
  DEURO_IVECTOR_DIMENSION_MISMATCH: {
    status: 400,
    title: 'Dimension mismatch',
    meaning: 'An i-vector, feature matrix or statistic does not fit the model; details.field.',
  },
  DEURO_IVECTOR_NOT_ENOUGH_DATA: {
    status: 422,
    title: 'Not enough data',
    meaning: 'No speech frames in the audio, or too little training data for the model size.',
  },
  DEURO_IVECTOR_MALFORMED_MODEL: {
    status: 422,
    title: 'Malformed i-vector model',
    meaning: 'A model or i-vector file is not in the documented format; details.field.',
  },
  DEURO_IVECTOR_NUMERICAL: {
    status: 422,
    title: 'Numerical failure',
    meaning: 'A matrix that must be positive definite is not; the training data is degenerate.',
  },
  DEURO_IVECTOR_MODEL_MISSING: {
    status: 503,
    title: 'i-vector model missing',
    meaning: 'The model file does not exist or cannot be read; details.field is its path.',
  },
  DEURO_IVECTOR_NOT_AN_IVECTOR: {
    status: 422,
    title: 'Not an i-vector',
    meaning: 'The asset is not an i-vector feature set (deuro ivector extract); details.field.',
  },
  DEURO_IVECTOR_HASH_MISMATCH: {
    status: 422,
    title: 'i-vector hash mismatch',
    meaning: 'The i-vector sent does not hash to the feature-sha256 the ledger records for it.',
  },
  DEURO_IVECTOR_MODEL_MISMATCH: {
    status: 422,
    title: 'i-vectors of different models',
    meaning: 'The two i-vectors were extracted with different models and cannot be compared.',
  },
} as const satisfies Record<IvectorErrorCode, { status: number; title: string; meaning: string }>;

/** Structured fields of an {@link IvectorError}. */
export interface IvectorErrorDetails {
  /** The option, argument or file member concerned. */
  readonly field?: string;
  /** The offending value, when small. */
  readonly value?: string | number;
}

/** Raised by the i-vector library; message `CODE: detail`. */
export class IvectorError extends CodedError<IvectorErrorCode> {
  readonly details: IvectorErrorDetails;

  constructor(
    code: IvectorErrorCode,
    detail: string,
    details: IvectorErrorDetails = {},
    cause?: unknown,
  ) {
    super(code, detail, cause);
    this.name = 'IvectorError';
    this.details = details;
  }
}

/** True when `error` is an {@link IvectorError}, optionally with the given code. */
export function isIvectorError(error: unknown, code?: IvectorErrorCode): error is IvectorError {
  return error instanceof IvectorError && (code === undefined || error.code === code);
}

/** Throws `DEURO_IVECTOR_INVALID_PARAMETER` naming `field` unless `ok`. */
export function checkOption(ok: boolean, field: string, value: unknown, rule: string): void {
  if (!ok) {
    const shown = typeof value === 'number' ? value : String(value);
    throw new IvectorError(
      IvectorErrorCode.invalidParameter,
      `${field} must be ${rule} (got ${String(value)})`,
      { field, value: shown },
    );
  }
}

/** Throws `DEURO_IVECTOR_DIMENSION_MISMATCH` naming `field` unless `actual === expected`. */
export function checkDimension(actual: number, expected: number, field: string): void {
  if (actual !== expected) {
    throw new IvectorError(
      IvectorErrorCode.dimensionMismatch,
      `${field} has dimension ${String(actual)}, expected ${String(expected)}`,
      { field, value: actual },
    );
  }
}
