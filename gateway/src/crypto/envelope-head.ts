/*
 * Reading the parts of an AuthEnvelopedData around its bulk content: the head (content type,
 * version, recipientInfos, content-encryption algorithm, up to the encryptedContent value) and
 * the tail (the ends of the open values and the mac). Both are small and parsed in memory, with
 * definite or indefinite lengths, so envelopes of other CMS producers read too. The bulk
 * content between them is streamed by the decryptor.
 */

import { CryptoError } from './crypto-error';
import {
  childrenOf,
  decodeObjectIdentifier,
  decodeSmallInteger,
  decodeTlv,
  expectTag,
  malformed,
  parseTlvHeader,
  TruncatedDerError,
  type Tlv,
} from './der-decode';
import { contextTag, tag } from './der-encode';
import { OID_AES256_GCM, OID_AUTH_ENVELOPED_DATA, OID_DATA, OID_ENVELOPED_DATA } from './oids';

/** A constructed value opened in the head and closed in the tail. */
export interface OpenValue {
  readonly what: string;
  /** Absolute offset of its end, or `undefined` for an indefinite length. */
  readonly end: number | undefined;
}

/** The decoded head of an envelope. */
export interface EnvelopeHead {
  readonly recipientInfos: Tlv;
  /** The content-encryption AlgorithmIdentifier as encoded. */
  readonly contentEncryptionAlgorithm: Tlv;
  readonly nonce: Buffer;
  readonly tagLength: number;
  /** Offset of the encryptedContent TLV. */
  readonly contentOffset: number;
  /** ContentInfo, [0], AuthEnvelopedData, EncryptedContentInfo: outermost first. */
  readonly openValues: readonly OpenValue[];
}

/**
 * Parse the head of an envelope from its first bytes.
 * @returns The head, or `undefined` when `bytes` ends before the encryptedContent value starts.
 * @throws CryptoError `DEURO_CRYPTO_MALFORMED` or `DEURO_CRYPTO_UNSUPPORTED_FORMAT`.
 */
export function parseEnvelopeHead(bytes: Buffer): EnvelopeHead | undefined {
  try {
    return parseHead(bytes);
  } catch (error) {
    if (error instanceof TruncatedDerError) {
      return undefined;
    }
    throw error;
  }
}

function parseHead(bytes: Buffer): EnvelopeHead {
  const cursor = { offset: 0 };
  const openValues = [openValue(bytes, cursor, tag.sequence, 'ContentInfo')];
  const contentType = decodeObjectIdentifier(next(bytes, cursor, 'contentType'), 'contentType');
  if (contentType !== OID_AUTH_ENVELOPED_DATA) {
    throw unsupported(
      contentType === OID_ENVELOPED_DATA
        ? 'EnvelopedData (AuthEnvelopedData with AES-GCM needed)'
        : `content type ${contentType} (AuthEnvelopedData needed)`,
    );
  }
  openValues.push(openValue(bytes, cursor, contextTag(0, true), 'content'));
  openValues.push(openValue(bytes, cursor, tag.sequence, 'AuthEnvelopedData'));
  const version = decodeSmallInteger(next(bytes, cursor, 'version'), 'version');
  if (version !== 0) {
    throw unsupported(`AuthEnvelopedData version ${String(version)}`);
  }
  let recipientInfos = next(bytes, cursor, 'recipientInfos');
  if (recipientInfos.identifier === contextTag(0, true)) {
    recipientInfos = next(bytes, cursor, 'recipientInfos');
  }
  expectTag(recipientInfos, tag.set, 'recipientInfos');
  openValues.push(openValue(bytes, cursor, tag.sequence, 'EncryptedContentInfo'));
  const innerType = decodeObjectIdentifier(next(bytes, cursor, 'contentType'), 'contentType');
  if (innerType !== OID_DATA) {
    throw unsupported(`encrypted content type ${innerType} (id-data needed)`);
  }
  const contentEncryptionAlgorithm = next(bytes, cursor, 'contentEncryptionAlgorithm');
  if (parseTlvHeader(bytes, cursor.offset) === undefined) {
    throw new TruncatedDerError('encryptedContent');
  }
  return {
    recipientInfos,
    contentEncryptionAlgorithm,
    ...decodeGcmParameters(contentEncryptionAlgorithm),
    contentOffset: cursor.offset,
    openValues,
  };
}

