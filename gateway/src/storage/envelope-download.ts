/*
 * Streams a stored envelope (header, bulk from the blob store, trailer) and checks, as it goes,
 * that it hashes to what the ledger records: a tampered part ends the stream with an error,
 * never as a clean end of a valid envelope.
 */
import type { Readable } from 'node:stream';

import { assembleEnvelope } from '../crypto/index';
import type { BlobStore } from '../store/blob-store';
import { StoreError } from '../store/store-error';
import type { EnvelopeIndex } from './envelope-index';
import { verifyingStream } from './hashing-stream';

/**
 * Open the envelope the ledger knows by this hash.
 * @throws StoreError `DEURO_STORE_NOT_FOUND` when this gateway does not hold it.
 */
export async function openEnvelope(
  store: BlobStore,
  index: EnvelopeIndex,
  envelopeSha256: string,
): Promise<{ readonly size: number; readonly stream: Readable }> {
  const manifest = await index.get(envelopeSha256);
  if (manifest === undefined) {
    throw new StoreError(
      'DEURO_STORE_NOT_FOUND',
      `this gateway holds no envelope ${envelopeSha256}`,
    );
  }
  const verify = verifyingStream(
    envelopeSha256,
    () =>
      new StoreError(
        'DEURO_STORE_TAMPERED',
        `envelope ${envelopeSha256} no longer hashes to its address`,
      ),
  );
  const parts = assembleEnvelope(
    Buffer.from(manifest.header, 'base64'),
    store.get(manifest.bulkSha256),
    Buffer.from(manifest.trailer, 'base64'),
  );
  parts.on('error', (error) => verify.destroy(error));
  return { size: manifest.size, stream: parts.pipe(verify) };
}
