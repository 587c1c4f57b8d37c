/*
 * The base of every error the gateway's libraries raise (blob store, wallet, CMS, REST API): a
 * stable code, a detail a person can act on (never a secret or plaintext), and a message
 * `CODE: detail`. The REST layer maps any CodedError whose code is in the catalogue to its HTTP
 * status, so libraries need not know about HTTP.
 */

/** An error with a stable code. */
export class CodedError<Code extends string = string> extends Error {
  /** The stable code that also starts {@link Error.message}. */
  readonly code: Code;
  /** The message without its code. */
  readonly detail: string;

  constructor(code: Code, detail: string, cause?: unknown) {
    super(`${code}: ${detail}`, cause === undefined ? undefined : { cause });
    this.name = 'CodedError';
    this.code = code;
    this.detail = detail;
  }
}

/** Whether a value is a {@link CodedError}. */
export function isCodedError(value: unknown): value is CodedError {
  return value instanceof CodedError;
}
