/*
 * KeyTransRecipientInfo (RFC 5652 section 6.2.1) with RSAES-OAEP key transport (RFC 4055,
 * RFC 8017): SHA-256 for the hash and MGF1, no label. The recipient is named by a
 * subjectKeyIdentifier (version 2), holding the 32 bytes of the key's Deuro fingerprint.
 */

import { constants, privateDecrypt, publicEncrypt, type KeyObject } from 'node:crypto';
import { CryptoError } from './crypto-error';
import { childrenOf, decodeObjectIdentifier, expectTag, type Tlv } from './der-decode';
import {
  algorithmIdentifier,
  contextTag,
  octetString,
  sequence,
  smallInteger,
  tlv,
} from './der-encode';
import { OID_MGF1, OID_RSAES_OAEP, OID_SHA256 } from './oids';
import type { RecipientPublicKey } from './recipient-key';

const KTRI_VERSION_SKI = 2;

const sha256Identifier = algorithmIdentifier(OID_SHA256);

/** RSAES-OAEP-params: SHA-256, MGF1 with SHA-256, the default (empty) label. */
const oaepIdentifier = algorithmIdentifier(
  OID_RSAES_OAEP,
  sequence(
    tlv(contextTag(0, true), sha256Identifier),
    tlv(contextTag(1, true), algorithmIdentifier(OID_MGF1, sha256Identifier)),
  ),
);

/**
 * Encode the KeyTransRecipientInfo that carries `contentKey` to an RSA recipient.
 */
export function encodeKeyTransRecipientInfo(
  recipient: RecipientPublicKey,
  contentKey: Buffer,
): Buffer {
  const encryptedKey = publicEncrypt(
    { key: recipient.key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    contentKey,
  );
  return sequence(
    smallInteger(KTRI_VERSION_SKI),
    tlv(contextTag(0, false), recipient.keyId),
    oaepIdentifier,
    octetString(encryptedKey),
  );
}

/** The parts of a decoded KeyTransRecipientInfo. */
export interface KeyTransRecipientInfo {
  /** The subjectKeyIdentifier, or `undefined` when named by issuer and serial number. */
  readonly keyId: Buffer | undefined;
  readonly keyEncryptionAlgorithm: Tlv;
  readonly encryptedKey: Buffer;
}

/**
 * Decode a KeyTransRecipientInfo.
 * @throws CryptoError `DEURO_CRYPTO_MALFORMED` when its fields are missing.
 */
export function decodeKeyTransRecipientInfo(info: Tlv): KeyTransRecipientInfo {
  const [, rid, keyEncryptionAlgorithm, encryptedKey] = childrenOf(info, 'KeyTransRecipientInfo');
  if (rid === undefined || keyEncryptionAlgorithm === undefined) {
    throw new CryptoError('DEURO_CRYPTO_MALFORMED', 'KeyTransRecipientInfo is incomplete');
  }
  return {
    keyId: rid.identifier === contextTag(0, false) ? rid.content : undefined,
    keyEncryptionAlgorithm,
    encryptedKey: expectTag(encryptedKey, 0x04, 'KeyTransRecipientInfo.encryptedKey').content,
  };
}

/**
 * Recover the content key from a KeyTransRecipientInfo with the recipient's RSA private key.
 * @throws CryptoError `DEURO_CRYPTO_UNSUPPORTED_FORMAT` for another key transport than
 * RSAES-OAEP with SHA-256; `DEURO_CRYPTO_TAMPERED` when the decryption fails.
 */
export function unwrapKeyTransRecipientInfo(
  info: KeyTransRecipientInfo,
  privateKey: KeyObject,
): Buffer {
  const algorithm = decodeObjectIdentifier(
    childrenOf(info.keyEncryptionAlgorithm, 'keyEncryptionAlgorithm')[0],
    'keyEncryptionAlgorithm',
  );
  if (algorithm !== OID_RSAES_OAEP || !info.keyEncryptionAlgorithm.encoded.equals(oaepIdentifier)) {
    throw new CryptoError(
      'DEURO_CRYPTO_UNSUPPORTED_FORMAT',
      `key transport ${algorithm} (RSAES-OAEP with SHA-256 and MGF1-SHA-256 needed)`,
    );
  }
  try {
    return privateDecrypt(
      { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      info.encryptedKey,
    );
  } catch (error) {
    throw new CryptoError(
      'DEURO_CRYPTO_TAMPERED',
      'the RSA-OAEP encrypted content key does not decrypt with this key',
      error,
    );
  }
}