/**
 * Parse the tail of an envelope: every byte after the encryptedContent value.
 * @param tail - The bytes from the end of encryptedContent to the end of the stream.
 * @param tailOffset - The absolute offset of `tail[0]`.
 * @returns The mac (the GCM tag).
 * @throws CryptoError `DEURO_CRYPTO_MALFORMED` when values are not closed as they were opened
 * or bytes follow the envelope; `DEURO_CRYPTO_UNSUPPORTED_FORMAT` for authenticated attributes.
 */
export function parseEnvelopeTail(
  tail: Buffer,
  tailOffset: number,
  openValues: readonly OpenValue[],
): Buffer {
  const [contentInfo, content, authEnvelopedData, encryptedContentInfo] = openValues;
  if (!contentInfo || !content || !authEnvelopedData || !encryptedContentInfo) {
    throw malformed('the envelope head is incomplete');
  }
  const cursor = { offset: 0 };
  closeValue(tail, tailOffset, cursor, encryptedContentInfo);
  const field = next(tail, cursor, 'mac');
  if (field.identifier === contextTag(1, true)) {
    throw unsupported('authenticated attributes (authAttrs)');
  }
  const mac = expectTag(field, tag.octetString, 'mac').content;
  if (tail[cursor.offset] === contextTag(2, true)) {
    next(tail, cursor, 'unauthAttrs');
  }
  for (const value of [authEnvelopedData, content, contentInfo]) {
    closeValue(tail, tailOffset, cursor, value);
  }
  if (cursor.offset !== tail.length) {
    throw malformed(`${String(tail.length - cursor.offset)} bytes follow the envelope`);
  }
  return mac;
}

function decodeGcmParameters(algorithm: Tlv): { nonce: Buffer; tagLength: number } {
  const [oidField, parameters] = childrenOf(algorithm, 'contentEncryptionAlgorithm');
  const oid = decodeObjectIdentifier(oidField, 'contentEncryptionAlgorithm');
  if (oid !== OID_AES256_GCM) {
    throw unsupported(`content encryption ${oid} (id-aes256-GCM needed)`);
  }
  const [nonce, icvLength] = childrenOf(
    expectTag(parameters, tag.sequence, 'GCMParameters'),
    'GCMParameters',
  );
  const tagLength =
    icvLength === undefined ? 12 : decodeSmallInteger(icvLength, 'GCMParameters.aes-ICVlen');
  if (tagLength < 12 || tagLength > 16) {
    throw unsupported(`GCM tag length ${String(tagLength)}`);
  }
  return { nonce: expectTag(nonce, tag.octetString, 'GCMParameters.aes-nonce').content, tagLength };
}

function openValue(
  bytes: Buffer,
  cursor: { offset: number },
  identifier: number,
  what: string,
): OpenValue {
  const header = parseTlvHeader(bytes, cursor.offset);
  if (header === undefined) {
    throw new TruncatedDerError(what);
  }
  if (header.identifier !== identifier) {
    throw malformed(`${what} is missing or has the wrong ASN.1 tag`);
  }
  cursor.offset += header.headerLength;
  return {
    what,
    end: header.length === undefined ? undefined : cursor.offset + header.length,
  };
}

function closeValue(
  bytes: Buffer,
  bytesOffset: number,
  cursor: { offset: number },
  value: OpenValue,
): void {
  if (value.end === undefined) {
    if (bytes[cursor.offset] !== 0 || bytes[cursor.offset + 1] !== 0) {
      throw malformed(`${value.what} has no end-of-contents where it should end`);
    }
    cursor.offset += 2;
  } else if (bytesOffset + cursor.offset !== value.end) {
    throw malformed(`${value.what} does not end where its length says`);
  }
}

function next(bytes: Buffer, cursor: { offset: number }, what: string): Tlv {
  const value = decodeTlv(bytes, cursor.offset, what);
  cursor.offset += value.encoded.length;
  return value;
}

function unsupported(detail: string): CryptoError {
  return new CryptoError('DEURO_CRYPTO_UNSUPPORTED_FORMAT', detail);
}
