/*
 * Streaming decryption of a Deuro envelope (or any CMS AuthEnvelopedData with AES-256-GCM and
 * the recipient infos of recipient-infos.ts) with one recipient's private key, for the
 * `deuro get` CLI. The head is gathered (at most MAX_HEAD_LENGTH bytes), the content key is
 * recovered from the recipient info of the key, then the ciphertext is decrypted as it arrives
 * and the plaintext emitted with backpressure, so memory stays flat whatever the size.
 *
 * GCM authenticates the whole content only at its end: plaintext is emitted before the tag is
 * checked, and the stream fails with DEURO_CRYPTO_TAMPERED after the last byte when the tag is
 * wrong. Consumers write to a temporary file and keep it only when the stream ends without an
 * error (the CLI renames it into place on 'finish').
 */

import { createDecipheriv, type DecipherGCM, type KeyObject } from 'node:crypto';
import { Duplex } from 'node:stream';
import { newByteReader, type ByteReader } from './byte-reader';
import { CryptoError } from './crypto-error';
import { malformed } from './der-decode';
import { readEncryptedContent } from './encrypted-content-reader';
import { CONTENT_KEY_LENGTH } from './envelope-encoding';
import { parseEnvelopeHead, parseEnvelopeTail, type EnvelopeHead } from './envelope-head';
import { toRecipientPrivateKey, type PrivateKeyInput } from './private-key';
import { unwrapContentKey } from './recipient-infos';

/** Largest head (everything before the content) read into memory: 1 MiB. */
export const MAX_HEAD_LENGTH = 1024 * 1024;
/** Largest tail (everything after the content) read into memory: 1 MiB. */
export const MAX_TAIL_LENGTH = 1024 * 1024;

/** Options of {@link newCmsDecryptor}. */
export interface CmsDecryptorOptions {
  /** The recipient's private key: RSA (3072 bits or more) or EC P-256, PEM or KeyObject. */
  readonly privateKey: PrivateKeyInput;
}

/**
 * A Duplex stream: envelope bytes in, plaintext out. It fails with a CryptoError.
 */
export type CmsDecryptor = Duplex;

/**
 * Create a streaming decryptor for one recipient.
 * @throws CryptoError `DEURO_CRYPTO_UNSUPPORTED_KEY` at once for an unusable private key. The
 * stream itself fails with `DEURO_CRYPTO_NOT_A_RECIPIENT`, `DEURO_CRYPTO_TAMPERED`,
 * `DEURO_CRYPTO_MALFORMED` or `DEURO_CRYPTO_UNSUPPORTED_FORMAT`.
 */
export function newCmsDecryptor(options: CmsDecryptorOptions): CmsDecryptor {
  const privateKey = toRecipientPrivateKey(options.privateKey, 'privateKey');
  return Duplex.from(async function* (source: AsyncIterable<Buffer>) {
    yield* decryptEnvelope(source, privateKey);
  });
}

/**
 * Decrypt an envelope from an async source of chunks, yielding the plaintext.
 * @throws CryptoError as {@link newCmsDecryptor}'s stream fails.
 */
export async function* decryptEnvelope(
  source: AsyncIterable<Buffer | Uint8Array>,
  privateKeyInput: PrivateKeyInput,
): AsyncGenerator<Buffer> {
  const privateKey = toRecipientPrivateKey(privateKeyInput, 'privateKey');
  const reader = newByteReader(source);
  const head = await readHead(reader);
  const decipher = newContentDecipher(head, privateKey);
  await reader.take(head.contentOffset, 'envelope head');
  for await (const ciphertext of readEncryptedContent(reader)) {
    const plaintext = decipher.update(ciphertext);
    if (plaintext.length > 0) {
      yield plaintext;
    }
  }
  const tailOffset = reader.position;
  const tail = await readRest(reader);
  const mac = parseEnvelopeTail(tail, tailOffset, head.openValues);
  if (mac.length !== head.tagLength) {
    throw new CryptoError(
      'DEURO_CRYPTO_TAMPERED',
      `the GCM tag is ${String(mac.length)} bytes, not ${String(head.tagLength)}`,
    );
  }
  decipher.setAuthTag(mac);
  const last = finalBlock(decipher);
  if (last.length > 0) {
    yield last;
  }
}

async function readHead(reader: ByteReader): Promise<EnvelopeHead> {
  for (;;) {
    const head = parseEnvelopeHead(reader.peek(MAX_HEAD_LENGTH));
    if (head !== undefined) {
      return head;
    }
    if (reader.buffered >= MAX_HEAD_LENGTH) {
      throw malformed(`the envelope head is longer than ${String(MAX_HEAD_LENGTH)} bytes`);
    }
    if (!(await reader.fill())) {
      throw malformed('the envelope ends before its content starts');
    }
  }
}

function newContentDecipher(head: EnvelopeHead, privateKey: KeyObject): DecipherGCM {
  const contentKey = unwrapContentKey(head.recipientInfos, privateKey);
  if (contentKey.length !== CONTENT_KEY_LENGTH) {
    throw new CryptoError(
      'DEURO_CRYPTO_TAMPERED',
      `the content key is ${String(contentKey.length)} bytes, not ${String(CONTENT_KEY_LENGTH)}`,
    );
  }
  return createDecipheriv('aes-256-gcm', contentKey, head.nonce, {
    authTagLength: head.tagLength,
  });
}

async function readRest(reader: ByteReader): Promise<Buffer> {
  while (await reader.fill()) {
    if (reader.buffered > MAX_TAIL_LENGTH) {
      throw malformed(`more than ${String(MAX_TAIL_LENGTH)} bytes follow the content`);
    }
  }
  return reader.take(reader.buffered, 'envelope tail');
}

function finalBlock(decipher: DecipherGCM): Buffer {
  try {
    return decipher.final();
  } catch (error) {
    throw new CryptoError(
      'DEURO_CRYPTO_TAMPERED',
      'the content fails its GCM authentication tag check',
      error,
    );
  }
}
