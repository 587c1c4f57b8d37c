import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, it } from 'node:test';
import { assembleEnvelope } from './assemble-envelope';
import { newCmsDecryptor } from './cms-decryptor';
import { newCmsEncryptor, type CmsRecipient } from './cms-encryptor';
import { newTestRecipient, type TestRecipient } from '../testing/test-recipients';

async function encrypt(
  recipients: readonly CmsRecipient[],
  chunks: readonly Buffer[],
): Promise<Buffer> {
  return buffer(Readable.from(chunks).pipe(newCmsEncryptor({ recipients })));
}

async function decrypt(envelope: Buffer, privateKey: string, chunkSize = 4096): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < envelope.length; offset += chunkSize) {
    chunks.push(envelope.subarray(offset, offset + chunkSize));
  }
  return buffer(Readable.from(chunks).pipe(newCmsDecryptor({ privateKey })));
}

describe('CMS envelope round trip', () => {
  let dir = '';
  let recipients: TestRecipient[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'deuro-cms-'));
    recipients = [
      newTestRecipient(dir, 'rsa1', 'rsa'),
      newTestRecipient(dir, 'ec1', 'ec'),
      newTestRecipient(dir, 'ec2', 'ec'),
    ];
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function asRecipients(list: readonly TestRecipient[]): CmsRecipient[] {
    return list.map((r) => ({ publicKey: r.publicKeyPem, fingerprint: r.fingerprint }));
  }

  it('lets each of three mixed RSA-3072 and P-256 recipients decrypt', async () => {
    const plaintext = randomBytes(300_000);
    const envelope = await encrypt(asRecipients(recipients), [
      plaintext.subarray(0, 1),
      plaintext.subarray(1, 65_537),
      plaintext.subarray(65_537),
    ]);

    for (const recipient of recipients) {
      assert.ok((await decrypt(envelope, recipient.privateKeyPem)).equals(plaintext));
    }
  });

  it('decrypts whatever the chunking of the envelope bytes', async () => {
    const plaintext = randomBytes(10_000);
    const envelope = await encrypt(asRecipients(recipients), [plaintext]);
    const [rsa, ec] = recipients as [TestRecipient, TestRecipient];

    assert.ok((await decrypt(envelope, rsa.privateKeyPem, 1)).equals(plaintext));
    assert.ok((await decrypt(envelope, ec.privateKeyPem, envelope.length)).equals(plaintext));
  });

  it('round-trips empty content', async () => {
    const envelope = await encrypt(asRecipients(recipients), []);

    const plaintext = await decrypt(envelope, (recipients[1] as TestRecipient).privateKeyPem);

    assert.equal(plaintext.length, 0);
  });

  it('emits header, bulk and trailer separately that assemble into the envelope', async () => {
    const plaintext = randomBytes(100_000);
    const encryptor = newCmsEncryptor({
      recipients: asRecipients(recipients),
      output: 'encryptedContent',
    });

    const bulk = await buffer(Readable.from([plaintext]).pipe(encryptor));
    const trailer = encryptor.trailer;

    assert.ok(trailer !== undefined);
    assert.equal(encryptor.contentLength, plaintext.length);
    assert.deepEqual(
      encryptor.fingerprints,
      recipients.map((r) => r.fingerprint),
    );
    const envelope = await buffer(
      assembleEnvelope(encryptor.header, Readable.from([bulk]), trailer),
    );
    assert.ok(
      (await decrypt(envelope, (recipients[2] as TestRecipient).privateKeyPem)).equals(plaintext),
    );
  });
});
