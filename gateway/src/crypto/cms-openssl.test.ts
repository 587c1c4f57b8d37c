import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, it } from 'node:test';
import { newCmsDecryptor } from './cms-decryptor';
import { newCmsEncryptor } from './cms-encryptor';
import { newTestRecipient, openssl, type TestRecipient } from '../testing/test-recipients';

// Interoperability with the reference tool, stock `openssl cms` (OpenSSL 3.0 or later).
describe('CMS envelopes and openssl cms', () => {
  let dir = '';
  let rsa: TestRecipient;
  let ec: TestRecipient;
  let plaintext: Buffer;
  let envelopePath = '';
  let plaintextPath = '';

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'deuro-cms-openssl-'));
    rsa = newTestRecipient(dir, 'rsa', 'rsa');
    ec = newTestRecipient(dir, 'ec', 'ec');
    plaintext = randomBytes(200_000);
    plaintextPath = join(dir, 'plaintext.bin');
    await writeFile(plaintextPath, plaintext);
    const encryptor = newCmsEncryptor({
      recipients: [rsa, ec].map((r) => ({ publicKey: r.publicKeyPem, fingerprint: r.fingerprint })),
    });
    envelopePath = join(dir, 'envelope.der');
    await writeFile(envelopePath, await buffer(Readable.from([plaintext]).pipe(encryptor)));
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function opensslDecrypt(
    recipient: TestRecipient,
    extra: readonly string[],
  ): Promise<Buffer> {
    const out = join(dir, `${recipient.kind}-${String(extra.length)}.out`);
    openssl([
      'cms',
      '-decrypt',
      '-inform',
      'DER',
      '-in',
      envelopePath,
      '-inkey',
      recipient.privateKeyPath,
      ...extra,
      '-out',
      out,
    ]);
    return readFile(out);
  }

  for (const kind of ['rsa', 'ec'] as const) {
    it(`openssl cms -decrypt -inkey decrypts for the ${kind} recipient without -recip`, async () => {
      const recipient = kind === 'rsa' ? rsa : ec;
      assert.ok((await opensslDecrypt(recipient, [])).equals(plaintext));
    });

    it(`openssl cms -decrypt -recip matches the ${kind} recipient by subjectKeyIdentifier`, async () => {
      const recipient = kind === 'rsa' ? rsa : ec;
      assert.ok(
        (await opensslDecrypt(recipient, ['-recip', recipient.certPath])).equals(plaintext),
      );
    });
  }

  it('openssl cms -decrypt fails when a content byte is flipped', async () => {
    const envelope = await readFile(envelopePath);
    const trailerLength = 28;
    const index = envelope.length - trailerLength - 1;
    envelope[index] = (envelope[index] ?? 0) ^ 0x01;
    const tamperedPath = join(dir, 'tampered.der');
    await writeFile(tamperedPath, envelope);

    assert.throws(() =>
      openssl([
        'cms',
        '-decrypt',
        '-inform',
        'DER',
        '-in',
        tamperedPath,
        '-inkey',
        ec.privateKeyPath,
      ]),
    );
  });

  it('decrypts what openssl cms -encrypt -aes-256-gcm wrote to certificates', async () => {
    const opensslEnvelope = join(dir, 'openssl.der');
    openssl([
      'cms',
      '-encrypt',
      '-binary',
      '-aes-256-gcm',
      '-outform',
      'DER',
      '-in',
      plaintextPath,
      '-out',
      opensslEnvelope,
      '-recip',
      rsa.certPath,
      '-keyopt',
      'rsa_padding_mode:oaep',
      '-keyopt',
      'rsa_oaep_md:sha256',
      '-keyopt',
      'rsa_mgf1_md:sha256',
      '-recip',
      ec.certPath,
    ]);
    const envelope = await readFile(opensslEnvelope);

    for (const recipient of [rsa, ec]) {
      const decryptor = newCmsDecryptor({ privateKey: recipient.privateKeyPem });
      assert.ok((await buffer(Readable.from([envelope]).pipe(decryptor))).equals(plaintext));
    }
  });
});
