/*
 * The one catalogue of chaincode error codes.
 *
 * Only `error.message` crosses from the chaincode to the client, so every message starts with its
 * stable code followed by a colon (`DEURO_NOT_FOUND: value k1 does not exist`). The gateway maps
 * the code, never the English text after it. Codes are added here, and only here.
 */

/**
 * Every error code the chaincode may return, with what it means to a caller.
 */
export const errorCatalogue = {
  DEURO_INVALID_ARGUMENT: 'A transaction argument failed validation; the message names the field.',
  DEURO_NOT_FOUND: 'The requested ledger object does not exist.',
} as const;

/**
 * A stable error code from {@link errorCatalogue}.
 */
export type ErrorCode = keyof typeof errorCatalogue;

/**
 * An error raised by Deuro chaincode. Its message is `CODE: detail`.
 */
export class DeuroError extends Error {
  /** The stable code that also starts {@link Error.message}. */
  readonly code: ErrorCode;
  /** The message without its code prefix. */
  readonly detail: string;

  /**
   * @param code - A code from the catalogue.
   * @param detail - What went wrong, naming the field or object concerned.
   */
  constructor(code: ErrorCode, detail: string) {
    super(`${code}: ${detail}`);
    this.name = 'DeuroError';
    this.code = code;
    this.detail = detail;
  }
}

/**
 * A transaction argument failed validation.
 * @param detail - What is wrong, starting with the field name.
 */
export function invalidArgument(detail: string): DeuroError {
  return new DeuroError('DEURO_INVALID_ARGUMENT', detail);
}

/**
 * A ledger object does not exist.
 * @param objectType - The kind of object, such as `value`.
 * @param id - The identifier that was looked up.
 */
export function notFound(objectType: string, id: string): DeuroError {
  return new DeuroError('DEURO_NOT_FOUND', `${objectType} ${id} does not exist`);
}

/**
 * Whether `err` is a {@link DeuroError}, optionally with the given code.
 */
export function isDeuroError(err: unknown, code?: ErrorCode): err is DeuroError {
  return err instanceof DeuroError && (code === undefined || err.code === code);
}
