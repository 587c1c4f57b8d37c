/*
 * A wallet of Fabric identities in a folder, one file per identity, private keys encrypted.
 *
 * The folder is mode 0700 and each `<label>.id.json` file mode 0600; files are replaced
 * atomically (see atomic-file.ts), so a crash never leaves half an identity. The passphrase is
 * held in memory by the wallet object and is only ever passed to scrypt. Every `get` derives the
 * key again (about 0.1 s with the default parameters): callers open a wallet identity once and
 * keep the resulting Fabric connection, not call `get` per request.
 */

import { chmod, mkdir, readFile, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { loadIdentityFromMsp } from '../fabric/identity-files';
import { syncDirectory, writeFileAtomic } from './atomic-file';
import {
  IDENTITY_FILE_SUFFIX,
  IDENTITY_FILE_VERSION,
  formatIdentityFile,
  identityContext,
  parseIdentityFile,
  type IdentityFile,
} from './identity-file';
import { validateLabel } from './identity-label';
import {
  defaultScryptParameters,
  openPrivateKey,
  sealPrivateKey,
  type ScryptParameters,
} from './private-key-sealing';
import { WalletError, walletIoError } from './wallet-error';
import { validateIdentity, type WalletIdentity } from './wallet-identity';

/**
 * Options of {@link newFileWallet}.
 */
export interface FileWalletOptions {
  /** The wallet folder; created with mode 0700 on first write. */
  readonly directory: string;
  /** The passphrase private keys are encrypted under. Never logged, never in an error. */
  readonly passphrase: string;
  /** scrypt cost for keys written from now on; {@link defaultScryptParameters} unless given. */
  readonly scrypt?: ScryptParameters;
}

/**
 * Fabric identities a gateway signs for, stored under labels.
 */
export interface Wallet {
  /**
   * Store an identity under a label, replacing any identity stored under it.
   * @throws WalletError DEURO_WALLET_INVALID_ARGUMENT for a malformed label,
   * DEURO_WALLET_INVALID_IDENTITY when the certificate or key is unusable or they do not match,
   * DEURO_WALLET_IO when the file system fails.
   */
  put(label: string, identity: WalletIdentity): Promise<void>;

  /**
   * Read and decrypt an identity.
   * @throws WalletError DEURO_WALLET_NOT_FOUND when no identity has the label,
   * DEURO_WALLET_LOCKED when the passphrase is wrong or the file was altered,
   * DEURO_WALLET_CORRUPT when the file is not a version-1 identity file,
   * DEURO_WALLET_INVALID_ARGUMENT for a malformed label, DEURO_WALLET_IO.
   */
  get(label: string): Promise<WalletIdentity>;

  /**
   * The public part of an identity (its MSP ID and certificate), without unlocking its key.
   * @throws WalletError as {@link Wallet.get}, except DEURO_WALLET_LOCKED.
   */
  publicIdentity(
    label: string,
  ): Promise<{ readonly mspId: string; readonly certificatePem: string }>;

  /**
   * The labels of all stored identities, sorted.
   * @throws WalletError DEURO_WALLET_IO.
   */
  list(): Promise<string[]>;

  /**
   * Remove an identity.
   * @returns `true` when one was removed, `false` when none had the label.
   * @throws WalletError DEURO_WALLET_INVALID_ARGUMENT for a malformed label, DEURO_WALLET_IO.
   */
  remove(label: string): Promise<boolean>;

  /**
   * Store the identity of an MSP folder in cryptogen's layout (`signcerts/*.pem` and the single
   * file in `keystore/`).
   * @param mspDir - The MSP folder, such as `.../users/User1@org1.example.com/msp`.
   * @param mspId - Its MSP ID, such as `Org1MSP`.
   * @param label - The label to store it under.
   * @throws WalletError DEURO_WALLET_INVALID_IDENTITY when the folder does not hold exactly one
   * certificate and one key, or they are unusable; otherwise as {@link Wallet.put}.
   */
  importFromMsp(mspDir: string, mspId: string, label: string): Promise<void>;
}

/**
 * Open a wallet folder. Nothing is read or created until the first call.
 * @param options - The folder, passphrase and scrypt cost.
 * @throws WalletError DEURO_WALLET_INVALID_ARGUMENT when the directory or passphrase is empty or
 * the scrypt parameters are out of bounds.
 */
export function newFileWallet(options: FileWalletOptions): Wallet {
  if (typeof options.directory !== 'string' || options.directory === '') {
    throw new WalletError('DEURO_WALLET_INVALID_ARGUMENT', 'directory must be a non-empty path');
  }
  if (typeof options.passphrase !== 'string' || options.passphrase === '') {
    throw new WalletError('DEURO_WALLET_INVALID_ARGUMENT', 'passphrase must be a non-empty string');
  }
  return new FileWallet(
    options.directory,
    options.passphrase,
    options.scrypt ?? defaultScryptParameters,
  );
}

class FileWallet implements Wallet {
  readonly #directory: string;
  readonly #passphrase: string;
  readonly #scrypt: ScryptParameters;

  constructor(directory: string, passphrase: string, scrypt: ScryptParameters) {
    this.#directory = directory;
    this.#passphrase = passphrase;
    this.#scrypt = scrypt;
  }

  async put(label: string, identity: WalletIdentity): Promise<void> {
    validateLabel(label);
    validateIdentity(identity, label);
    const privateKey = await sealPrivateKey(
      identity.privateKeyPem,
      this.#passphrase,
      identityContext(identity.mspId, identity.certificatePem),
      this.#scrypt,
    );
    const content = formatIdentityFile({
      version: IDENTITY_FILE_VERSION,
      type: 'X.509',
      mspId: identity.mspId,
      certificate: identity.certificatePem,
      privateKey,
    });
    try {
      await mkdir(this.#directory, { recursive: true, mode: 0o700 });
      await chmod(this.#directory, 0o700);
      await writeFileAtomic(this.#pathOf(label), content, 0o600);
    } catch (err) {
      throw walletIoError(`write the wallet file of ${label}`, err);
    }
  }

  async publicIdentity(
    label: string,
  ): Promise<{ readonly mspId: string; readonly certificatePem: string }> {
    const file = await this.#readFile(label);
    return { mspId: file.mspId, certificatePem: file.certificate };
  }

  async #readFile(label: string): Promise<IdentityFile> {
    validateLabel(label);
    let text: string;
    try {
      text = await readFile(this.#pathOf(label), 'utf8');
    } catch (err) {
      if (isMissing(err)) {
        throw new WalletError('DEURO_WALLET_NOT_FOUND', `no identity ${label} in the wallet`, {
          label,
        });
      }
      throw walletIoError(`read the wallet file of ${label}`, err);
    }
    return parseIdentityFile(text, label);
  }

  async get(label: string): Promise<WalletIdentity> {
    const file = await this.#readFile(label);
    const privateKeyPem = await openPrivateKey(
      file.privateKey,
      this.#passphrase,
      identityContext(file.mspId, file.certificate),
      label,
    );
    return { mspId: file.mspId, certificatePem: file.certificate, privateKeyPem };
  }

  async list(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.#directory);
    } catch (err) {
      if (isMissing(err)) {
        return [];
      }
      throw walletIoError('list the wallet folder', err);
    }
    return names
      .filter((name) => name.endsWith(IDENTITY_FILE_SUFFIX))
      .map((name) => name.slice(0, -IDENTITY_FILE_SUFFIX.length))
      .filter(isValidLabel)
      .sort();
  }

  async remove(label: string): Promise<boolean> {
    validateLabel(label);
    try {
      await unlink(this.#pathOf(label));
      await syncDirectory(this.#directory);
      return true;
    } catch (err) {
      if (isMissing(err)) {
        return false;
      }
      throw walletIoError(`remove the wallet file of ${label}`, err);
    }
  }

  async importFromMsp(mspDir: string, mspId: string, label: string): Promise<void> {
    validateLabel(label);
    let identity: WalletIdentity;
    try {
      const files = loadIdentityFromMsp(mspDir, mspId);
      identity = {
        mspId,
        certificatePem: files.certPem.toString('utf8'),
        privateKeyPem: files.privateKeyPem.toString('utf8'),
      };
    } catch (err) {
      throw new WalletError(
        'DEURO_WALLET_INVALID_IDENTITY',
        `cannot read an identity from MSP folder ${mspDir}`,
        { label, cause: err },
      );
    }
    await this.put(label, identity);
  }

  #pathOf(label: string): string {
    return join(this.#directory, `${label}${IDENTITY_FILE_SUFFIX}`);
  }
}

function isValidLabel(label: string): boolean {
  try {
    validateLabel(label);
    return true;
  } catch {
    return false;
  }
}

function isMissing(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'ENOENT';
}
