/*
 * The catalogue of data set error codes and the one error class the data set loaders throw.
 * Messages name the file or field concerned; callers switch on the code.
 */
import { CodedError } from '../../errors/coded-error.js';

/**
 * Every code a {@link DatasetError} may carry, with the HTTP status and problem+json title it
 * maps to and what it means.
 */
export const datasetErrorCatalogue = {
  DEURO_DATASET_MALFORMED: {
    status: 422,
    title: 'Malformed data set',
    meaning: 'A data set file is missing, has the wrong size or values, or fails its SHA-256.',
  },
  DEURO_DATASET_MISMATCH: {
    status: 422,
    title: 'Data set differs from the reference',
    meaning: 'The exported data do not hash to the pinned SHA-256 Deuro was measured with.',
  },
  DEURO_DATASET_REFERENCE_MISSING: {
    status: 503,
    title: 'Reference tool missing',
    meaning: 'The export needs /usr/bin/python3 with numpy and scikit-learn (python3-sklearn).',
  },
  DEURO_DATASET_EXPORT_FAILED: {
    status: 500,
    title: 'Data set export failed',
    meaning: 'The export script failed for another reason; the message carries its stderr.',
  },
  DEURO_DATASET_INVALID_ARGUMENT: {
    status: 400,
    title: 'Invalid data set argument',
    meaning: 'An option or sample selection is invalid; the message names it.',
  },
} as const satisfies Record<string, { status: number; title: string; meaning: string }>;

/** A stable data set error code from {@link datasetErrorCatalogue}. */
export type DatasetErrorCode = keyof typeof datasetErrorCatalogue;

/** An error raised by a data set loader; `field` names the file, option or field concerned. */
export class DatasetError extends CodedError<DatasetErrorCode> {
  /** The file, option or manifest field concerned. */
  readonly field: string | undefined;

  /**
   * @param code - A code from {@link datasetErrorCatalogue}.
   * @param detail - What is wrong, naming the file or field.
   * @param field - The file, option or field concerned.
   * @param cause - The underlying error (a system error, a child process failure).
   */
  constructor(code: DatasetErrorCode, detail: string, field?: string, cause?: unknown) {
    super(code, detail, cause);
    this.name = 'DatasetError';
    this.field = field;
  }
}

/**
 * Whether a value is a {@link DatasetError}, optionally with a given code.
 * @param value - Anything caught.
 * @param code - The code to match, if any.
 */
export function isDatasetError(value: unknown, code?: DatasetErrorCode): value is DatasetError {
  return value instanceof DatasetError && (code === undefined || value.code === code);
}
