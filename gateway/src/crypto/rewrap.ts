/*
 * Granting without re-encrypting: a new header for the same encrypted content. The content key
 * is recovered from the old header with the private key of one of its recipients (the owner)
 * and wrapped for the new recipient list; the content-encryption algorithm, with its GCM nonce,
 * is copied byte for byte. The bulk encryptedContent and the trailer (GCM tag) stay valid as
 * they are: header + the stored bulk + the stored trailer is the new envelope.
 */

import { toRecipientPublicKeys, type CmsRecipient } from './cms-encryptor';
import { CryptoError } from './crypto-error';
import { malformed } from './der-decode';
import { contextTag } from './der-encode';
import { CONTENT_KEY_LENGTH, encodeEnvelopeHeader } from './envelope-encoding';
import { parseEnvelopeHead } from './envelope-head';
import { toRecipientPrivateKey, type PrivateKeyInput } from './private-key';
import { encodeRecipientInfos, unwrapContentKey } from './recipient-infos';

/** Options of {@link rewrapForRecipients}. */
export interface RewrapOptions {
  /** The header the encryptor wrote (`CmsEncryptor.header`), or a header rewrapped before. */
  readonly header: Buffer;
  /** The private key of one recipient of `header`, usually the owner's. */
  readonly privateKey: PrivateKeyInput;
  /** The complete new recipient list (keep the owner in it to keep access). */
  readonly recipients: readonly CmsRecipient[];
}

/** A rewrapped header. */
export interface RewrappedHeader {
  /** The new header; put it in front of the unchanged encryptedContent and trailer. */
  readonly header: Buffer;
  /** The new recipients' fingerprints, in the order given. */
  readonly fingerprints: readonly string[];
}

/**
 * Build the header of the same content for a new recipient list.
 * @throws CryptoError `DEURO_CRYPTO_NOT_A_RECIPIENT` when `privateKey` is not a recipient of
 * `header`; `DEURO_CRYPTO_MALFORMED` when `header` is not a header the encryptor wrote;
 * `DEURO_CRYPTO_TAMPERED` when the content key does not unwrap; and the errors of
 * `newCmsEncryptor` for the recipients.
 */
export function rewrapForRecipients(options: RewrapOptions): RewrappedHeader {
  const recipients = toRecipientPublicKeys(options.recipients);
  const privateKey = toRecipientPrivateKey(options.privateKey, 'privateKey');
  const head = parseEnvelopeHead(options.header);
  if (
    head === undefined ||
    options.header.length !== head.contentOffset + 2 ||
    options.header[head.contentOffset] !== contextTag(0, true) ||
    options.header[head.contentOffset + 1] !== 0x80 ||
    head.openValues.some((value) => value.end !== undefined)
  ) {
    throw malformed('header is not an envelope header written by newCmsEncryptor');
  }
  const contentKey = unwrapContentKey(head.recipientInfos, privateKey);
  if (contentKey.length !== CONTENT_KEY_LENGTH) {
    throw new CryptoError('DEURO_CRYPTO_TAMPERED', 'the content key has the wrong length');
  }
  try {
    return {
      header: encodeEnvelopeHeader(
        encodeRecipientInfos(recipients, contentKey),
        head.contentEncryptionAlgorithm.encoded,
      ),
      fingerprints: recipients.map((recipient) => recipient.fingerprint),
    };
  } finally {
    contentKey.fill(0);
  }
}
