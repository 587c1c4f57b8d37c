/*
 * Encrypts an upload to its recipients as it streams in, storing the bulk ciphertext in the blob
 * store and the envelope's parts in the index, and hashing the whole envelope on the way (header
 * first, known before any content; the bulk as it passes; the trailer at the end), so the hash the
 * ledger records needs no second read. Memory stays at a few chunks whatever the size.
 */
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { PassThrough, Transform, type Readable } from 'node:stream';

import { newCmsEncryptor, type CmsRecipient } from '../crypto/index';
import type { BlobStore } from '../store/blob-store';
import type { EnvelopeIndex, EnvelopeManifest } from './envelope-index';
import { hashingStream } from './hashing-stream';

/** What an encrypted upload produced. */
export interface EncryptedUpload {
  readonly manifest: EnvelopeManifest;
  /** Fingerprints of the recipients' keys, for the ledger. */
  readonly keyFingerprints: readonly string[];
  /** Plaintext bytes received. */
  readonly plaintextSize: number;
}

/** Options of {@link storeEncryptedUpload}. */
export interface EncryptedUploadOptions {
  readonly source: Readable;
  readonly recipients: readonly CmsRecipient[];
  readonly store: BlobStore;
  readonly index: EnvelopeIndex;
  /** Largest plaintext accepted. */
  readonly maxBytes: number;
  readonly signal?: AbortSignal;
}

/**
 * Encrypt and store an upload.
 * @throws CryptoError for unusable recipient keys; StoreError when the upload is too large,
 * aborted or broken. Nothing is left in the store or the index then.
 */
export async function storeEncryptedUpload(
  options: EncryptedUploadOptions,
): Promise<EncryptedUpload> {
  const encryptor = newCmsEncryptor({ recipients: options.recipients, output: 'encryptedContent' });
  const envelopeHash = createHash('sha256').update(encryptor.header);
  const hashBulk = hashingStream(envelopeHash);
  const bulk = new PassThrough();
  const stored = options.store.put(bulk, {
    maxBytes: options.maxBytes + Math.ceil(options.maxBytes / 1024) + 1024,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  let plaintextSize = 0;
  const countPlaintext = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      plaintextSize += chunk.length;
      callback(
        plaintextSize > options.maxBytes ? new Error('the upload is larger than allowed') : null,
        chunk,
      );
    },
  });
  try {
    await Promise.all([
      pipeline(
        options.source,
        countPlaintext,
        encryptor,
        hashBulk,
        bulk,
        ...(options.signal === undefined ? [] : [{ signal: options.signal }]),
      ),
      stored,
    ]);
  } catch (error) {
    // Whichever side failed, stop the other: the store removes its temp file when its input ends
    // in error, and the request body is not read further.
    bulk.destroy(error instanceof Error ? error : new Error(String(error)));
    options.source.destroy();
    await stored.catch(() => undefined);
    throw error;
  }
  const { sha256: bulkSha256, size: bulkSize } = await stored;
  const trailer = encryptor.trailer ?? Buffer.alloc(0);
  envelopeHash.update(trailer);
  const manifest: EnvelopeManifest = {
    envelopeSha256: envelopeHash.digest('hex'),
    size: encryptor.header.length + bulkSize + trailer.length,
    header: encryptor.header.toString('base64'),
    trailer: trailer.toString('base64'),
    bulkSha256,
    bulkSize,
  };
  try {
    await options.index.put(manifest);
  } catch (error) {
    await options.store.delete(bulkSha256);
    throw error;
  }
  return { manifest, keyFingerprints: encryptor.fingerprints, plaintextSize };
}

/** Removes what {@link storeEncryptedUpload} stored: the envelope's index entry and its bulk. */
export async function removeStoredUpload(
  targets: { readonly index: EnvelopeIndex; readonly store: BlobStore },
  manifest: Pick<EnvelopeManifest, 'envelopeSha256' | 'bulkSha256'>,
): Promise<void> {
  await targets.index.delete(manifest.envelopeSha256);
  await targets.store.delete(manifest.bulkSha256);
}
