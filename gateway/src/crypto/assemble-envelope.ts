/*
 * Putting a stored envelope back together: header, then the bulk encryptedContent (streamed,
 * e.g. from a file or object store), then the trailer. The gateway stores the bulk once and
 * a small header per recipient list (docs/crypto.md).
 */

import { Readable } from 'node:stream';

/**
 * A Readable of the whole envelope from its stored parts.
 * @param header - The current header (from the encryptor or rewrapForRecipients).
 * @param encryptedContent - The stored bulk part, as the encryptor emitted it.
 * @param trailer - The stored trailer (`CmsEncryptor.trailer`).
 */
export function assembleEnvelope(
  header: Buffer,
  encryptedContent: AsyncIterable<Buffer | Uint8Array>,
  trailer: Buffer,
): Readable {
  return Readable.from(
    (async function* () {
      yield header;
      for await (const chunk of encryptedContent) {
        yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      }
      yield trailer;
    })(),
    { objectMode: false },
  );
}
