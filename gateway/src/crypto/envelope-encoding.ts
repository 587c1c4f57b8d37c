/*
 * The byte layout of a Deuro envelope, a CMS ContentInfo of type id-ct-authEnvelopedData
 * (RFC 5083) with AES-256-GCM (RFC 5084), in three parts:
 *
 *   header            30 80  contentType id-ct-authEnvelopedData
 *                     A0 80  [0] content
 *                     30 80  AuthEnvelopedData: version 0, recipientInfos (DER SET)
 *                     30 80  EncryptedContentInfo: id-data, id-aes256-GCM {nonce, ICVlen 16}
 *                     A0 80  [0] encryptedContent, constructed
 *   encryptedContent  04 <len> <ciphertext>, one OCTET STRING segment per chunk
 *   trailer           00 00 (encryptedContent) 00 00 (EncryptedContentInfo)
 *                     04 10 <GCM tag> (mac) 00 00 00 00 00 00 (the three outer values)
 *
 * Indefinite lengths (BER) let the header be written before the content size is known and
 * keep the header independent of it: a new recipient list gives a new header while the
 * encryptedContent and trailer bytes stay the same. `openssl cms` reads BER.
 */

import {
  algorithmIdentifier,
  contextTag,
  encodeLength,
  endOfContents,
  objectIdentifier,
  octetString,
  openIndefinite,
  sequence,
  smallInteger,
  tag,
} from './der-encode';
import { OID_AES256_GCM, OID_AUTH_ENVELOPED_DATA, OID_DATA } from './oids';

/** AuthEnvelopedData version (always 0, RFC 5083). */
const AUTH_ENVELOPED_DATA_VERSION = 0;

/** AES-256 key length in bytes. */
export const CONTENT_KEY_LENGTH = 32;
/** GCM nonce length in bytes (the 96 bits RFC 5084 recommends). */
export const GCM_NONCE_LENGTH = 12;
/** GCM tag length in bytes, written as aes-ICVlen. */
export const GCM_TAG_LENGTH = 16;

/** The AlgorithmIdentifier id-aes256-GCM with GCMParameters { nonce, 16 }. */
export function encodeContentEncryptionAlgorithm(nonce: Buffer): Buffer {
  return algorithmIdentifier(
    OID_AES256_GCM,
    sequence(octetString(nonce), smallInteger(GCM_TAG_LENGTH)),
  );
}

/**
 * The header: everything before the first content segment.
 * @param recipientInfos - The encoded recipientInfos SET.
 * @param contentEncryptionAlgorithm - The encoded content-encryption AlgorithmIdentifier.
 */
export function encodeEnvelopeHeader(
  recipientInfos: Buffer,
  contentEncryptionAlgorithm: Buffer,
): Buffer {
  return Buffer.concat([
    openIndefinite(tag.sequence),
    objectIdentifier(OID_AUTH_ENVELOPED_DATA),
    openIndefinite(contextTag(0, true)),
    openIndefinite(tag.sequence),
    smallInteger(AUTH_ENVELOPED_DATA_VERSION),
    recipientInfos,
    openIndefinite(tag.sequence),
    objectIdentifier(OID_DATA),
    contentEncryptionAlgorithm,
    openIndefinite(contextTag(0, true)),
  ]);
}

/** The identifier and length octets of a content segment of `length` bytes. */
export function encodeSegmentHeader(length: number): Buffer {
  return Buffer.concat([Buffer.from([tag.octetString]), encodeLength(length)]);
}

/** The trailer: end of the content, the GCM tag as mac, end of the outer values. */
export function encodeEnvelopeTrailer(gcmTag: Buffer): Buffer {
  return Buffer.concat([
    endOfContents,
    endOfContents,
    octetString(gcmTag),
    endOfContents,
    endOfContents,
    endOfContents,
  ]);
}
