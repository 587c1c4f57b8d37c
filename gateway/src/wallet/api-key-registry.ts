/*
 * Bearer API keys that map a caller to the wallet label the gateway signs as.
 *
 * A key is `deuro_` followed by 32 random bytes in base64url (256 bits), shown once by `issue`
 * and never stored: the registry file keeps only its SHA-256. A slow hash (scrypt) protects
 * guessable secrets such as passwords; 256 random bits cannot be guessed, so one SHA-256 is
 * enough and keeps `resolve` cheap on every request. `resolve` compares the presented key's
 * hash with every stored hash in constant time, without stopping at the first match.
 *
 * The registry file (mode 0600, replaced atomically) is re-read whenever it changes on disk, so
 * a key revoked by another process (an admin command) stops resolving at once. Changes made by
 * this object are serialized; two processes changing the file at the same moment can lose one
 * change, so one process (or one admin command at a time) should issue and revoke.
 */

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from './atomic-file';
import { validateLabel } from './identity-label';
import { WalletError, walletIoError } from './wallet-error';

/**
 * Options of {@link newApiKeyRegistry}.
 */
export interface ApiKeyRegistryOptions {
  /** The registry file; created (mode 0600, folder 0700) on the first `issue`. */
  readonly file: string;
}

/**
 * Bearer API keys, each bound to a wallet label.
 */
export interface ApiKeyRegistry {
  /**
   * Issue a new key for a label. A label may hold several keys, so a key can be rotated without
   * downtime: issue the new one, then revoke the label's keys and issue again, or keep both.
   * @returns The key, the only time it is ever available.
   * @throws WalletError DEURO_WALLET_INVALID_ARGUMENT for a malformed label,
   * DEURO_WALLET_CORRUPT when the registry file is unreadable, DEURO_WALLET_IO.
   */
  issue(label: string): Promise<string>;

  /**
   * The label a key is bound to.
   * @returns The label, or `undefined` for an unknown, revoked or malformed key.
   * @throws WalletError DEURO_WALLET_CORRUPT when the registry file is unreadable,
   * DEURO_WALLET_IO.
   */
  resolve(key: string): Promise<string | undefined>;

  /**
   * Revoke every key of a label.
   * @returns How many keys were revoked.
   * @throws WalletError DEURO_WALLET_INVALID_ARGUMENT for a malformed label,
   * DEURO_WALLET_CORRUPT, DEURO_WALLET_IO.
   */
  revoke(label: string): Promise<number>;
}

/**
 * Open an API key registry file. Nothing is read or created until the first call.
 * @param options - The registry file.
 * @throws WalletError DEURO_WALLET_INVALID_ARGUMENT when `file` is empty.
 */
export function newApiKeyRegistry(options: ApiKeyRegistryOptions): ApiKeyRegistry {
  if (typeof options.file !== 'string' || options.file === '') {
    throw new WalletError('DEURO_WALLET_INVALID_ARGUMENT', 'file must be a non-empty path');
  }
  return new FileApiKeyRegistry(options.file);
}

const KEY_PREFIX = 'deuro_';
const KEY_BYTES = 32;
const KEY_FORMAT = /^deuro_[A-Za-z0-9_-]{43}$/;
const REGISTRY_VERSION = 1;

interface ApiKeyEntry {
  readonly label: string;
  readonly sha256: string;
  readonly issuedAt: string;
}

interface LoadedRegistry {
  readonly fingerprint: string;
  readonly entries: readonly ApiKeyEntry[];
}

class FileApiKeyRegistry implements ApiKeyRegistry {
  readonly #file: string;
  #loaded: LoadedRegistry | undefined;
  #changes: Promise<unknown> = Promise.resolve();

  constructor(file: string) {
    this.#file = file;
  }

  async issue(label: string): Promise<string> {
    validateLabel(label);
    return this.#change((entries) => {
      const key = `${KEY_PREFIX}${randomBytes(KEY_BYTES).toString('base64url')}`;
      const entry = {
        label,
        sha256: hashKey(key).toString('hex'),
        issuedAt: new Date().toISOString(),
      };
      return { entries: [...entries, entry], result: key };
    });
  }

  async resolve(key: string): Promise<string | undefined> {
    if (typeof key !== 'string' || !KEY_FORMAT.test(key)) {
      return undefined;
    }
    const presented = hashKey(key);
    let label: string | undefined;
    for (const entry of await this.#entries()) {
      const matches = timingSafeEqual(Buffer.from(entry.sha256, 'hex'), presented);
      if (matches && label === undefined) {
        label = entry.label;
      }
    }
    return label;
  }

  async revoke(label: string): Promise<number> {
    validateLabel(label);
    return this.#change((entries) => {
      const kept = entries.filter((entry) => entry.label !== label);
      return { entries: kept, result: entries.length - kept.length };
    });
  }

  #change<T>(
    update: (entries: readonly ApiKeyEntry[]) => { entries: readonly ApiKeyEntry[]; result: T },
  ): Promise<T> {
    const next = this.#changes.then(async () => {
      const { entries, result } = update(await this.#entries());
      await this.#write(entries);
      return result;
    });
    this.#changes = next.catch(() => undefined);
    return next;
  }

  async #write(entries: readonly ApiKeyEntry[]): Promise<void> {
    const content = `${JSON.stringify({ version: REGISTRY_VERSION, keys: entries }, null, 2)}\n`;
    try {
      await mkdir(dirname(this.#file), { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.#file, content, 0o600);
    } catch (err) {
      throw walletIoError('write the API key registry', err);
    }
    this.#loaded = undefined;
  }

  async #entries(): Promise<readonly ApiKeyEntry[]> {
    const fingerprint = await this.#fingerprint();
    if (fingerprint === undefined) {
      return [];
    }
    if (this.#loaded?.fingerprint !== fingerprint) {
      this.#loaded = { fingerprint, entries: await this.#read() };
    }
    return this.#loaded.entries;
  }

  async #fingerprint(): Promise<string | undefined> {
    try {
      const stats = await stat(this.#file);
      return `${String(stats.ino)}:${String(stats.mtimeMs)}:${String(stats.size)}`;
    } catch (err) {
      if ((err as { code?: unknown } | null)?.code === 'ENOENT') {
        return undefined;
      }
      throw walletIoError('stat the API key registry', err);
    }
  }

  async #read(): Promise<readonly ApiKeyEntry[]> {
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch (err) {
      throw walletIoError('read the API key registry', err);
    }
    return parseRegistry(text);
  }
}

function hashKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

function parseRegistry(text: string): readonly ApiKeyEntry[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw corrupt('is not JSON');
  }
  const { version, keys } = (value ?? {}) as { version?: unknown; keys?: unknown };
  if (version !== REGISTRY_VERSION || !Array.isArray(keys)) {
    throw corrupt('is not a version-1 registry with a keys array');
  }
  if (!keys.every(isApiKeyEntry)) {
    throw corrupt('has a key entry without a label, a 64-hex-digit sha256 or issuedAt');
  }
  return keys;
}

function isApiKeyEntry(value: unknown): value is ApiKeyEntry {
  const entry = (value ?? {}) as Partial<Record<keyof ApiKeyEntry, unknown>>;
  return (
    typeof entry.label === 'string' &&
    typeof entry.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(entry.sha256) &&
    typeof entry.issuedAt === 'string'
  );
}

function corrupt(what: string): WalletError {
  return new WalletError('DEURO_WALLET_CORRUPT', `the API key registry ${what}`);
}
