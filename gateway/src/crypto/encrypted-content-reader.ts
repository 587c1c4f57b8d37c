/*
 * Streaming the encryptedContent value of an envelope out of a ByteReader: either one
 * primitive `[0]` OCTET STRING of known length, or a constructed `[0]` of OCTET STRING
 * segments (nested constructed segments too), with definite or indefinite lengths. The
 * ciphertext pieces are yielded as they arrive; nothing is gathered.
 */

import type { ByteReader } from './byte-reader';
import { malformed, parseTlvHeader, TruncatedDerError, type TlvHeader } from './der-decode';
import { contextTag, tag } from './der-encode';

/** Identifier and length octets never take more than this (1 + 1 + 6 length octets). */
const MAX_HEADER_LENGTH = 8;

/**
 * Yield the ciphertext of the encryptedContent value that starts at the reader's position.
 * @throws CryptoError `DEURO_CRYPTO_MALFORMED` when it is truncated, badly encoded or absent
 * (detached content).
 */
export async function* readEncryptedContent(reader: ByteReader): AsyncGenerator<Buffer> {
  const header = await readTlvHeader(reader, 'encryptedContent');
  if (header.identifier === contextTag(0, false) && header.length !== undefined) {
    yield* reader.stream(header.length, 'encryptedContent');
    return;
  }
  if (header.identifier !== contextTag(0, true)) {
    throw malformed('encryptedContent is missing or has the wrong ASN.1 tag');
  }
  yield* readSegments(reader, header.length);
}

async function* readSegments(
  reader: ByteReader,
  length: number | undefined,
): AsyncGenerator<Buffer> {
  const end = length === undefined ? undefined : reader.position + length;
  while (end === undefined || reader.position < end) {
    const segment = await readTlvHeader(reader, 'encryptedContent segment');
    if (segment.identifier === 0 && segment.length === 0 && end === undefined) {
      return;
    }
    yield* readSegment(reader, segment);
  }
  if (reader.position !== end) {
    throw malformed('an encryptedContent segment runs past the end of encryptedContent');
  }
}

function readSegment(reader: ByteReader, segment: TlvHeader): AsyncGenerator<Buffer> {
  if (segment.identifier === tag.octetString && segment.length !== undefined) {
    return reader.stream(segment.length, 'encryptedContent segment');
  }
  if (segment.identifier === (tag.octetString | 0x20)) {
    return readSegments(reader, segment.length);
  }
  throw malformed('encryptedContent holds a value that is not an OCTET STRING');
}

/**
 * Consume the identifier and length octets at the reader's position.
 * @throws CryptoError `DEURO_CRYPTO_MALFORMED` when the source ends first.
 */
export async function readTlvHeader(reader: ByteReader, what: string): Promise<TlvHeader> {
  for (;;) {
    const header = parseTlvHeader(reader.peek(MAX_HEADER_LENGTH), 0);
    if (header !== undefined) {
      await reader.take(header.headerLength, what);
      return header;
    }
    if (!(await reader.fill())) {
      throw new TruncatedDerError(what);
    }
  }
}
