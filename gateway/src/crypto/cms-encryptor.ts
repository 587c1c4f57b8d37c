/*
 * Streaming CMS encryption to several recipients at once. A fresh AES-256 content key and GCM
 * nonce are drawn for each envelope; the content key is wrapped for every recipient in the
 * header (recipient-infos.ts), which is ready before the first byte of content. Each chunk
 * written is encrypted and emitted at once as one OCTET STRING segment, with backpressure, so
 * memory stays at a few chunks whatever the size; the GCM tag goes into the trailer at the end.
 *
 * With `output: 'encryptedContent'` the stream emits only the bulk part and the caller stores
 * `header` and `trailer` beside it: granting a new reader then rewrites the small header
 * (rewrapForRecipients) and never the bulk. See docs/crypto.md.
 */

import { createCipheriv, randomBytes, type CipherGCM } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { CryptoError } from './crypto-error';
import {
  CONTENT_KEY_LENGTH,
  encodeContentEncryptionAlgorithm,
  encodeEnvelopeHeader,
  encodeEnvelopeTrailer,
  encodeSegmentHeader,
  GCM_NONCE_LENGTH,
  GCM_TAG_LENGTH,
} from './envelope-encoding';
import { encodeRecipientInfos } from './recipient-infos';
import {
  newRecipientPublicKey,
  type PublicKeyInput,
  type RecipientPublicKey,
} from './recipient-key';

/** Most content one GCM key and nonce may encrypt (2^39 - 256 bits, NIST SP 800-38D). */
export const MAX_CONTENT_LENGTH = 2 ** 36 - 32;

/** One recipient of an envelope. */
export interface CmsRecipient {
  /** RSA (3072 bits or more) or EC P-256 public key: SPKI or certificate PEM, or KeyObject. */
  readonly publicKey: PublicKeyInput;
  /** The key's fingerprint from the key directory; checked against the key when given. */
  readonly fingerprint?: string;
}

/** What the encryptor stream emits. */
export type CmsEncryptorOutput = 'envelope' | 'encryptedContent';

/** Options of {@link newCmsEncryptor}. */
export interface CmsEncryptorOptions {
  /** The recipients, at least one; each may decrypt with its private key. */
  readonly recipients: readonly CmsRecipient[];
  /**
   * `envelope` (default): the stream emits the whole envelope (header, content, trailer).
   * `encryptedContent`: it emits only the bulk part, between `header` and `trailer`.
   */
  readonly output?: CmsEncryptorOutput;
}

/**
 * A Transform stream: plaintext in, envelope (or its bulk part) out.
 */
export interface CmsEncryptor extends Transform {
  /** The envelope header, known before any content: recipient infos and algorithm. */
  readonly header: Buffer;
  /** The envelope trailer (with the GCM tag), once the stream has flushed; else undefined. */
  readonly trailer: Buffer | undefined;
  /** The recipients' fingerprints, in the order given (for the ledger's `keyFingerprints`). */
  readonly fingerprints: readonly string[];
  /** Content bytes encrypted so far. */
  readonly contentLength: number;
}

/**
 * Create a streaming encryptor to the given recipients.
 * @throws CryptoError `DEURO_CRYPTO_INVALID_ARGUMENT` for no recipients, a repeated recipient
 * or a fingerprint that does not match its key; `DEURO_CRYPTO_UNSUPPORTED_KEY` for a key that
 * is not RSA of 3072 bits or more or EC P-256. The stream fails with
 * `DEURO_CRYPTO_INVALID_ARGUMENT` beyond {@link MAX_CONTENT_LENGTH} bytes.
 */
export function newCmsEncryptor(options: CmsEncryptorOptions): CmsEncryptor {
  const recipients = toRecipientPublicKeys(options.recipients);
  const contentKey = randomBytes(CONTENT_KEY_LENGTH);
  const nonce = randomBytes(GCM_NONCE_LENGTH);
  const header = encodeEnvelopeHeader(
    encodeRecipientInfos(recipients, contentKey),
    encodeContentEncryptionAlgorithm(nonce),
  );
  const cipher = createCipheriv('aes-256-gcm', contentKey, nonce, {
    authTagLength: GCM_TAG_LENGTH,
  });
  contentKey.fill(0);
  return new GcmEnvelopeEncryptor(
    header,
    cipher,
    recipients.map((recipient) => recipient.fingerprint),
    options.output ?? 'envelope',
  );
}

/**
 * Validate recipients: at least one, each supported, none twice.
 * @throws CryptoError as {@link newCmsEncryptor}.
 */
export function toRecipientPublicKeys(recipients: readonly CmsRecipient[]): RecipientPublicKey[] {
  if (recipients.length === 0) {
    throw new CryptoError('DEURO_CRYPTO_INVALID_ARGUMENT', 'recipients: at least one is needed');
  }
  const keys = recipients.map((recipient, index) =>
    newRecipientPublicKey(
      recipient.publicKey,
      `recipients[${String(index)}]`,
      recipient.fingerprint,
    ),
  );
  keys.forEach((key, index) => {
    if (keys.findIndex((other) => other.fingerprint === key.fingerprint) !== index) {
      throw new CryptoError(
        'DEURO_CRYPTO_INVALID_ARGUMENT',
        `recipients[${String(index)}]: key ${key.fingerprint} is listed twice`,
      );
    }
  });
  return keys;
}

class GcmEnvelopeEncryptor extends Transform implements CmsEncryptor {
  readonly header: Buffer;
  readonly fingerprints: readonly string[];
  readonly #cipher: CipherGCM;
  readonly #output: CmsEncryptorOutput;
  #trailer: Buffer | undefined;
  #contentLength = 0;

  constructor(
    header: Buffer,
    cipher: CipherGCM,
    fingerprints: readonly string[],
    output: CmsEncryptorOutput,
  ) {
    super();
    this.header = header;
    this.fingerprints = fingerprints;
    this.#cipher = cipher;
    this.#output = output;
    if (output === 'envelope') {
      this.push(header);
    }
  }

  get trailer(): Buffer | undefined {
    return this.#trailer;
  }

  get contentLength(): number {
    return this.#contentLength;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (chunk.length === 0) {
      callback();
      return;
    }
    this.#contentLength += chunk.length;
    if (this.#contentLength > MAX_CONTENT_LENGTH) {
      callback(
        new CryptoError(
          'DEURO_CRYPTO_INVALID_ARGUMENT',
          `content longer than ${String(MAX_CONTENT_LENGTH)} bytes, the AES-GCM limit`,
        ),
      );
      return;
    }
    const ciphertext = this.#cipher.update(chunk);
    this.push(encodeSegmentHeader(ciphertext.length));
    callback(null, ciphertext);
  }

  override _flush(callback: TransformCallback): void {
    this.#cipher.final();
    this.#trailer = encodeEnvelopeTrailer(this.#cipher.getAuthTag());
    callback(null, this.#output === 'envelope' ? this.#trailer : undefined);
  }
}
