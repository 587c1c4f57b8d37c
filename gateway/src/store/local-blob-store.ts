/*
 * The default blob store: files on a local disk.
 *
 * Layout of the store directory:
 *
 *   <directory>/<aa>/<sha256>      a blob, aa being the first two hex digits of its hash
 *   <directory>/incoming/<uuid>.part  an upload being written
 *
 * A put streams into `incoming/`, fsyncs the file, renames it onto its address and fsyncs the
 * shard folder, so a blob is either absent or complete and durable: a crash mid-upload leaves at
 * most a `.part` file, which cleanUp removes. Renaming over an existing blob replaces it with the
 * same bytes, which makes put idempotent and also repairs a tampered copy. Reads re-hash every
 * byte (see verified-blob-stream.ts).
 */

import { mkdir, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import {
  INCOMING_FOLDER,
  INCOMING_SUFFIX,
  blobPath,
  normalizeSha256,
  shardPath,
} from './blob-address';
import type {
  BlobStat,
  BlobStore,
  IncompleteUpload,
  PutBlobOptions,
  StoredBlob,
} from './blob-store';
import { writeUpload } from './blob-upload';
import { StoreError, storeIoError } from './store-error';
import { newVerifiedBlobStream } from './verified-blob-stream';
import { syncDirectory } from '../wallet/atomic-file';

/**
 * Options of {@link newLocalBlobStore}.
 */
export interface LocalBlobStoreOptions {
  /** The store directory; created (mode 0700) on first use when missing. */
  readonly directory: string;
}

/**
 * Create a blob store over a local directory. Nothing is touched on disk until the first call.
 * Blob files are created with mode 0600 and folders with mode 0700.
 * @param options - The store directory.
 * @throws StoreError DEURO_STORE_INVALID_ARGUMENT when `directory` is empty.
 */
export function newLocalBlobStore(options: LocalBlobStoreOptions): BlobStore {
  if (typeof options.directory !== 'string' || options.directory === '') {
    throw new StoreError('DEURO_STORE_INVALID_ARGUMENT', 'directory must be a non-empty path');
  }
  return new LocalBlobStore(options.directory);
}

class LocalBlobStore implements BlobStore {
  readonly #directory: string;
  readonly #incoming: string;
  readonly #activeTempFiles = new Set<string>();
  #layout: Promise<void> | undefined;

  constructor(directory: string) {
    this.#directory = directory;
    this.#incoming = join(directory, INCOMING_FOLDER);
  }

  async put(source: Readable, options: PutBlobOptions = {}): Promise<StoredBlob> {
    let expected: string | undefined;
    try {
      expected = validatePutOptions(source, options);
      await this.#ensureLayout();
    } catch (err) {
      destroyQuietly(source);
      throw err;
    }
    let tempPath: string | undefined;
    try {
      const upload = await writeUpload(source, {
        incomingDirectory: this.#incoming,
        maxBytes: options.maxBytes ?? Number.POSITIVE_INFINITY,
        signal: options.signal,
        onTempFile: (path) => {
          tempPath = path;
          this.#activeTempFiles.add(path);
        },
      });
      if (expected !== undefined && upload.sha256 !== expected) {
        await rm(upload.tempPath, { force: true }).catch(() => undefined);
        throw new StoreError(
          'DEURO_STORE_HASH_MISMATCH',
          `upload hashes to ${upload.sha256}, expected ${expected}`,
          { sha256: expected },
        );
      }
      await this.#moveIntoPlace(upload.tempPath, upload.sha256);
      return { sha256: upload.sha256, size: upload.size };
    } finally {
      if (tempPath !== undefined) {
        this.#activeTempFiles.delete(tempPath);
      }
    }
  }

  get(sha256: string): Readable {
    const address = normalizeSha256(sha256);
    return newVerifiedBlobStream(blobPath(this.#directory, address), address);
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.stat(sha256)) !== undefined;
  }

  async stat(sha256: string): Promise<BlobStat | undefined> {
    const address = normalizeSha256(sha256);
    try {
      const stats = await stat(blobPath(this.#directory, address));
      return stats.isFile() ? { size: stats.size } : undefined;
    } catch (err) {
      if (isMissing(err)) {
        return undefined;
      }
      throw storeIoError('stat blob', err, address);
    }
  }

  async delete(sha256: string): Promise<boolean> {
    const address = normalizeSha256(sha256);
    try {
      await unlink(blobPath(this.#directory, address));
    } catch (err) {
      if (isMissing(err)) {
        return false;
      }
      throw storeIoError('delete blob', err, address);
    }
    await syncDirectory(shardPath(this.#directory, address)).catch((err: unknown) => {
      throw storeIoError('fsync shard folder', err, address);
    });
    return true;
  }

  async listIncomplete(): Promise<IncompleteUpload[]> {
    let names: string[];
    try {
      names = await readdir(this.#incoming);
    } catch (err) {
      if (isMissing(err)) {
        return [];
      }
      throw storeIoError('list incoming folder', err);
    }
    const uploads: IncompleteUpload[] = [];
    for (const name of names.filter((entry) => entry.endsWith(INCOMING_SUFFIX)).sort()) {
      try {
        const stats = await stat(join(this.#incoming, name));
        uploads.push({ name, size: stats.size, modifiedAt: stats.mtime });
      } catch (err) {
        if (!isMissing(err)) {
          throw storeIoError('stat temporary file', err);
        }
      }
    }
    return uploads;
  }

  async cleanUp(olderThanMs: number): Promise<number> {
    if (!Number.isFinite(olderThanMs) || olderThanMs < 0) {
      throw new StoreError('DEURO_STORE_INVALID_ARGUMENT', 'olderThanMs must be 0 or more');
    }
    const cutoff = Date.now() - olderThanMs;
    let removed = 0;
    for (const upload of await this.listIncomplete()) {
      const path = join(this.#incoming, upload.name);
      if (this.#activeTempFiles.has(path) || upload.modifiedAt.getTime() > cutoff) {
        continue;
      }
      try {
        await unlink(path);
        removed += 1;
      } catch (err) {
        if (!isMissing(err)) {
          throw storeIoError('remove temporary file', err);
        }
      }
    }
    return removed;
  }

  async #moveIntoPlace(tempPath: string, sha256: string): Promise<void> {
    const shard = shardPath(this.#directory, sha256);
    try {
      const created = await mkdir(shard, { recursive: true, mode: 0o700 });
      if (created !== undefined) {
        await syncDirectory(this.#directory);
      }
      await rename(tempPath, blobPath(this.#directory, sha256));
      await syncDirectory(shard);
    } catch (err) {
      await rm(tempPath, { force: true }).catch(() => undefined);
      throw storeIoError('move blob into place', err, sha256);
    }
  }

  #ensureLayout(): Promise<void> {
    this.#layout ??= mkdir(this.#incoming, { recursive: true, mode: 0o700 }).then(
      () => undefined,
      (err: unknown) => {
        this.#layout = undefined;
        throw storeIoError('create store directory', err);
      },
    );
    return this.#layout;
  }
}

function validatePutOptions(source: unknown, options: PutBlobOptions): string | undefined {
  if (typeof (source as Readable | null)?.pipe !== 'function') {
    throw new StoreError('DEURO_STORE_INVALID_ARGUMENT', 'source must be a readable stream');
  }
  const { maxBytes, expectedSha256 } = options;
  if (maxBytes !== undefined && !(Number.isInteger(maxBytes) && maxBytes >= 0)) {
    throw new StoreError('DEURO_STORE_INVALID_ARGUMENT', 'maxBytes must be an integer, 0 or more');
  }
  return expectedSha256 === undefined
    ? undefined
    : normalizeSha256(expectedSha256, 'expectedSha256');
}

function destroyQuietly(source: unknown): void {
  const destroy = (source as { destroy?: unknown } | null)?.destroy;
  if (typeof destroy === 'function') {
    (source as Readable).destroy();
  }
}

function isMissing(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'ENOENT';
}
