/*
 * KeyAgreeRecipientInfo (RFC 5652 section 6.2.2) for EC P-256 recipients as RFC 5753 specifies
 * it: ephemeral-static ECDH (a fresh ephemeral key per recipient info, sent as originatorKey),
 * the X9.63 KDF with SHA-256 (dhSinglePass-stdDH-sha256kdf-scheme) and AES-256 key wrap. The
 * recipient is named by rKeyId with the 32 bytes of the key's Deuro fingerprint. Reading also
 * accepts the SHA-1/384/512 KDF schemes and AES-128/192 wrap, which other producers (the
 * openssl CLI defaults to the SHA-1 scheme) write.
 */

import { createPublicKey, diffieHellman, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { aesUnwrapKey, aesWrapKey } from './aes-key-wrap';
import { CryptoError } from './crypto-error';
import { childrenOf, decodeObjectIdentifier, expectTag, malformed, type Tlv } from './der-decode';
import {
  algorithmIdentifier,
  bitString,
  contextTag,
  objectIdentifier,
  octetString,
  sequence,
  smallInteger,
  tag,
  tlv,
} from './der-encode';
import { OID_AES256_WRAP, OID_ECDH_STD_SHA256_KDF, OID_EC_PUBLIC_KEY, OID_P256 } from './oids';
import type { RecipientPublicKey } from './recipient-key';
import { encodeEccCmsSharedInfo, x963Kdf } from './x963-kdf';

const KARI_VERSION = 3;

const kdfHashes: Readonly<Record<string, string>> = {
  '1.3.133.16.840.63.0.2': 'sha1',
  [OID_ECDH_STD_SHA256_KDF]: 'sha256',
  '1.3.132.1.11.2': 'sha384',
  '1.3.132.1.11.3': 'sha512',
};

const wrapKeyLengths: Readonly<Record<string, number>> = {
  '2.16.840.1.101.3.4.1.5': 16,
  '2.16.840.1.101.3.4.1.25': 24,
  [OID_AES256_WRAP]: 32,
};

const aes256WrapIdentifier = algorithmIdentifier(OID_AES256_WRAP);

/**
 * Encode a KeyAgreeRecipientInfo (the `[1]` alternative of RecipientInfo) that carries
 * `contentKey` to an EC P-256 recipient, with a fresh ephemeral key.
 */
export function encodeKeyAgreeRecipientInfo(
  recipient: RecipientPublicKey,
  contentKey: Buffer,
): Buffer {
  const ephemeral = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const sharedSecret = diffieHellman({
    privateKey: ephemeral.privateKey,
    publicKey: recipient.key,
  });
  const sharedInfo = encodeEccCmsSharedInfo(aes256WrapIdentifier, 256);
  const kek = x963Kdf('sha256', sharedSecret, sharedInfo, 32);
  const originatorKey = tlv(
    contextTag(1, true),
    algorithmIdentifier(OID_EC_PUBLIC_KEY),
    bitString(uncompressedPoint(ephemeral.publicKey)),
  );
  const recipientEncryptedKey = sequence(
    tlv(contextTag(0, true), octetString(recipient.keyId)),
    octetString(aesWrapKey(kek, contentKey)),
  );
  return tlv(
    contextTag(1, true),
    smallInteger(KARI_VERSION),
    tlv(contextTag(0, true), originatorKey),
    algorithmIdentifier(OID_ECDH_STD_SHA256_KDF, aes256WrapIdentifier),
    sequence(recipientEncryptedKey),
  );
}

/** The parts of a decoded KeyAgreeRecipientInfo. */
export interface KeyAgreeRecipientInfo {
  /** The originator's ephemeral public point (uncompressed), from originatorKey. */
  readonly originatorPoint: Buffer | undefined;
  readonly ukm: Buffer | undefined;
  readonly keyEncryptionAlgorithm: Tlv;
  /** Each recipient's key id (`undefined` for issuer and serial number) and wrapped key. */
  readonly encryptedKeys: readonly { keyId: Buffer | undefined; encryptedKey: Buffer }[];
}

/**
 * Decode a KeyAgreeRecipientInfo.
 * @throws CryptoError `DEURO_CRYPTO_MALFORMED` when its fields are missing.
 */
export function decodeKeyAgreeRecipientInfo(info: Tlv): KeyAgreeRecipientInfo {
  const fields = childrenOf(info, 'KeyAgreeRecipientInfo');
  const [, originator] = fields;
  const hasUkm = fields[2]?.identifier === contextTag(1, true);
  const keyEncryptionAlgorithm = fields[hasUkm ? 3 : 2];
  const recipientEncryptedKeys = fields[hasUkm ? 4 : 3];
  if (originator === undefined || keyEncryptionAlgorithm === undefined) {
    throw malformed('KeyAgreeRecipientInfo is incomplete');
  }
  const ukmField = hasUkm ? childrenOf(fields[2] as Tlv, 'ukm')[0] : undefined;
  const encryptedKeys = childrenOf(
    expectTag(recipientEncryptedKeys, tag.sequence, 'recipientEncryptedKeys'),
    'recipientEncryptedKeys',
  ).map((rek) => {
    const [rid, encryptedKey] = childrenOf(rek, 'RecipientEncryptedKey');
    const keyId =
      rid?.identifier === contextTag(0, true)
        ? expectTag(childrenOf(rid, 'rKeyId')[0], tag.octetString, 'subjectKeyIdentifier').content
        : undefined;
    return {
      keyId,
      encryptedKey: expectTag(encryptedKey, tag.octetString, 'encryptedKey').content,
    };
  });
  return {
    originatorPoint: originatorPointOf(originator),
    ukm: ukmField === undefined ? undefined : expectTag(ukmField, tag.octetString, 'ukm').content,
    keyEncryptionAlgorithm,
    encryptedKeys,
  };
}

/**
 * Recover the content key from one encrypted key of a KeyAgreeRecipientInfo with the
 * recipient's EC P-256 private key.
 * @throws CryptoError `DEURO_CRYPTO_UNSUPPORTED_FORMAT` for another originator form, KDF or
 * key wrap; `DEURO_CRYPTO_TAMPERED` when the unwrap fails.
 */
export function unwrapKeyAgreeRecipientInfo(
  info: KeyAgreeRecipientInfo,
  encryptedKey: Buffer,
  privateKey: KeyObject,
): Buffer {
  const [schemeField, wrapField] = childrenOf(
    info.keyEncryptionAlgorithm,
    'keyEncryptionAlgorithm',
  );
  const scheme = decodeObjectIdentifier(schemeField, 'keyEncryptionAlgorithm');
  const wrapAlgorithm = expectTag(wrapField, tag.sequence, 'key wrap algorithm');
  const wrap = decodeObjectIdentifier(childrenOf(wrapAlgorithm, 'key wrap')[0], 'key wrap');
  const hash = kdfHashes[scheme];
  const kekLength = wrapKeyLengths[wrap];
  if (hash === undefined || kekLength === undefined || info.originatorPoint === undefined) {
    throw new CryptoError(
      'DEURO_CRYPTO_UNSUPPORTED_FORMAT',
      `key agreement ${scheme} with ${wrap} (RFC 5753 ephemeral-static ECDH with an ` +
        'originatorKey and AES key wrap needed)',
    );
  }
  const sharedSecret = diffieHellman({
    privateKey,
    publicKey: p256PublicKey(info.originatorPoint),
  });
  const sharedInfo = encodeEccCmsSharedInfo(wrapAlgorithm.encoded, kekLength * 8, info.ukm);
  return aesUnwrapKey(x963Kdf(hash, sharedSecret, sharedInfo, kekLength), encryptedKey);
}

function originatorPointOf(originator: Tlv): Buffer | undefined {
  const choice = childrenOf(originator, 'originator')[0];
  if (choice?.identifier !== contextTag(1, true)) {
    return undefined;
  }
  const [algorithm, publicKey] = childrenOf(choice, 'originatorKey');
  const oid = decodeObjectIdentifier(
    childrenOf(expectTag(algorithm, tag.sequence, 'originatorKey.algorithm'), 'algorithm')[0],
    'originatorKey.algorithm',
  );
  const bits = expectTag(publicKey, tag.bitString, 'originatorKey.publicKey').content;
  return oid === OID_EC_PUBLIC_KEY && bits[0] === 0 ? bits.subarray(1) : undefined;
}

/** The uncompressed point of a P-256 public key: the BIT STRING at the end of its SPKI. */
function uncompressedPoint(publicKey: KeyObject): Buffer {
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return spki.subarray(spki.length - 65);
}

function p256PublicKey(point: Buffer): KeyObject {
  const spki = sequence(
    algorithmIdentifier(OID_EC_PUBLIC_KEY, objectIdentifier(OID_P256)),
    bitString(point),
  );
  try {
    return createPublicKey({ key: spki, format: 'der', type: 'spki' });
  } catch (error) {
    throw new CryptoError('DEURO_CRYPTO_MALFORMED', 'originatorKey is not a P-256 point', error);
  }
}
