/*
 * The ANSI X9.63 key derivation function as RFC 5753 uses it for ephemeral-static ECDH, with
 * the ECC-CMS-SharedInfo that binds the derived key-encryption key to the key-wrap algorithm
 * and its length.
 */

import { createHash } from 'node:crypto';
import { contextTag, octetString, sequence, tlv } from './der-encode';

/**
 * Encode ECC-CMS-SharedInfo (RFC 5753 section 7.2).
 * @param keyWrapAlgorithm - The encoded AlgorithmIdentifier of the key wrap, as in the envelope.
 * @param keyBits - The key-encryption key length in bits (256 for id-aes256-wrap).
 * @param ukm - The user keying material, when the envelope has one.
 */
export function encodeEccCmsSharedInfo(
  keyWrapAlgorithm: Buffer,
  keyBits: number,
  ukm?: Buffer,
): Buffer {
  const suppPubInfo = Buffer.alloc(4);
  suppPubInfo.writeUInt32BE(keyBits);
  return sequence(
    keyWrapAlgorithm,
    ...(ukm === undefined ? [] : [tlv(contextTag(0, true), octetString(ukm))]),
    tlv(contextTag(2, true), octetString(suppPubInfo)),
  );
}

/**
 * Derive `length` bytes from the shared secret: Hash(Z || counter || sharedInfo) for counters
 * 1, 2, ... (32-bit big-endian), concatenated and truncated.
 * @param hash - A node:crypto hash name, e.g. `sha256`.
 */
export function x963Kdf(
  hash: string,
  sharedSecret: Buffer,
  sharedInfo: Buffer,
  length: number,
): Buffer {
  const blocks: Buffer[] = [];
  const counter = Buffer.alloc(4);
  for (let produced = 0, i = 1; produced < length; i++) {
    counter.writeUInt32BE(i);
    const block = createHash(hash).update(sharedSecret).update(counter).update(sharedInfo).digest();
    blocks.push(block);
    produced += block.length;
  }
  return Buffer.concat(blocks).subarray(0, length);
}
