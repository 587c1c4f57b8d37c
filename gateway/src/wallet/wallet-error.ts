/*
 * The catalogue of wallet error codes, and the one error class the wallet and the API key
 * registry throw.
 *
 * Messages name labels, files and fields, and never contain a passphrase, a private key, a
 * derived key or an API key: errors are logged, and logs are not a place for secrets. The
 * underlying error, when there is one, is kept as `cause` (system errors and OpenSSL parse errors
 * carry no key material either).
 */
import { CodedError } from '../errors/coded-error';

/**
 * Every code a {@link WalletError} may carry: the HTTP status and problem+json title it maps to
 * (the same shape as the gateway's `errors/error-catalogue.ts`) and what it means.
 */
export const walletErrorCatalogue = {
  DEURO_WALLET_LOCKED: {
    status: 500,
    title: 'Wallet locked',
    meaning:
      'A private key could not be decrypted: the passphrase is wrong, or the file was altered.',
  },
  DEURO_WALLET_NOT_FOUND: {
    status: 404,
    title: 'Identity not found',
    meaning: 'No identity is stored under that label.',
  },
  DEURO_WALLET_INVALID_ARGUMENT: {
    status: 400,
    title: 'Invalid wallet argument',
    meaning:
      'An argument failed validation (a label, a passphrase, an option); the message names it.',
  },
  DEURO_WALLET_INVALID_IDENTITY: {
    status: 400,
    title: 'Invalid identity',
    meaning:
      'An identity is unusable: the certificate or key does not parse, the key is not EC or Ed25519, or they do not match.',
  },
  DEURO_WALLET_CORRUPT: {
    status: 500,
    title: 'Wallet file unreadable',
    meaning: 'A wallet or API key file is not in a format or version this code reads.',
  },
  DEURO_WALLET_IO: {
    status: 500,
    title: 'Wallet I/O error',
    meaning: 'The file system failed; `cause` holds the system error.',
  },
} as const satisfies Record<string, { status: number; title: string; meaning: string }>;

/**
 * A stable wallet error code from {@link walletErrorCatalogue}.
 */
export type WalletErrorCode = keyof typeof walletErrorCatalogue;

/**
 * An error raised by the wallet or the API key registry. Its message is `CODE: detail`.
 */
export class WalletError extends CodedError<WalletErrorCode> {
  /** The identity label concerned, when there is one. */
  readonly label: string | undefined;

  /**
   * @param code - A code from {@link walletErrorCatalogue}.
   * @param detail - What went wrong, naming the label, file or field; never a secret.
   * @param options - The label concerned and the underlying cause.
   */
  constructor(
    code: WalletErrorCode,
    detail: string,
    options: { readonly label?: string; readonly cause?: unknown } = {},
  ) {
    super(code, detail, options.cause);
    this.name = 'WalletError';
    this.label = options.label;
  }
}

/**
 * Whether a value is a {@link WalletError}, optionally with a given code.
 * @param value - Anything caught.
 * @param code - The code to match, if any.
 */
export function isWalletError(value: unknown, code?: WalletErrorCode): value is WalletError {
  return value instanceof WalletError && (code === undefined || value.code === code);
}

/**
 * Wrap a file-system error, keeping it as `cause`. A WalletError is returned unchanged.
 * @param operation - What was being done, such as `write wallet file ops.id.json`.
 * @param err - The error caught.
 */
export function walletIoError(operation: string, err: unknown): WalletError {
  if (err instanceof WalletError) {
    return err;
  }
  const sysCode = (err as { code?: unknown } | null)?.code;
  const suffix = typeof sysCode === 'string' ? ` (${sysCode})` : '';
  return new WalletError('DEURO_WALLET_IO', `${operation} failed${suffix}`, { cause: err });
}
