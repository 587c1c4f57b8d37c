import assert from 'node:assert/strict';
import { createHash, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { keyFingerprint } from './recipient-key';
import { newTestRecipient, openssl, type TestRecipient } from '../testing/test-recipients';

describe('keyFingerprint', () => {
  let dir = '';
  let recipient: TestRecipient;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'deuro-fingerprint-'));
    recipient = newTestRecipient(dir, 'ec', 'ec');
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is the SHA-256 of the SPKI DER as openssl computes it', () => {
    const spki = openssl(['pkey', '-in', recipient.privateKeyPath, '-pubout', '-outform', 'DER']);

    assert.equal(
      keyFingerprint(recipient.publicKeyPem),
      createHash('sha256').update(spki).digest('hex'),
    );
  });

  it('is the same for the certificate, the public and the private key', async () => {
    const certPem = await readFile(recipient.certPath, 'utf8');

    assert.equal(keyFingerprint(certPem), recipient.fingerprint);
    assert.equal(keyFingerprint(createPrivateKey(recipient.privateKeyPem)), recipient.fingerprint);
  });

  it('is lowercase hex of 64 digits', () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 3072 });

    assert.match(keyFingerprint(publicKey), /^[0-9a-f]{64}$/);
  });
});
