/*
 * Content addresses: validation of SHA-256 hex strings and where a blob lives on disk.
 *
 * Blobs are spread over 256 shard folders named by the first two hex digits of their hash, so no
 * single folder grows to millions of entries. Temporary files of uploads in progress live in one
 * `incoming` folder beside the shards, on the same file system, so that the final rename is atomic.
 */

import { join } from 'node:path';
import { StoreError } from './store-error';

const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

/** The folder, inside a store directory, that holds temporary files of uploads. */
export const INCOMING_FOLDER = 'incoming';

/** The suffix of temporary upload files. */
export const INCOMING_SUFFIX = '.part';

/**
 * Validate a SHA-256 hex string and return it in lower case.
 * @param value - The hash to check.
 * @param field - The argument name, for the error message.
 * @throws StoreError DEURO_STORE_INVALID_ARGUMENT when `value` is not 64 hex digits.
 */
export function normalizeSha256(value: string, field = 'sha256'): string {
  if (typeof value !== 'string' || !SHA256_HEX.test(value)) {
    throw new StoreError('DEURO_STORE_INVALID_ARGUMENT', `${field} must be 64 hex digits`);
  }
  return value.toLowerCase();
}

/**
 * The shard folder of a blob: `<directory>/<first two hex digits>`.
 * @param directory - The store directory.
 * @param sha256 - A normalized hash.
 */
export function shardPath(directory: string, sha256: string): string {
  return join(directory, sha256.slice(0, 2));
}

/**
 * The file of a blob: `<directory>/<first two hex digits>/<sha256>`.
 * @param directory - The store directory.
 * @param sha256 - A normalized hash.
 */
export function blobPath(directory: string, sha256: string): string {
  return join(shardPath(directory, sha256), sha256);
}
