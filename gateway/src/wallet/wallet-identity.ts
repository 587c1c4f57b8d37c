/*
 * The identity a wallet holds, and its validation before it is stored.
 *
 * An identity is checked once, when it enters the wallet: the certificate must parse as X.509,
 * the private key must parse and be an EC or Ed25519 key (the types Fabric signs with), and the
 * key must be the certificate's. A mismatched pair would otherwise surface much later, as a
 * signature the peers reject.
 */

import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { WalletError } from './wallet-error';

/** A Fabric client identity, with its private key in clear. */
export interface WalletIdentity {
  /** The MSP ID the certificate belongs to, such as `Org1MSP`. */
  readonly mspId: string;
  /** PEM of the X.509 certificate. */
  readonly certificatePem: string;
  /** PEM of the private key (PKCS#8 or SEC1). */
  readonly privateKeyPem: string;
}

const MSP_ID = /^[A-Za-z0-9._-]{1,128}$/;
const SIGNING_KEY_TYPES = new Set(['ec', 'ed25519']);

/**
 * Check that an identity is complete and that its key belongs to its certificate.
 * @param identity - The identity to check.
 * @param label - Its label, for error messages.
 * @throws WalletError DEURO_WALLET_INVALID_IDENTITY naming the field that is wrong.
 */
export function validateIdentity(identity: WalletIdentity, label: string): void {
  if (typeof identity.mspId !== 'string' || !MSP_ID.test(identity.mspId)) {
    throw invalid(label, 'mspId must be 1 to 128 of A-Z a-z 0-9 . _ -');
  }
  const certificate = parseCertificate(identity.certificatePem, label);
  const privateKey = parsePrivateKey(identity.privateKeyPem, label);
  if (!SIGNING_KEY_TYPES.has(privateKey.asymmetricKeyType ?? '')) {
    throw invalid(
      label,
      `privateKeyPem is a ${privateKey.asymmetricKeyType ?? 'unknown'} key; EC or Ed25519 expected`,
    );
  }
  if (!certificate.checkPrivateKey(privateKey)) {
    throw invalid(label, 'privateKeyPem is not the key of certificatePem');
  }
}

function parseCertificate(pem: unknown, label: string): X509Certificate {
  try {
    if (typeof pem !== 'string') {
      throw new TypeError('not a string');
    }
    return new X509Certificate(pem);
  } catch (err) {
    throw invalid(label, 'certificatePem is not a PEM X.509 certificate', err);
  }
}

function parsePrivateKey(pem: unknown, label: string): KeyObject {
  try {
    if (typeof pem !== 'string') {
      throw new TypeError('not a string');
    }
    return createPrivateKey({ key: pem, format: 'pem' });
  } catch (err) {
    throw invalid(label, 'privateKeyPem is not an unencrypted PEM private key', err);
  }
}

function invalid(label: string, detail: string, cause?: unknown): WalletError {
  return new WalletError('DEURO_WALLET_INVALID_IDENTITY', `identity ${label}: ${detail}`, {
    label,
    cause,
  });
}
