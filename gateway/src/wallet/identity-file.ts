/*
 * The wallet file format, version 1: one JSON file per identity, `<label>.id.json`.
 *
 *   {
 *     "version": 1,
 *     "type": "X.509",
 *     "mspId": "Org1MSP",
 *     "certificate": "-----BEGIN CERTIFICATE-----\n...",
 *     "privateKey": { "kdf": "scrypt", "scrypt": { "n", "r", "p", "keyLength", "salt" },
 *                     "cipher": "aes-256-gcm", "iv", "tag", "ciphertext" }
 *   }
 *
 * The certificate is public and stays readable; only the private key is sealed. The sealing's
 * additional authenticated data is built here from the version, MSP ID and certificate, so none
 * of them can be swapped without the key failing to open. Parsing checks every field's type and
 * rejects other versions by name, so a future format is an explicit migration.
 */

import type { SealedPrivateKey } from './private-key-sealing';
import { WalletError } from './wallet-error';

/** The format version this code writes and reads. */
export const IDENTITY_FILE_VERSION = 1;

/** The suffix of identity files in a wallet folder. */
export const IDENTITY_FILE_SUFFIX = '.id.json';

/** The parsed content of an identity file. */
export interface IdentityFile {
  readonly version: typeof IDENTITY_FILE_VERSION;
  readonly type: 'X.509';
  readonly mspId: string;
  readonly certificate: string;
  readonly privateKey: SealedPrivateKey;
}

/**
 * The additional authenticated data that binds a sealed key to its identity.
 * @param mspId - The identity's MSP ID.
 * @param certificatePem - The identity's certificate.
 */
export function identityContext(mspId: string, certificatePem: string): Buffer {
  return Buffer.from(
    `deuro-wallet-identity\n${String(IDENTITY_FILE_VERSION)}\n${mspId}\n${certificatePem}`,
    'utf8',
  );
}

/**
 * Serialize an identity file.
 * @param file - The content to write.
 */
export function formatIdentityFile(file: IdentityFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * Parse and type-check an identity file.
 * @param text - The file's content.
 * @param label - The label it was read under, for error messages.
 * @throws WalletError DEURO_WALLET_CORRUPT naming the label and what is wrong.
 */
export function parseIdentityFile(text: string, label: string): IdentityFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // The SyntaxError quotes the text around the fault, so it is not kept as cause.
    throw corrupt(label, 'is not JSON');
  }
  if (!isRecord(value)) {
    throw corrupt(label, 'is not a JSON object');
  }
  if (value.version !== IDENTITY_FILE_VERSION) {
    const found = typeof value.version === 'number' ? String(value.version) : 'none';
    throw corrupt(label, `has version ${found}; this code reads version 1`);
  }
  if (value.type !== 'X.509' || !isText(value.mspId) || !isText(value.certificate)) {
    throw corrupt(label, 'lacks type X.509, mspId or certificate');
  }
  if (!isSealedPrivateKey(value.privateKey)) {
    throw corrupt(label, 'has a malformed privateKey');
  }
  return {
    version: IDENTITY_FILE_VERSION,
    type: 'X.509',
    mspId: value.mspId,
    certificate: value.certificate,
    privateKey: value.privateKey,
  };
}

function isSealedPrivateKey(value: unknown): value is SealedPrivateKey {
  return (
    isRecord(value) &&
    value.kdf === 'scrypt' &&
    value.cipher === 'aes-256-gcm' &&
    isRecord(value.scrypt) &&
    ['n', 'r', 'p', 'keyLength'].every(
      (field) => isRecord(value.scrypt) && typeof value.scrypt[field] === 'number',
    ) &&
    isText(value.scrypt.salt) &&
    [value.iv, value.tag, value.ciphertext].every(isText)
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function corrupt(label: string, what: string): WalletError {
  return new WalletError('DEURO_WALLET_CORRUPT', `wallet file of ${label} ${what}`, { label });
}
