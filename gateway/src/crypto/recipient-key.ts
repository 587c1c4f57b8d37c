/*
 * Recipient keys as Deuro registers them: RSA of 3072 bits or more, or EC P-256, given as SPKI
 * or certificate PEM or a KeyObject. A key is named by its fingerprint, the SHA-256 of its SPKI
 * DER; the envelope identifies a recipient by a subjectKeyIdentifier holding those 32 bytes, so
 * the fingerprint on the ledger and the key id in the envelope are the same value.
 */

import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { CryptoError } from './crypto-error';

/** Smallest RSA modulus Deuro accepts, as the key directory does. */
export const MIN_RSA_BITS = 3072;

/** A public key in one of the forms the API accepts. */
export type PublicKeyInput = string | Buffer | KeyObject;

/** The kinds of recipient keys the envelope supports. */
export type RecipientKeyKind = 'rsa' | 'ec-p256';

/** A validated recipient public key with its identifiers. */
export interface RecipientPublicKey {
  readonly kind: RecipientKeyKind;
  readonly key: KeyObject;
  /** SHA-256 of the SPKI DER, lowercase hex. */
  readonly fingerprint: string;
  /** The subjectKeyIdentifier written for this key: the 32 fingerprint bytes. */
  readonly keyId: Buffer;
}

/**
 * The Deuro fingerprint of a public key: SHA-256 of its SPKI DER in lowercase hex, as
 * `openssl pkey -pubin -in key.pem -outform DER | sha256sum` prints it.
 * @param publicKey - SPKI or X.509 certificate PEM, or a KeyObject (a private key gives the
 * fingerprint of its public key).
 * @throws CryptoError `DEURO_CRYPTO_UNSUPPORTED_KEY` when the key cannot be parsed.
 */
export function keyFingerprint(publicKey: PublicKeyInput): string {
  return keyIdOf(toPublicKeyObject(publicKey, 'the key')).toString('hex');
}

/**
 * Validate a recipient key and compute its identifiers.
 * @param label - Names the key in error messages, e.g. `recipients[2]`.
 * @param expectedFingerprint - When given, the key must have this fingerprint.
 * @throws CryptoError `DEURO_CRYPTO_UNSUPPORTED_KEY` for another key type or size;
 * `DEURO_CRYPTO_INVALID_ARGUMENT` when the fingerprint does not match.
 */
export function newRecipientPublicKey(
  publicKey: PublicKeyInput,
  label: string,
  expectedFingerprint?: string,
): RecipientPublicKey {
  const key = toPublicKeyObject(publicKey, label);
  const kind = recipientKeyKind(key, label);
  const keyId = keyIdOf(key);
  const fingerprint = keyId.toString('hex');
  if (expectedFingerprint !== undefined && expectedFingerprint.toLowerCase() !== fingerprint) {
    throw new CryptoError(
      'DEURO_CRYPTO_INVALID_ARGUMENT',
      `${label}: fingerprint ${expectedFingerprint} does not match the key (${fingerprint})`,
    );
  }
  return { kind, key, fingerprint, keyId };
}

/**
 * The kind of a public or private key.
 * @throws CryptoError `DEURO_CRYPTO_UNSUPPORTED_KEY` naming the type, curve or size found.
 */
export function recipientKeyKind(key: KeyObject, label: string): RecipientKeyKind {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      checkRsaSize(key, label);
      return 'rsa';
    case 'ec':
      checkP256(key, label);
      return 'ec-p256';
    default:
      throw unsupportedKey(
        `${label}: key type ${key.asymmetricKeyType ?? key.type} (RSA or EC P-256 needed)`,
      );
  }
}

function checkRsaSize(key: KeyObject, label: string): void {
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_BITS) {
    throw unsupportedKey(`${label}: RSA of ${String(bits)} bits (at least 3072 needed)`);
  }
}

function checkP256(key: KeyObject, label: string): void {
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (curve !== 'prime256v1') {
    throw unsupportedKey(`${label}: EC curve ${curve ?? 'unknown'} (P-256 needed)`);
  }
}

/** The SHA-256 of the SPKI DER of a key (of the public half, for a private key). */
export function keyIdOf(key: KeyObject): Buffer {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest();
}

function toPublicKeyObject(input: PublicKeyInput, label: string): KeyObject {
  if (typeof input !== 'string' && !Buffer.isBuffer(input)) {
    if (input.type === 'secret') {
      throw unsupportedKey(`${label}: a secret key is not a public key`);
    }
    return input.type === 'private' ? createPublicKey(input) : input;
  }
  try {
    return createPublicKey(input);
  } catch (error) {
    throw new CryptoError(
      'DEURO_CRYPTO_UNSUPPORTED_KEY',
      `${label}: not an SPKI or certificate PEM`,
      error,
    );
  }
}

function unsupportedKey(detail: string): CryptoError {
  return new CryptoError('DEURO_CRYPTO_UNSUPPORTED_KEY', detail);
}
