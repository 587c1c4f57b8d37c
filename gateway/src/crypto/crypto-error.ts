/*
 * The one error class of the crypto module. Every failure carries a stable `code` that callers
 * (the REST error middleware, the `deuro get` CLI) map without reading English text. Messages
 * name the problem and the object (a recipient index, a fingerprint, a DER field), never key
 * material, content keys or plaintext.
 */
import { CodedError } from '../errors/coded-error';

/** Stable codes of {@link CryptoError}, with what each means. */
export const cryptoErrorCodes = {
  /** A key is not RSA of 3072 bits or more, or EC P-256 (or it cannot be parsed). */
  DEURO_CRYPTO_UNSUPPORTED_KEY: 'the key type or size is not supported',
  /** None of the envelope's recipient infos is for the given private key. */
  DEURO_CRYPTO_NOT_A_RECIPIENT: 'the envelope is not encrypted to this key',
  /** An integrity check failed: the GCM tag, an AES key wrap, or an RSA-OAEP decryption. */
  DEURO_CRYPTO_TAMPERED: 'the envelope failed an integrity check',
  /** The bytes are not a well-formed CMS envelope (bad DER/BER, truncated, trailing data). */
  DEURO_CRYPTO_MALFORMED: 'the envelope is not well-formed',
  /** A well-formed CMS structure that Deuro does not read (another content type or algorithm). */
  DEURO_CRYPTO_UNSUPPORTED_FORMAT: 'the envelope uses a format Deuro does not read',
  /** An option passed by the caller is invalid (no recipients, a fingerprint that does not match). */
  DEURO_CRYPTO_INVALID_ARGUMENT: 'an argument is invalid',
} as const;

/** One of the stable crypto error codes. */
export type CryptoErrorCode = keyof typeof cryptoErrorCodes;

/**
 * A failure of CMS encryption, re-wrapping or decryption.
 */
export class CryptoError extends CodedError<CryptoErrorCode> {
  /**
   * @param code - The stable code; the message starts with it.
   * @param detail - What failed, naming the object; never key material or plaintext.
   * @param cause - The underlying error (e.g. from node:crypto), if any.
   */
  constructor(code: CryptoErrorCode, detail: string, cause?: unknown) {
    super(code, detail, cause);
    this.name = 'CryptoError';
  }
}

/**
 * Whether `error` is a {@link CryptoError}, optionally with the given code.
 */
export function isCryptoError(error: unknown, code?: CryptoErrorCode): error is CryptoError {
  return error instanceof CryptoError && (code === undefined || error.code === code);
}
