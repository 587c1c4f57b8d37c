/*
 * The gateway's one error type. Everything the REST API answers with as an error is an ApiError
 * by the time it reaches the problem+json middleware: thrown directly, or converted from a ledger
 * error by its chaincode code (see ledger-error.ts).
 */
import { CodedError } from './coded-error';
import { errorCatalogue, type ApiErrorCode } from './error-catalogue';

/** Options of {@link ApiError}. */
export interface ApiErrorOptions {
  /** What caused it, for logs (never sent to the client). */
  readonly cause?: unknown;
  /** The Fabric transaction the error concerns, when there is one. */
  readonly transactionId?: string;
  /** Per-field problems of a validation failure. */
  readonly errors?: readonly { readonly pointer: string; readonly detail: string }[];
}

/** An error the REST API reports to its caller. */
export class ApiError extends CodedError<ApiErrorCode> {
  readonly status: number;
  readonly transactionId: string | undefined;
  readonly errors: readonly { readonly pointer: string; readonly detail: string }[];

  constructor(code: ApiErrorCode, detail: string, options: ApiErrorOptions = {}) {
    super(code, detail, options.cause);
    this.name = 'ApiError';
    this.status = errorCatalogue[code].status;
    this.transactionId = options.transactionId;
    this.errors = options.errors ?? [];
  }
}

/** Whether a value is an {@link ApiError}, optionally with the given code. */
export function isApiError(value: unknown, code?: ApiErrorCode): value is ApiError {
  return value instanceof ApiError && (code === undefined || value.code === code);
}
