/*
 * Writing an upload to a temporary file, hashing and counting on the way.
 *
 * The source is piped through a metering transform into a file opened with O_EXCL in the store's
 * incoming folder; the transform feeds the SHA-256 and enforces the size limit, so no byte is
 * buffered beyond the stream's own high-water marks. The file is fsynced before this returns, so
 * a successful result is durable once renamed. On any failure the temporary file is removed and
 * the error is classified: the limit, the abort signal, the source, or the file system.
 *
 * The sink is a small Writable over a FileHandle rather than `handle.createWriteStream()`, whose
 * stream keeps a reference on the handle that makes `handle.close()` wait forever unless the
 * stream itself closes the descriptor, which would leave no moment to fsync.
 */

import { createHash, randomUUID } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, Writable, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { INCOMING_SUFFIX } from './blob-address';
import { StoreError, storeIoError } from './store-error';

/**
 * Where and under what limits to write an upload.
 */
export interface BlobUploadOptions {
  /** The incoming folder, which must exist. */
  readonly incomingDirectory: string;
  /** The largest upload accepted, in bytes. */
  readonly maxBytes: number;
  /** Cancels the upload. */
  readonly signal?: AbortSignal;
  /** Called with the temporary file's path once it exists, before any byte is written. */
  readonly onTempFile?: (path: string) => void;
}

/**
 * A fully written, fsynced temporary file and what its bytes hash to.
 */
export interface WrittenUpload {
  /** The temporary file; the caller renames or removes it. */
  readonly tempPath: string;
  /** Lower-case hex SHA-256 of the bytes. */
  readonly sha256: string;
  /** Length in bytes. */
  readonly size: number;
}

/**
 * Write a stream to a new temporary file, hashing it.
 * @param source - The bytes to write; destroyed on failure.
 * @param options - The incoming folder, size limit and abort signal.
 * @throws StoreError DEURO_STORE_TOO_LARGE, DEURO_STORE_ABORTED, DEURO_STORE_SOURCE_FAILED or
 * DEURO_STORE_IO; the temporary file is removed first.
 */
export async function writeUpload(
  source: Readable,
  options: BlobUploadOptions,
): Promise<WrittenUpload> {
  const tempPath = join(options.incomingDirectory, `${randomUUID()}${INCOMING_SUFFIX}`);
  let sourceError: unknown;
  const recordSourceError = (err: unknown): void => {
    sourceError ??= err;
  };
  source.once('error', recordSourceError);
  const meter = new UploadMeter(options.maxBytes);
  try {
    const handle = await open(tempPath, 'wx', 0o600).catch((err: unknown) => {
      throw storeIoError('create temporary file', err);
    });
    options.onTempFile?.(tempPath);
    try {
      await pipeline(source, meter, new FileSink(handle), { signal: options.signal });
      await handle.sync();
    } finally {
      await handle.close();
    }
    return { tempPath, sha256: meter.digest(), size: meter.size };
  } catch (err) {
    source.destroy();
    await rm(tempPath, { force: true }).catch(() => undefined);
    throw classifyUploadError(err, sourceError, options.signal);
  } finally {
    source.off('error', recordSourceError);
  }
}

function classifyUploadError(
  err: unknown,
  sourceError: unknown,
  signal: AbortSignal | undefined,
): StoreError {
  if (err instanceof StoreError) {
    return err;
  }
  if (signal?.aborted === true) {
    return new StoreError('DEURO_STORE_ABORTED', 'upload aborted', { cause: signal.reason });
  }
  if (sourceError !== undefined) {
    return new StoreError('DEURO_STORE_SOURCE_FAILED', 'the uploaded stream failed', {
      cause: sourceError,
    });
  }
  return storeIoError('write upload', err);
}

class UploadMeter extends Transform {
  readonly #maxBytes: number;
  readonly #hash = createHash('sha256');
  #size = 0;

  constructor(maxBytes: number) {
    super();
    this.#maxBytes = maxBytes;
  }

  get size(): number {
    return this.#size;
  }

  digest(): string {
    return this.#hash.digest('hex');
  }

  override _transform(
    chunk: unknown,
    _encoding: BufferEncoding,
    callback: TransformCallback,
  ): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    this.#size += bytes.length;
    if (this.#size > this.#maxBytes) {
      callback(
        new StoreError(
          'DEURO_STORE_TOO_LARGE',
          `upload exceeds the limit of ${String(this.#maxBytes)} bytes`,
        ),
      );
      return;
    }
    this.#hash.update(bytes);
    callback(null, bytes);
  }
}

class FileSink extends Writable {
  readonly #handle: FileHandle;

  constructor(handle: FileHandle) {
    super();
    this.#handle = handle;
  }

  override _write(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: (error?: Error) => void,
  ): void {
    this.#writeFully(chunk).then(
      () => {
        callback();
      },
      (err: unknown) => {
        callback(err instanceof Error ? err : new Error(String(err)));
      },
    );
  }

  async #writeFully(chunk: Buffer): Promise<void> {
    let offset = 0;
    while (offset < chunk.length) {
      const { bytesWritten } = await this.#handle.write(chunk, offset, chunk.length - offset, null);
      offset += bytesWritten;
    }
  }
}
