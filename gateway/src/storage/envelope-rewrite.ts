/*
 * A new version of an envelope with a new header (re-wrapped elsewhere, where a private key is)
 * and the same bulk and trailer: the bulk is read once to hash the new envelope, never rewritten.
 */
import { createHash } from 'node:crypto';

import type { BlobStore } from '../store/blob-store';
import type { EnvelopeIndex, EnvelopeManifest } from './envelope-index';

/** Index the envelope made of `header` and an existing envelope's bulk and trailer. */
export async function indexRewrappedEnvelope(
  store: BlobStore,
  index: EnvelopeIndex,
  current: EnvelopeManifest,
  header: Buffer,
): Promise<EnvelopeManifest> {
  const trailer = Buffer.from(current.trailer, 'base64');
  const hash = createHash('sha256').update(header);
  for await (const chunk of store.get(current.bulkSha256)) {
    hash.update(chunk as Buffer);
  }
  hash.update(trailer);
  const manifest: EnvelopeManifest = {
    ...current,
    envelopeSha256: hash.digest('hex'),
    size: header.length + current.bulkSize + trailer.length,
    header: header.toString('base64'),
  };
  await index.put(manifest);
  return manifest;
}
