import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, it } from 'node:test';
import { assembleEnvelope } from './assemble-envelope';
import { newCmsDecryptor } from './cms-decryptor';
import { newCmsEncryptor, type CmsRecipient } from './cms-encryptor';
import { isCryptoError } from './crypto-error';
import { rewrapForRecipients } from './rewrap';
import { newTestRecipient, openssl, type TestRecipient } from '../testing/test-recipients';

function asRecipient(recipient: TestRecipient): CmsRecipient {
  return { publicKey: recipient.publicKeyPem, fingerprint: recipient.fingerprint };
}

describe('rewrapForRecipients', () => {
  let dir = '';
  let owner: TestRecipient;
  let reader: TestRecipient;
  let newReader: TestRecipient;
  let plaintext: Buffer;
  let header: Buffer;
  let bulk: Buffer;
  let trailer: Buffer;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'deuro-rewrap-'));
    owner = newTestRecipient(dir, 'owner', 'ec');
    reader = newTestRecipient(dir, 'reader', 'rsa');
    newReader = newTestRecipient(dir, 'new-reader', 'rsa');
    plaintext = randomBytes(150_000);
    const encryptor = newCmsEncryptor({
      recipients: [owner, reader].map(asRecipient),
      output: 'encryptedContent',
    });
    bulk = await buffer(Readable.from([plaintext]).pipe(encryptor));
    header = encryptor.header;
    trailer = encryptor.trailer ?? Buffer.alloc(0);
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function decrypt(envelope: Buffer, recipient: TestRecipient): Promise<Buffer> {
    const decryptor = newCmsDecryptor({ privateKey: recipient.privateKeyPem });
    return buffer(Readable.from([envelope]).pipe(decryptor));
  }

  it('gives a new recipient access with the bulk ciphertext unchanged', async () => {
    const bulkBefore = Buffer.from(bulk);

    const rewrapped = rewrapForRecipients({
      header,
      privateKey: owner.privateKeyPem,
      recipients: [owner, reader, newReader].map(asRecipient),
    });
    const envelope = await buffer(
      assembleEnvelope(rewrapped.header, Readable.from([bulk]), trailer),
    );

    assert.ok(bulk.equals(bulkBefore));
    assert.ok(!rewrapped.header.equals(header));
    assert.deepEqual(
      rewrapped.fingerprints,
      [owner, reader, newReader].map((r) => r.fingerprint),
    );
    assert.ok(
      envelope
        .subarray(rewrapped.header.length, rewrapped.header.length + bulk.length)
        .equals(bulk),
    );
    for (const recipient of [owner, reader, newReader]) {
      assert.ok((await decrypt(envelope, recipient)).equals(plaintext));
    }
    const envelopePath = join(dir, 'rewrapped.der');
    await writeFile(envelopePath, envelope);
    const out = join(dir, 'rewrapped.out');
    openssl([
      'cms',
      '-decrypt',
      '-inform',
      'DER',
      '-in',
      envelopePath,
      '-inkey',
      newReader.privateKeyPath,
      '-out',
      out,
    ]);
    assert.ok((await readFile(out)).equals(plaintext));
  });

  it('drops a recipient left out of the new list', async () => {
    const rewrapped = rewrapForRecipients({
      header,
      privateKey: reader.privateKeyPem,
      recipients: [asRecipient(reader)],
    });
    const envelope = await buffer(
      assembleEnvelope(rewrapped.header, Readable.from([bulk]), trailer),
    );

    await assert.rejects(decrypt(envelope, owner), (error: unknown) =>
      isCryptoError(error, 'DEURO_CRYPTO_NOT_A_RECIPIENT'),
    );
  });

  it('refuses a private key that is not a recipient of the header', () => {
    assert.throws(
      () =>
        rewrapForRecipients({
          header,
          privateKey: newReader.privateKeyPem,
          recipients: [asRecipient(newReader)],
        }),
      (error: unknown) => isCryptoError(error, 'DEURO_CRYPTO_NOT_A_RECIPIENT'),
    );
  });

  it('refuses bytes that are not an encryptor header', () => {
    assert.throws(
      () =>
        rewrapForRecipients({
          header: header.subarray(0, header.length - 2),
          privateKey: owner.privateKeyPem,
          recipients: [asRecipient(owner)],
        }),
      (error: unknown) => isCryptoError(error, 'DEURO_CRYPTO_MALFORMED'),
    );
  });
});
