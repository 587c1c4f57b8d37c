/*
 * Reading DER (and the BER indefinite lengths other CMS producers write) from a Buffer held in
 * memory: the envelope header and its recipient infos, never the bulk content. Only low tag
 * numbers (< 31) occur in CMS, so multi-byte tags are rejected as malformed.
 */

import { CryptoError } from './crypto-error';
import { tag } from './der-encode';

/** The identifier and length octets of a TLV. */
export interface TlvHeader {
  readonly identifier: number;
  /** Whether bit 6 of the identifier (constructed) is set. */
  readonly constructed: boolean;
  /** The content length, or `undefined` for an indefinite length. */
  readonly length: number | undefined;
  /** How many octets the identifier and length take. */
  readonly headerLength: number;
}

/** One decoded TLV. */
export interface Tlv {
  readonly identifier: number;
  readonly constructed: boolean;
  /** The content octets (for an indefinite length, without the end-of-contents). */
  readonly content: Buffer;
  /** The whole TLV as it was encoded. */
  readonly encoded: Buffer;
}

/**
 * A `DEURO_CRYPTO_MALFORMED` error raised because the bytes end before a value does: a stream
 * reader catches it to wait for more bytes.
 */
export class TruncatedDerError extends CryptoError {
  constructor(what: string) {
    super('DEURO_CRYPTO_MALFORMED', `${what} is truncated`);
  }
}

/** Longest definite length accepted: 2^48, far beyond any envelope. */
const MAX_LENGTH_OCTETS = 6;

/**
 * Parse the identifier and length octets at `offset`.
 * @returns The header, or `undefined` when `bytes` ends before the header does.
 * @throws CryptoError `DEURO_CRYPTO_MALFORMED` on a multi-byte tag or an unusable length.
 */
export function parseTlvHeader(bytes: Buffer, offset: number): TlvHeader | undefined {
  const identifier = bytes[offset];
  const first = bytes[offset + 1];
  if (identifier === undefined || first === undefined) {
    return undefined;
  }
  if ((identifier & 0x1f) === 0x1f) {
    throw malformed(`multi-byte ASN.1 tag at offset ${String(offset)}`);
  }
  const constructed = (identifier & 0x20) !== 0;
  if (first < 0x80) {
    return { identifier, constructed, length: first, headerLength: 2 };
  }
  if (first === 0x80) {
    if (!constructed) {
      throw malformed(`indefinite length on a primitive value at offset ${String(offset)}`);
    }
    return { identifier, constructed, length: undefined, headerLength: 2 };
  }
  const length = parseLongLength(bytes, offset, first & 0x7f);
  return length === undefined
    ? undefined
    : { identifier, constructed, length, headerLength: 2 + (first & 0x7f) };
}

function parseLongLength(bytes: Buffer, offset: number, count: number): number | undefined {
  if (count > MAX_LENGTH_OCTETS) {
    throw malformed(`length of ${String(count)} octets at offset ${String(offset)}`);
  }
  if (bytes.length < offset + 2 + count) {
    return undefined;
  }
  return bytes.readUIntBE(offset + 2, count);
}

/**
 * Decode the complete TLV at `offset` of `bytes`.
 * @param what - Names the value in error messages, e.g. `recipientInfos`.
 * @throws CryptoError `DEURO_CRYPTO_MALFORMED` when it is truncated or badly encoded.
 */
export function decodeTlv(bytes: Buffer, offset: number, what: string): Tlv {
  const header = parseTlvHeader(bytes, offset);
  if (header === undefined) {
    throw new TruncatedDerError(what);
  }
  const start = offset + header.headerLength;
  if (header.length !== undefined) {
    const end = start + header.length;
    if (end > bytes.length) {
      throw new TruncatedDerError(what);
    }
    return {
      identifier: header.identifier,
      constructed: header.constructed,
      content: bytes.subarray(start, end),
      encoded: bytes.subarray(offset, end),
    };
  }
  let position = start;
  while (!isEndOfContents(bytes, position)) {
    position += decodeTlv(bytes, position, what).encoded.length;
  }
  return {
    identifier: header.identifier,
    constructed: true,
    content: bytes.subarray(start, position),
    encoded: bytes.subarray(offset, position + 2),
  };
}

/**
 * The elements of a constructed TLV.
 * @throws CryptoError `DEURO_CRYPTO_MALFORMED` when `parent` is primitive or its content is not a
 * sequence of TLVs.
 */
export function childrenOf(parent: Tlv, what: string): Tlv[] {
  if (!parent.constructed) {
    throw malformed(`${what} is not constructed`);
  }
  const children: Tlv[] = [];
  for (let offset = 0; offset < parent.content.length;) {
    const child = decodeTlv(parent.content, offset, what);
    children.push(child);
    offset += child.encoded.length;
  }
  return children;
}

/**
 * Check the identifier of `value` and return it.
 * @throws CryptoError `DEURO_CRYPTO_MALFORMED` naming `what` when absent or another tag.
 */
export function expectTag(value: Tlv | undefined, identifier: number, what: string): Tlv {
  if (value?.identifier !== identifier) {
    throw malformed(`${what} is missing or has the wrong ASN.1 tag`);
  }
  return value;
}

/** The dotted form of an OBJECT IDENTIFIER TLV. */
export function decodeObjectIdentifier(value: Tlv | undefined, what: string): string {
  const { content } = expectTag(value, tag.oid, what);
  const arcs: number[] = [];
  let arc = 0;
  for (const byte of content) {
    arc = arc * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      arcs.push(arc);
      arc = 0;
    }
  }
  const [first = 0, ...rest] = arcs;
  const top = Math.min(Math.floor(first / 40), 2);
  return [top, first - top * 40, ...rest].join('.');
}

/** The value of a small non-negative INTEGER TLV (a version). */
export function decodeSmallInteger(value: Tlv | undefined, what: string): number {
  const { content } = expectTag(value, tag.integer, what);
  if (content.length === 0 || content.length > 4) {
    throw malformed(`${what} is not a small integer`);
  }
  return content.readUIntBE(0, content.length);
}

/** Whether the end-of-contents octets start at `offset`. */
export function isEndOfContents(bytes: Buffer, offset: number): boolean {
  if (offset + 2 > bytes.length) {
    throw new TruncatedDerError('an indefinite-length value');
  }
  return bytes[offset] === 0 && bytes[offset + 1] === 0;
}

/** A `DEURO_CRYPTO_MALFORMED` error with the given detail. */
export function malformed(detail: string): CryptoError {
  return new CryptoError('DEURO_CRYPTO_MALFORMED', detail);
}
