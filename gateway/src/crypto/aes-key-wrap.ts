/*
 * AES key wrap (RFC 3394) through node:crypto's id-aesNNN-wrap ciphers, with the default initial
 * value. Unwrapping checks that value, so a wrong key-encryption key or a changed wrapped key is
 * detected.
 */

import { createCipheriv, createDecipheriv } from 'node:crypto';
import { CryptoError } from './crypto-error';

const DEFAULT_IV = Buffer.from('a6a6a6a6a6a6a6a6', 'hex');

/** The node:crypto cipher name of AES key wrap for a key-encryption key length in bytes. */
export function aesWrapCipherName(keyLength: number): string {
  return `id-aes${String(keyLength * 8)}-wrap`;
}

/** Wrap `key` under `kek` (16, 24 or 32 bytes). */
export function aesWrapKey(kek: Buffer, key: Buffer): Buffer {
  const cipher = createCipheriv(aesWrapCipherName(kek.length), kek, DEFAULT_IV);
  return Buffer.concat([cipher.update(key), cipher.final()]);
}

/**
 * Unwrap a wrapped key.
 * @throws CryptoError `DEURO_CRYPTO_TAMPERED` when the integrity check fails.
 */
export function aesUnwrapKey(kek: Buffer, wrapped: Buffer): Buffer {
  try {
    const decipher = createDecipheriv(aesWrapCipherName(kek.length), kek, DEFAULT_IV);
    return Buffer.concat([decipher.update(wrapped), decipher.final()]);
  } catch (error) {
    throw new CryptoError(
      'DEURO_CRYPTO_TAMPERED',
      'the wrapped content key fails the AES key wrap integrity check',
      error,
    );
  }
}
