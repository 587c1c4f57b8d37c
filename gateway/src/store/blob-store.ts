/*
 * The blob store contract: content-addressed storage of large bytes off the ledger.
 *
 * The ledger records a blob's SHA-256; the bytes live here, under that hash. Everything goes
 * through streams so that a multi-gigabyte recording never sits in memory. The interface is small
 * on purpose: the local-disk store is the default, and an S3-compatible store can implement the
 * same methods later without callers changing.
 */

import type { Readable } from 'node:stream';

/**
 * Options of {@link BlobStore.put}.
 */
export interface PutBlobOptions {
  /** The SHA-256 (64 hex digits) the caller expects; when the bytes differ, nothing is stored. */
  readonly expectedSha256?: string;
  /** The largest upload accepted, in bytes; a longer stream is cut off and nothing is stored. */
  readonly maxBytes?: number;
  /** Cancels the upload; the partial write is removed and nothing is stored. */
  readonly signal?: AbortSignal;
}

/**
 * A blob as stored: its content address and length.
 */
export interface StoredBlob {
  /** Lower-case hex SHA-256 of the bytes, which is also the blob's address. */
  readonly sha256: string;
  /** Length in bytes. */
  readonly size: number;
}

/**
 * What {@link BlobStore.stat} knows about a stored blob without reading it.
 */
export interface BlobStat {
  /** Length in bytes. */
  readonly size: number;
}

/**
 * A temporary file left behind by an upload that has not completed.
 */
export interface IncompleteUpload {
  /** The temporary file's name inside the store's incoming folder. */
  readonly name: string;
  /** Bytes written so far. */
  readonly size: number;
  /** When the file was last written to. */
  readonly modifiedAt: Date;
}

/**
 * Content-addressed storage of blobs by SHA-256.
 *
 * Hash arguments are 64 hex digits; upper case is accepted and addresses are returned in lower
 * case.
 */
export interface BlobStore {
  /**
   * Store a stream's bytes under their SHA-256. All or nothing: the blob becomes visible only
   * once every byte is durably written and verified. Storing bytes that are already stored
   * succeeds and changes nothing visible.
   * @param source - The bytes to store; consumed to its end, destroyed on failure.
   * @param options - Expected hash, size limit and cancellation.
   * @returns The address and size of the stored blob.
   * @throws StoreError DEURO_STORE_HASH_MISMATCH when the bytes do not hash to `expectedSha256`,
   * DEURO_STORE_TOO_LARGE when they exceed `maxBytes`, DEURO_STORE_ABORTED when `signal` fires,
   * DEURO_STORE_SOURCE_FAILED when `source` errors, DEURO_STORE_INVALID_ARGUMENT when an option is
   * malformed, DEURO_STORE_IO when the file system fails.
   */
  put(source: Readable, options?: PutBlobOptions): Promise<StoredBlob>;

  /**
   * Stream a stored blob, verifying its hash on the way. When the stored bytes no longer match
   * their address the stream fails with DEURO_STORE_TAMPERED instead of ending, and the last chunk
   * is withheld, so a consumer never sees a clean end of a corrupted blob.
   * @param sha256 - The blob's address.
   * @returns A stream that fails with StoreError DEURO_STORE_NOT_FOUND when nothing is stored
   * under `sha256`, DEURO_STORE_TAMPERED as above, or DEURO_STORE_IO.
   * @throws StoreError DEURO_STORE_INVALID_ARGUMENT when `sha256` is not 64 hex digits.
   */
  get(sha256: string): Readable;

  /**
   * Whether a blob is stored under an address. Does not read or verify its bytes.
   * @throws StoreError DEURO_STORE_INVALID_ARGUMENT for a malformed hash, DEURO_STORE_IO.
   */
  has(sha256: string): Promise<boolean>;

  /**
   * The size of a stored blob, or `undefined` when none is stored under the address.
   * @throws StoreError DEURO_STORE_INVALID_ARGUMENT for a malformed hash, DEURO_STORE_IO.
   */
  stat(sha256: string): Promise<BlobStat | undefined>;

  /**
   * Remove a stored blob.
   * @returns `true` when a blob was removed, `false` when none was stored.
   * @throws StoreError DEURO_STORE_INVALID_ARGUMENT for a malformed hash, DEURO_STORE_IO.
   */
  delete(sha256: string): Promise<boolean>;

  /**
   * The temporary files of uploads that have not completed, including ones in progress.
   * @throws StoreError DEURO_STORE_IO.
   */
  listIncomplete(): Promise<IncompleteUpload[]>;

  /**
   * Remove temporary files left by interrupted uploads that were last written more than
   * `olderThanMs` ago. Uploads in progress in this store instance are never touched. Run it when
   * the process starts, so a restart mid-upload leaves no orphan behind.
   * @param olderThanMs - Minimum age, in milliseconds, of a file to remove; 0 removes every
   * orphan.
   * @returns How many files were removed.
   * @throws StoreError DEURO_STORE_INVALID_ARGUMENT for a negative age, DEURO_STORE_IO.
   */
  cleanUp(olderThanMs: number): Promise<number>;
}
