/*
 * The recipientInfos SET of an envelope: one KeyTransRecipientInfo per RSA recipient and one
 * KeyAgreeRecipientInfo (with its own ephemeral key) per EC P-256 recipient, and the reverse:
 * finding the recipient info of a private key and recovering the content key from it.
 *
 * A private key finds its recipient info by key id (the SHA-256 of its SPKI DER, or the first
 * 20 bytes of it). Recipient infos named by issuer and serial number (what `openssl cms
 * -encrypt -recip cert.pem` writes) carry no key id; the key is then tried against each of
 * them, as `openssl cms -decrypt` does, and the integrity checks of RSA-OAEP and AES key wrap
 * tell which one is its own.
 */

import type { KeyObject } from 'node:crypto';
import { CryptoError, isCryptoError } from './crypto-error';
import { childrenOf, type Tlv } from './der-decode';
import { contextTag, setOf, tag } from './der-encode';
import {
  decodeKeyAgreeRecipientInfo,
  encodeKeyAgreeRecipientInfo,
  unwrapKeyAgreeRecipientInfo,
} from './ecdh-recipient';
import { keyIdOf, recipientKeyKind, type RecipientPublicKey } from './recipient-key';
import {
  decodeKeyTransRecipientInfo,
  encodeKeyTransRecipientInfo,
  unwrapKeyTransRecipientInfo,
} from './rsa-oaep-recipient';

/** Length of a SHA-1-sized key id, the other length accepted when matching. */
const SHORT_KEY_ID_LENGTH = 20;

/**
 * Encode the recipientInfos SET carrying `contentKey` to every recipient.
 */
export function encodeRecipientInfos(
  recipients: readonly RecipientPublicKey[],
  contentKey: Buffer,
): Buffer {
  return setOf(
    recipients.map((recipient) =>
      recipient.kind === 'rsa'
        ? encodeKeyTransRecipientInfo(recipient, contentKey)
        : encodeKeyAgreeRecipientInfo(recipient, contentKey),
    ),
  );
}

/** One way to recover the content key: a recipient info addressed to the key, or a guess. */
interface UnwrapCandidate {
  /** Whether the recipient info names this key by key id (rather than by issuer and serial). */
  readonly named: boolean;
  readonly unwrap: () => Buffer;
}

/**
 * Recover the content key from the recipientInfos SET with a recipient's private key.
 * @throws CryptoError `DEURO_CRYPTO_UNSUPPORTED_KEY` for a private key of another type;
 * `DEURO_CRYPTO_NOT_A_RECIPIENT` when no recipient info is for this key;
 * `DEURO_CRYPTO_TAMPERED` when the one for this key does not unwrap;
 * `DEURO_CRYPTO_MALFORMED` or `DEURO_CRYPTO_UNSUPPORTED_FORMAT` from decoding.
 */
export function unwrapContentKey(recipientInfos: Tlv, privateKey: KeyObject): Buffer {
  const candidates = unwrapCandidates(recipientInfos, privateKey);
  const named = candidates.find((candidate) => candidate.named);
  if (named !== undefined) {
    return named.unwrap();
  }
  for (const candidate of candidates) {
    try {
      return candidate.unwrap();
    } catch (error) {
      if (!isCryptoError(error, 'DEURO_CRYPTO_TAMPERED')) {
        throw error;
      }
    }
  }
  throw new CryptoError(
    'DEURO_CRYPTO_NOT_A_RECIPIENT',
    `none of the envelope's recipient infos is for key ${keyIdOf(privateKey).toString('hex')}`,
  );
}

function unwrapCandidates(recipientInfos: Tlv, privateKey: KeyObject): UnwrapCandidate[] {
  const kind = recipientKeyKind(privateKey, 'privateKey');
  const keyId = keyIdOf(privateKey);
  const infos = childrenOf(recipientInfos, 'recipientInfos');
  if (kind === 'rsa') {
    return infos
      .filter((info) => info.identifier === tag.sequence)
      .map((info) => decodeKeyTransRecipientInfo(info))
      .filter((ktri) => ktri.keyId === undefined || matchesKeyId(ktri.keyId, keyId))
      .map((ktri) => ({
        named: ktri.keyId !== undefined,
        unwrap: () => unwrapKeyTransRecipientInfo(ktri, privateKey),
      }));
  }
  return infos
    .filter((info) => info.identifier === contextTag(1, true))
    .map((info) => decodeKeyAgreeRecipientInfo(info))
    .flatMap((kari) =>
      kari.encryptedKeys
        .filter((rek) => rek.keyId === undefined || matchesKeyId(rek.keyId, keyId))
        .map((rek) => ({
          named: rek.keyId !== undefined,
          unwrap: () => unwrapKeyAgreeRecipientInfo(kari, rek.encryptedKey, privateKey),
        })),
    );
}

function matchesKeyId(candidate: Buffer, keyId: Buffer): boolean {
  return (
    candidate.equals(keyId) ||
    (candidate.length === SHORT_KEY_ID_LENGTH &&
      candidate.equals(keyId.subarray(0, SHORT_KEY_ID_LENGTH)))
  );
}
