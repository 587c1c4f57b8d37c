import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  areScryptParametersValid,
  defaultScryptParameters,
  openPrivateKey,
  sealPrivateKey,
  type SealedPrivateKey,
} from './private-key-sealing';
import { WalletError, type WalletErrorCode } from './wallet-error';

const FAST = { n: 2 ** 10, r: 8, p: 1 };
const KEY_PEM = '-----BEGIN PRIVATE KEY-----\nsecret-key-material\n-----END PRIVATE KEY-----\n';
const CONTEXT = Buffer.from('Org1MSP certificate');

function withCode(code: WalletErrorCode): (err: unknown) => boolean {
  return (err: unknown) => {
    assert.ok(err instanceof WalletError, String(err));
    assert.equal(err.code, code);
    return true;
  };
}

describe('sealPrivateKey and openPrivateKey', () => {
  it('round-trips a key under the default parameters, recording them', async () => {
    const sealed = await sealPrivateKey(KEY_PEM, 'correct horse', CONTEXT);

    assert.deepEqual(
      { n: sealed.scrypt.n, r: sealed.scrypt.r, p: sealed.scrypt.p },
      defaultScryptParameters,
    );
    assert.equal(sealed.scrypt.keyLength, 32);
    assert.equal(sealed.cipher, 'aes-256-gcm');
    assert.equal(await openPrivateKey(sealed, 'correct horse', CONTEXT, 'test'), KEY_PEM);
  });

  it('uses a fresh salt and IV for every sealing', async () => {
    const first = await sealPrivateKey(KEY_PEM, 'pass', CONTEXT, FAST);
    const second = await sealPrivateKey(KEY_PEM, 'pass', CONTEXT, FAST);

    assert.notEqual(first.scrypt.salt, second.scrypt.salt);
    assert.notEqual(first.iv, second.iv);
    assert.notEqual(first.ciphertext, second.ciphertext);
  });

  it('treats NFC and NFD spellings of a passphrase alike', async () => {
    const sealed = await sealPrivateKey(KEY_PEM, 'caf\u00e9', CONTEXT, FAST);

    assert.equal(await openPrivateKey(sealed, 'cafe\u0301', CONTEXT, 'test'), KEY_PEM);
  });

  it('refuses a wrong passphrase with DEURO_WALLET_LOCKED and no secret in the message', async () => {
    const sealed = await sealPrivateKey(KEY_PEM, 'right passphrase', CONTEXT, FAST);

    await assert.rejects(
      openPrivateKey(sealed, 'wrong passphrase', CONTEXT, 'ops'),
      (err: unknown) => {
        withCode('DEURO_WALLET_LOCKED')(err);
        const message = (err as Error).message;
        assert.ok(message.includes('ops'));
        for (const secret of ['right passphrase', 'wrong passphrase', 'secret-key-material']) {
          assert.ok(!message.includes(secret), message);
        }
        return true;
      },
    );
  });

  it('refuses altered ciphertext, tag or context with DEURO_WALLET_LOCKED', async () => {
    const sealed = await sealPrivateKey(KEY_PEM, 'pass', CONTEXT, FAST);
    const flipped = (base64: string): string => {
      const bytes = Buffer.from(base64, 'base64');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      return bytes.toString('base64');
    };
    const locked = withCode('DEURO_WALLET_LOCKED');

    await assert.rejects(
      openPrivateKey({ ...sealed, ciphertext: flipped(sealed.ciphertext) }, 'pass', CONTEXT, 't'),
      locked,
    );
    await assert.rejects(
      openPrivateKey({ ...sealed, tag: flipped(sealed.tag) }, 'pass', CONTEXT, 't'),
      locked,
    );
    await assert.rejects(
      openPrivateKey(sealed, 'pass', Buffer.from('Org2MSP certificate'), 't'),
      locked,
    );
  });

  it('refuses out-of-bounds parameters read from a file with DEURO_WALLET_CORRUPT', async () => {
    const sealed = await sealPrivateKey(KEY_PEM, 'pass', CONTEXT, FAST);
    const withScrypt = (change: Partial<SealedPrivateKey['scrypt']>): SealedPrivateKey => ({
      ...sealed,
      scrypt: { ...sealed.scrypt, ...change },
    });
    const corrupt = withCode('DEURO_WALLET_CORRUPT');

    await assert.rejects(openPrivateKey(withScrypt({ n: 2 ** 30 }), 'pass', CONTEXT, 't'), corrupt);
    await assert.rejects(openPrivateKey(withScrypt({ n: 1000 }), 'pass', CONTEXT, 't'), corrupt);
    await assert.rejects(
      openPrivateKey(withScrypt({ keyLength: 16 }), 'pass', CONTEXT, 't'),
      corrupt,
    );
    await assert.rejects(openPrivateKey({ ...sealed, iv: '' }, 'pass', CONTEXT, 't'), corrupt);
  });

  it('refuses to seal under out-of-bounds parameters', async () => {
    await assert.rejects(
      sealPrivateKey(KEY_PEM, 'pass', CONTEXT, { n: 2 ** 9, r: 8, p: 1 }),
      withCode('DEURO_WALLET_INVALID_ARGUMENT'),
    );
  });

  it('bounds scrypt parameters', () => {
    assert.equal(areScryptParametersValid(defaultScryptParameters), true);
    assert.equal(areScryptParametersValid({ n: 2 ** 18, r: 8, p: 1 }), true);
    assert.equal(areScryptParametersValid({ n: 2 ** 19, r: 8, p: 1 }), false);
    assert.equal(areScryptParametersValid({ n: 3 * 2 ** 10, r: 8, p: 1 }), false);
    assert.equal(areScryptParametersValid({ n: 2 ** 15, r: 0, p: 1 }), false);
    assert.equal(areScryptParametersValid({ n: 2 ** 15, r: 8, p: 17 }), false);
    assert.equal(areScryptParametersValid({ n: 2 ** 15, r: 8.5, p: 1 }), false);
  });
});
