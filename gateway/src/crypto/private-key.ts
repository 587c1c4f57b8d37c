/*
 * A recipient's private key in the forms the API accepts (PKCS#8, SEC1 or PKCS#1 PEM, or a
 * KeyObject), checked to be of a kind the envelope supports.
 */

import { createPrivateKey, type KeyObject } from 'node:crypto';
import { CryptoError } from './crypto-error';
import { recipientKeyKind } from './recipient-key';

/** A private key in one of the forms the API accepts. */
export type PrivateKeyInput = string | Buffer | KeyObject;

/**
 * Parse and check a recipient's private key.
 * @param label - Names the key in error messages, e.g. `privateKey`.
 * @throws CryptoError `DEURO_CRYPTO_UNSUPPORTED_KEY` when it is not a private key, or not RSA
 * of 3072 bits or more or EC P-256.
 */
export function toRecipientPrivateKey(input: PrivateKeyInput, label: string): KeyObject {
  let key: KeyObject;
  if (typeof input === 'string' || Buffer.isBuffer(input)) {
    try {
      key = createPrivateKey(input);
    } catch (error) {
      throw new CryptoError(
        'DEURO_CRYPTO_UNSUPPORTED_KEY',
        `${label}: not a private key PEM`,
        error,
      );
    }
  } else {
    key = input;
  }
  if (key.type !== 'private') {
    throw new CryptoError(
      'DEURO_CRYPTO_UNSUPPORTED_KEY',
      `${label}: a ${key.type} key, not a private key`,
    );
  }
  recipientKeyKind(key, label);
  return key;
}
