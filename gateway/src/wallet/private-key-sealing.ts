/*
 * Encryption of private keys at rest: AES-256-GCM under a key derived from a passphrase with
 * scrypt.
 *
 * Each sealing draws a fresh 16-byte salt and a fresh 12-byte IV, so no two files share a derived
 * key or a nonce. The scrypt parameters are stored with the ciphertext, so the defaults can be
 * raised later while old files still open; parameters read from a file are bounded (memory at
 * most 256 MiB) so a crafted file cannot make the gateway allocate without limit. The caller's
 * additional authenticated data binds the ciphertext to its context (the MSP ID and certificate),
 * so a sealed key moved into another identity's file fails to open. GCM cannot tell a wrong
 * passphrase from altered bytes; both fail the same way, as DEURO_WALLET_LOCKED.
 */

import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  scrypt,
  type BinaryLike,
} from 'node:crypto';
import { WalletError } from './wallet-error';

/** The scrypt cost parameters. */
export interface ScryptParameters {
  /** CPU/memory cost, a power of two. */
  readonly n: number;
  /** Block size. */
  readonly r: number;
  /** Parallelization. */
  readonly p: number;
}

/** The default parameters: N=2^15, r=8, p=1 (32 MiB, about 0.1 s on one core). */
export const defaultScryptParameters: ScryptParameters = { n: 2 ** 15, r: 8, p: 1 };

/** A private key encrypted at rest, as stored in a wallet file. Binary fields are base64. */
export interface SealedPrivateKey {
  readonly kdf: 'scrypt';
  readonly scrypt: ScryptParameters & { readonly keyLength: number; readonly salt: string };
  readonly cipher: 'aes-256-gcm';
  readonly iv: string;
  readonly tag: string;
  readonly ciphertext: string;
}

const KEY_BYTES = 32;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const MAX_SCRYPT_MEMORY = 256 * 1024 * 1024;

/**
 * Encrypt a private key under a passphrase.
 * @param privateKeyPem - The key to seal.
 * @param passphrase - The wallet passphrase.
 * @param context - Additional authenticated data that must be presented again to open.
 * @param parameters - scrypt cost; {@link defaultScryptParameters} unless given.
 * @throws WalletError DEURO_WALLET_INVALID_ARGUMENT when the parameters are out of bounds.
 */
export async function sealPrivateKey(
  privateKeyPem: string,
  passphrase: string,
  context: Buffer,
  parameters: ScryptParameters = defaultScryptParameters,
): Promise<SealedPrivateKey> {
  if (!areScryptParametersValid(parameters)) {
    throw new WalletError(
      'DEURO_WALLET_INVALID_ARGUMENT',
      'scrypt parameters must have n a power of two from 2^10, r and p from 1, memory at most 256 MiB',
    );
  }
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const key = await deriveKey(passphrase, salt, parameters);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(context);
  const ciphertext = Buffer.concat([cipher.update(privateKeyPem, 'utf8'), cipher.final()]);
  key.fill(0);
  return {
    kdf: 'scrypt',
    scrypt: {
      n: parameters.n,
      r: parameters.r,
      p: parameters.p,
      keyLength: KEY_BYTES,
      salt: salt.toString('base64'),
    },
    cipher: 'aes-256-gcm',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
}

/**
 * Decrypt a sealed private key.
 * @param sealed - The sealed key, as read from a file (its fields already type-checked).
 * @param passphrase - The wallet passphrase.
 * @param context - The additional authenticated data given when sealing.
 * @param label - The label of the identity being opened, for the error's message and field.
 * @returns The private key PEM.
 * @throws WalletError DEURO_WALLET_LOCKED when the passphrase is wrong or any sealed byte or the
 * context changed; DEURO_WALLET_CORRUPT when the parameters or field lengths are out of bounds.
 */
export async function openPrivateKey(
  sealed: SealedPrivateKey,
  passphrase: string,
  context: Buffer,
  label: string,
): Promise<string> {
  const salt = Buffer.from(sealed.scrypt.salt, 'base64');
  const iv = Buffer.from(sealed.iv, 'base64');
  const tag = Buffer.from(sealed.tag, 'base64');
  if (!isSealedShapeValid(sealed, salt, iv, tag)) {
    throw new WalletError(
      'DEURO_WALLET_CORRUPT',
      `identity ${label}: sealed private key has out-of-bounds scrypt parameters or field lengths`,
      { label },
    );
  }
  const key = await deriveKey(passphrase, salt, sealed.scrypt);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(context);
    decipher.setAuthTag(tag);
    const ciphertext = Buffer.from(sealed.ciphertext, 'base64');
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new WalletError(
      'DEURO_WALLET_LOCKED',
      `identity ${label}: the private key cannot be decrypted: the wallet passphrase is wrong, or the file was altered`,
      { label },
    );
  } finally {
    key.fill(0);
  }
}

/**
 * Whether scrypt parameters are within the bounds this code accepts.
 * @param parameters - The parameters to check.
 */
export function areScryptParametersValid(parameters: ScryptParameters): boolean {
  const { n, r, p } = parameters;
  const integers = [n, r, p].every((value) => Number.isSafeInteger(value) && value >= 1);
  return (
    integers &&
    n >= 2 ** 10 &&
    (n & (n - 1)) === 0 &&
    scryptMemory(parameters) <= MAX_SCRYPT_MEMORY &&
    p <= 16
  );
}

function isSealedShapeValid(
  sealed: SealedPrivateKey,
  salt: Buffer,
  iv: Buffer,
  tag: Buffer,
): boolean {
  return (
    areScryptParametersValid(sealed.scrypt) &&
    sealed.scrypt.keyLength === KEY_BYTES &&
    salt.length >= SALT_BYTES &&
    iv.length === IV_BYTES &&
    tag.length === TAG_BYTES
  );
}

function scryptMemory(parameters: ScryptParameters): number {
  return 128 * parameters.n * parameters.r;
}

function deriveKey(
  passphrase: string,
  salt: BinaryLike,
  parameters: ScryptParameters,
): Promise<Buffer> {
  const secret = Buffer.from(passphrase.normalize('NFC'), 'utf8');
  return new Promise((resolve, reject) => {
    scrypt(
      secret,
      salt,
      KEY_BYTES,
      {
        N: parameters.n,
        r: parameters.r,
        p: parameters.p,
        maxmem: scryptMemory(parameters) + 128 * parameters.r * parameters.p + 1024 * 1024,
      },
      (err, key) => {
        secret.fill(0);
        if (err) {
          reject(
            new WalletError('DEURO_WALLET_INVALID_ARGUMENT', 'scrypt key derivation failed', {
              cause: err,
            }),
          );
          return;
        }
        resolve(key);
      },
    );
  });
}
