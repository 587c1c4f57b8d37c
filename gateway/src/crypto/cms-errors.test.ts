import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, it } from 'node:test';
import { newCmsDecryptor } from './cms-decryptor';
import { newCmsEncryptor } from './cms-encryptor';
import { CryptoError, isCryptoError, type CryptoErrorCode } from './crypto-error';
import { newTestRecipient, openssl, type TestRecipient } from '../testing/test-recipients';

function hasCode(code: CryptoErrorCode): (error: unknown) => boolean {
  return (error: unknown) => {
    assert.ok(error instanceof CryptoError, String(error));
    assert.equal(error.code, code);
    assert.ok(error.message.startsWith(`${code}: `));
    assert.ok(!error.message.includes('BEGIN'), 'no key material in the message');
    return true;
  };
}

describe('CMS errors', () => {
  let dir = '';
  let rsa: TestRecipient;
  let ec: TestRecipient;
  let header: Buffer;
  let bulk: Buffer;
  let trailer: Buffer;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'deuro-cms-errors-'));
    rsa = newTestRecipient(dir, 'rsa', 'rsa');
    ec = newTestRecipient(dir, 'ec', 'ec');
    const encryptor = newCmsEncryptor({
      recipients: [{ publicKey: rsa.publicKeyPem }, { publicKey: ec.publicKeyPem }],
      output: 'encryptedContent',
    });
    bulk = await buffer(Readable.from([randomBytes(50_000)]).pipe(encryptor));
    header = encryptor.header;
    trailer = encryptor.trailer ?? Buffer.alloc(0);
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function decrypt(envelope: Buffer, privateKey: string | KeyObject): Promise<Buffer> {
    return buffer(Readable.from([envelope]).pipe(newCmsDecryptor({ privateKey })));
  }

  it('fails with DEURO_CRYPTO_TAMPERED when a content byte is flipped', async () => {
    const tampered = Buffer.from(bulk);
    tampered[tampered.length - 1] = (tampered.at(-1) ?? 0) ^ 0x01;
    const envelope = Buffer.concat([header, tampered, trailer]);

    for (const recipient of [rsa, ec]) {
      await assert.rejects(
        decrypt(envelope, recipient.privateKeyPem),
        hasCode('DEURO_CRYPTO_TAMPERED'),
      );
    }
  });

  it('fails with DEURO_CRYPTO_TAMPERED when the tag is changed', async () => {
    const badTrailer = Buffer.from(trailer);
    badTrailer[6] = (badTrailer[6] ?? 0) ^ 0x80;

    await assert.rejects(
      decrypt(Buffer.concat([header, bulk, badTrailer]), ec.privateKeyPem),
      hasCode('DEURO_CRYPTO_TAMPERED'),
    );
  });

  it('fails with DEURO_CRYPTO_NOT_A_RECIPIENT for a key of each type outside the envelope', async () => {
    const envelope = Buffer.concat([header, bulk, trailer]);
    const strangers = [
      generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey,
      generateKeyPairSync('rsa', { modulusLength: 3072 }).privateKey,
    ];

    for (const stranger of strangers) {
      await assert.rejects(decrypt(envelope, stranger), hasCode('DEURO_CRYPTO_NOT_A_RECIPIENT'));
    }
  });

  it('fails with DEURO_CRYPTO_MALFORMED when the envelope is truncated or has trailing bytes', async () => {
    const envelope = Buffer.concat([header, bulk, trailer]);

    for (const bytes of [
      envelope.subarray(0, envelope.length - 3),
      envelope.subarray(0, header.length - 10),
      Buffer.concat([envelope, Buffer.from([0])]),
      Buffer.from('not an envelope'),
    ]) {
      await assert.rejects(decrypt(bytes, ec.privateKeyPem), hasCode('DEURO_CRYPTO_MALFORMED'));
    }
  });

  it('fails with DEURO_CRYPTO_UNSUPPORTED_FORMAT for EnvelopedData (AES-256-CBC)', async () => {
    const plaintextPath = join(dir, 'p.bin');
    const envelopePath = join(dir, 'cbc.der');
    await writeFile(plaintextPath, 'hello');
    openssl([
      'cms',
      '-encrypt',
      '-binary',
      '-aes256',
      '-outform',
      'DER',
      '-in',
      plaintextPath,
      '-out',
      envelopePath,
      '-recip',
      ec.certPath,
    ]);

    await assert.rejects(
      decrypt(await readFile(envelopePath), ec.privateKeyPem),
      hasCode('DEURO_CRYPTO_UNSUPPORTED_FORMAT'),
    );
  });

  it('refuses unsupported recipient keys with DEURO_CRYPTO_UNSUPPORTED_KEY', () => {
    const keys = [
      generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey,
      generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).publicKey,
      generateKeyPairSync('ed25519').publicKey,
      '-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----\n',
    ];

    for (const publicKey of keys) {
      assert.throws(
        () => newCmsEncryptor({ recipients: [{ publicKey }] }),
        hasCode('DEURO_CRYPTO_UNSUPPORTED_KEY'),
      );
    }
    assert.throws(
      () => newCmsDecryptor({ privateKey: rsa.publicKeyPem }),
      hasCode('DEURO_CRYPTO_UNSUPPORTED_KEY'),
    );
  });

  it('refuses bad recipient lists with DEURO_CRYPTO_INVALID_ARGUMENT', () => {
    const lists = [
      [],
      [{ publicKey: ec.publicKeyPem, fingerprint: rsa.fingerprint }],
      [{ publicKey: ec.publicKeyPem }, { publicKey: ec.publicKeyPem }],
    ];

    for (const recipients of lists) {
      assert.throws(
        () => newCmsEncryptor({ recipients }),
        hasCode('DEURO_CRYPTO_INVALID_ARGUMENT'),
      );
    }
  });

  it('is recognised by isCryptoError with and without a code', () => {
    const error = new CryptoError('DEURO_CRYPTO_MALFORMED', 'x');

    assert.ok(isCryptoError(error));
    assert.ok(isCryptoError(error, 'DEURO_CRYPTO_MALFORMED'));
    assert.ok(!isCryptoError(error, 'DEURO_CRYPTO_TAMPERED'));
    assert.ok(!isCryptoError(new Error('DEURO_CRYPTO_MALFORMED: x')));
  });
});
