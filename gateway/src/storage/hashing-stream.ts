/*
 * Hashing bytes as they pass: the one way the gateway (and its CLI) hash a stream on its way
 * somewhere else, and check it against the value the ledger records.
 */
import type { Hash } from 'node:crypto';
import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';

/** A pass-through that feeds every chunk to `hash`. */
export function hashingStream(hash: Hash): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
}

/**
 * A pass-through that ends with `mismatch()` as its error, instead of a clean end, when the bytes
 * do not hash (SHA-256) to `expectedSha256`.
 */
export function verifyingStream(expectedSha256: string, mismatch: () => Error): Transform {
  const hash = createHash('sha256');
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
    flush(callback) {
      callback(hash.digest('hex') === expectedSha256 ? null : mismatch());
    },
  });
}
