/*
 * The catalogue of blob store error codes, and the one error class the store throws.
 *
 * Every failure of the store surfaces as a StoreError whose `code` is stable, so the REST layer
 * maps codes to HTTP statuses without reading English text. Messages name hashes, sizes and
 * limits, never stored or uploaded bytes: a content address is not data.
 */
import { CodedError } from '../errors/coded-error';

/**
 * Every code a {@link StoreError} may carry: the HTTP status and problem+json title it maps to
 * (the same shape as the gateway's `errors/error-catalogue.ts`) and what it means.
 */
export const storeErrorCatalogue = {
  DEURO_STORE_NOT_FOUND: {
    status: 404,
    title: 'Blob not found',
    meaning: 'No blob is stored under that SHA-256.',
  },
  DEURO_STORE_TAMPERED: {
    status: 500,
    title: 'Stored blob corrupted',
    meaning: 'A stored blob no longer hashes to its address: its bytes changed on disk.',
  },
  DEURO_STORE_TOO_LARGE: {
    status: 413,
    title: 'Upload too large',
    meaning: 'An upload exceeded its maxBytes limit.',
  },
  DEURO_STORE_HASH_MISMATCH: {
    status: 422,
    title: 'Upload does not match its announced hash',
    meaning: 'An upload does not hash to the expectedSha256 the caller announced.',
  },
  DEURO_STORE_INVALID_ARGUMENT: {
    status: 400,
    title: 'Invalid blob store argument',
    meaning:
      'An argument failed validation (a malformed SHA-256, a negative limit); the message names it.',
  },
  DEURO_STORE_ABORTED: {
    status: 499,
    title: 'Upload aborted',
    meaning: 'An upload was cancelled through its AbortSignal.',
  },
  DEURO_STORE_SOURCE_FAILED: {
    status: 400,
    title: 'Upload stream failed',
    meaning: 'The stream being uploaded failed (for example the client connection broke).',
  },
  DEURO_STORE_IO: {
    status: 500,
    title: 'Blob store I/O error',
    meaning: 'The file system failed; `cause` holds the system error.',
  },
} as const satisfies Record<string, { status: number; title: string; meaning: string }>;

/**
 * A stable blob store error code from {@link storeErrorCatalogue}.
 */
export type StoreErrorCode = keyof typeof storeErrorCatalogue;

/**
 * Structured fields a {@link StoreError} may carry besides its code.
 */
export interface StoreErrorDetails {
  /** The content address concerned, when there is one. */
  readonly sha256?: string;
  /** The underlying error, such as a system error from `node:fs`. */
  readonly cause?: unknown;
}

/**
 * An error raised by a blob store. Its message is `CODE: detail` and never contains blob bytes.
 */
export class StoreError extends CodedError<StoreErrorCode> {
  /** The content address concerned, when there is one. */
  readonly sha256: string | undefined;

  /**
   * @param code - A code from {@link storeErrorCatalogue}.
   * @param detail - What went wrong, naming the hash, size or argument concerned.
   * @param details - The address concerned and the underlying cause.
   */
  constructor(code: StoreErrorCode, detail: string, details: StoreErrorDetails = {}) {
    super(code, detail, details.cause);
    this.name = 'StoreError';
    this.sha256 = details.sha256;
  }
}

/**
 * Whether a value is a {@link StoreError}, optionally with a given code.
 * @param value - Anything caught.
 * @param code - The code to match, if any.
 */
export function isStoreError(value: unknown, code?: StoreErrorCode): value is StoreError {
  return value instanceof StoreError && (code === undefined || value.code === code);
}

/**
 * Wrap a file-system error, keeping it as `cause`. A StoreError is returned unchanged.
 * @param operation - What the store was doing, such as `rename into place`.
 * @param err - The error caught.
 * @param sha256 - The content address concerned, if known.
 */
export function storeIoError(operation: string, err: unknown, sha256?: string): StoreError {
  if (err instanceof StoreError) {
    return err;
  }
  const sysCode = (err as { code?: unknown } | null)?.code;
  const suffix = typeof sysCode === 'string' ? ` (${sysCode})` : '';
  return new StoreError('DEURO_STORE_IO', `${operation} failed${suffix}`, { sha256, cause: err });
}
