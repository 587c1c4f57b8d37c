/*
 * A readable stream over a stored blob that re-hashes the bytes as they go out.
 *
 * The blob's address is its expected SHA-256, so no sidecar is needed: the stream hashes every
 * chunk it reads and compares the digest with the address at end of file. To make sure a consumer
 * never sees a clean end of a tampered blob, the stream always holds back the most recent chunk
 * and releases it only after the comparison succeeds; on a mismatch it fails with
 * DEURO_STORE_TAMPERED and the held chunk is dropped. A truncated, extended or altered file is
 * caught the same way. Memory stays at two chunks whatever the blob's size.
 */

import { createHash, type Hash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { StoreError, storeIoError } from './store-error';

const CHUNK_BYTES = 64 * 1024;

/**
 * Open a verifying stream over a blob file.
 * @param path - The blob file.
 * @param sha256 - The normalized address the bytes must hash to.
 * @returns A stream that fails with StoreError DEURO_STORE_NOT_FOUND when the file does not
 * exist, DEURO_STORE_TAMPERED when the bytes do not match, DEURO_STORE_IO on other errors.
 */
export function newVerifiedBlobStream(path: string, sha256: string): Readable {
  return new VerifiedBlobStream(path, sha256);
}

class VerifiedBlobStream extends Readable {
  readonly #path: string;
  readonly #sha256: string;
  readonly #hash: Hash = createHash('sha256');
  #handle: FileHandle | undefined;
  #held: Buffer | undefined;

  constructor(path: string, sha256: string) {
    super({ highWaterMark: CHUNK_BYTES });
    this.#path = path;
    this.#sha256 = sha256;
  }

  override _construct(callback: (error?: Error | null) => void): void {
    open(this.#path, 'r').then(
      (handle) => {
        this.#handle = handle;
        callback();
      },
      (err: unknown) => {
        callback(this.#openError(err));
      },
    );
  }

  override _read(): void {
    this.#readUntilPushed().catch((err: unknown) => {
      this.destroy(storeIoError('read blob', err, this.#sha256));
    });
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    const handle = this.#handle;
    this.#handle = undefined;
    this.#held = undefined;
    if (handle === undefined) {
      callback(error);
      return;
    }
    handle.close().then(
      () => {
        callback(error);
      },
      () => {
        callback(error);
      },
    );
  }

  async #readUntilPushed(): Promise<void> {
    for (;;) {
      const handle = this.#handle;
      if (handle === undefined) {
        return;
      }
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) {
        this.#finish();
        return;
      }
      if (this.destroyed) {
        return;
      }
      const chunk = buffer.subarray(0, bytesRead);
      this.#hash.update(chunk);
      const previous = this.#held;
      this.#held = chunk;
      if (previous !== undefined) {
        this.push(previous);
        return;
      }
    }
  }

  #finish(): void {
    const actual = this.#hash.digest('hex');
    if (actual !== this.#sha256) {
      this.destroy(
        new StoreError(
          'DEURO_STORE_TAMPERED',
          `blob ${this.#sha256} hashes to ${actual} on disk: its bytes changed`,
          { sha256: this.#sha256 },
        ),
      );
      return;
    }
    const held = this.#held;
    this.#held = undefined;
    if (held !== undefined) {
      this.push(held);
    }
    this.push(null);
  }

  #openError(err: unknown): StoreError {
    if ((err as { code?: unknown } | null)?.code === 'ENOENT') {
      return new StoreError('DEURO_STORE_NOT_FOUND', `no blob ${this.#sha256}`, {
        sha256: this.#sha256,
        cause: err,
      });
    }
    return storeIoError('open blob', err, this.#sha256);
  }
}
