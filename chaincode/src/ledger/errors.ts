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
  DEURO_ALREADY_EXISTS:
    'An object with that identifier (asset id, key fingerprint) already exists.',
  DEURO_ACCESS_DENIED: 'The calling identity may not read or change this object.',
  DEURO_INVALID_TRANSITION:
    "The asset's state machine does not allow this transaction in the asset's current state.",
  DEURO_KEY_UNAVAILABLE:
    'An encryption key the transaction needs is not registered or is retired: register or rotate it first.',
  DEURO_PRIVATE_DATA_MISSING:
    'The private data this transaction needs was not passed in the transient map, or is not stored.',
  DEURO_PRIVATE_DATA_MISMATCH:
    "The private data does not hash to the value recorded on the asset's public state.",
  DEURO_LEASE_NOT_HELD:
    'The caller does not hold the lease on this task: it was never leased to the caller, or it expired and another worker took it.',
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
 * The calling identity may not do this.
 * @param detail - What was refused and why.
 */
export function accessDenied(detail: string): DeuroError {
  return new DeuroError('DEURO_ACCESS_DENIED', detail);
}

/**
 * An object with this identifier exists already.
 * @param objectType - The kind of object, such as `asset`.
 * @param id - The identifier.
 */
export function alreadyExists(objectType: string, id: string): DeuroError {
  return new DeuroError('DEURO_ALREADY_EXISTS', `${objectType} ${id} already exists`);
}

/**
 * The object's state does not allow this transaction.
 * @param detail - The state and what it allows.
 */
export function invalidTransition(detail: string): DeuroError {
  return new DeuroError('DEURO_INVALID_TRANSITION', detail);
}

/**
 * The caller does not hold the lease on a task or trial.
 * @param detail - Who holds it, or why nobody does.
 */
export function leaseNotHeld(detail: string): DeuroError {
  return new DeuroError('DEURO_LEASE_NOT_HELD', detail);
}

/**
 * Whether `err` is a {@link DeuroError}, optionally with the given code.
 */
export function isDeuroError(err: unknown, code?: ErrorCode): err is DeuroError {
  return err instanceof DeuroError && (code === undefined || err.code === code);
}
