/*
 * Parsing and checking an encryption public key for the key directory.
 *
 * Accepted: RSA of 3072 to 16384 bits, or EC on P-256, given as an SPKI (`PUBLIC KEY`) or an
 * X.509 certificate PEM. The fingerprint is the SHA-256 of the key's SPKI DER, in lowercase hex;
 * the key is stored re-encoded as SPKI PEM so every peer stores the same bytes. Anything that
 * looks like a private key is refused without echoing it.
 */
import { createHash, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';

import { invalidArgument } from '../ledger/errors';

/** The longest PEM accepted, in characters. */
export const MAX_KEY_PEM_LENGTH = 16_384;
const MIN_RSA_BITS = 3072;
const MAX_RSA_BITS = 16_384;

/** An encryption key, checked and normalised. */
export interface EncryptionKey {
  /** SHA-256 of the SPKI DER, lowercase hex. */
  readonly fingerprint: string;
  /** `RSA-<bits>` or `EC-P256`. */
  readonly algorithm: string;
  /** The key as SPKI PEM. */
  readonly publicKeyPem: string;
  /** The SPKI DER, to compare with the caller's signing key. */
  readonly spki: Buffer;
}

const FINGERPRINT_PATTERN = /^[0-9a-f]{64}$/;

/** Whether a string has the form of a key fingerprint. */
export function isFingerprint(text: string): boolean {
  return FINGERPRINT_PATTERN.test(text);
}

/**
 * Parse and check an encryption public key.
 * @throws {@link DeuroError} `DEURO_INVALID_ARGUMENT` naming what is wrong with it.
 */
export function parseEncryptionKey(pem: string): EncryptionKey {
  if (pem.length === 0 || pem.length > MAX_KEY_PEM_LENGTH) {
    throw invalidArgument(
      `publicKeyPem must be a PEM of 1 to ${String(MAX_KEY_PEM_LENGTH)} characters`,
    );
  }
  if (pem.includes('PRIVATE KEY')) {
    throw invalidArgument(
      'publicKeyPem holds a private key: register only the public key (SPKI or certificate)',
    );
  }
  const key = publicKeyOf(pem);
  const algorithm = algorithmOf(key);
  const spki = key.export({ type: 'spki', format: 'der' });
  return {
    fingerprint: createHash('sha256').update(spki).digest('hex'),
    algorithm,
    publicKeyPem: key.export({ type: 'spki', format: 'pem' }).toString(),
    spki,
  };
}

function publicKeyOf(pem: string): KeyObject {
  try {
    if (pem.includes('-----BEGIN CERTIFICATE-----')) {
      return new X509Certificate(pem).publicKey;
    }
    if (pem.includes('-----BEGIN PUBLIC KEY-----')) {
      return createPublicKey({ key: pem, format: 'pem' });
    }
  } catch {
    throw invalidArgument('publicKeyPem could not be parsed as an SPKI public key or certificate');
  }
  throw invalidArgument(
    'publicKeyPem must be a PEM "PUBLIC KEY" (SPKI) or "CERTIFICATE" (X.509) block',
  );
}

function algorithmOf(key: KeyObject): string {
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'rsa': {
      const bits = details.modulusLength ?? 0;
      if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
        throw invalidArgument(
          `publicKeyPem is RSA of ${String(bits)} bits: use ${String(MIN_RSA_BITS)} to ${String(MAX_RSA_BITS)} bits`,
        );
      }
      return `RSA-${String(bits)}`;
    }
    case 'ec':
      if (details.namedCurve !== 'prime256v1') {
        throw invalidArgument(
          `publicKeyPem is EC on ${details.namedCurve ?? 'an unnamed curve'}: only P-256 (prime256v1) is supported`,
        );
      }
      return 'EC-P256';
    default:
      throw invalidArgument(
        `publicKeyPem is a ${key.asymmetricKeyType ?? 'unknown'} key: use RSA (3072 bits or more) or EC P-256`,
      );
  }
}
