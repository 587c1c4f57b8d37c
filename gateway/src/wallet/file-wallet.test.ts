import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  newSelfSignedEcCertificate,
  type SelfSignedCertificate,
} from '../testing/self-signed-certificate';
import { newFileWallet, type Wallet } from './file-wallet';
import { WalletError, type WalletErrorCode } from './wallet-error';

const PASSPHRASE = 'wallet-passphrase-under-test';
const FAST = { n: 2 ** 10, r: 8, p: 1 };

function withCode(code: WalletErrorCode): (err: unknown) => boolean {
  return (err: unknown) => {
    assert.ok(err instanceof WalletError, String(err));
    assert.equal(err.code, code);
    return true;
  };
}

/** The base64 body of a PEM, the part that must never appear in files or messages. */
function pemBody(pem: string): string {
  return pem
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('-----'))
    .join('');
}

describe('newFileWallet', () => {
  let root = '';
  let counter = 0;
  let user1: SelfSignedCertificate;
  let user2: SelfSignedCertificate;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'deuro-wallet-'));
    user1 = newSelfSignedEcCertificate('User1@org1.example.com');
    user2 = newSelfSignedEcCertificate('User2@org1.example.com');
  });

  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  function newWallet(passphrase = PASSPHRASE): { wallet: Wallet; directory: string } {
    counter += 1;
    const directory = join(root, `wallet-${String(counter)}`, 'ids');
    return { wallet: newFileWallet({ directory, passphrase, scrypt: FAST }), directory };
  }

  function identityOf(cert: SelfSignedCertificate): {
    mspId: string;
    certificatePem: string;
    privateKeyPem: string;
  } {
    return { mspId: 'Org1MSP', certificatePem: cert.certPem, privateKeyPem: cert.privateKeyPem };
  }

  it('stores an identity encrypted and returns it decrypted', async () => {
    const { wallet, directory } = newWallet();

    await wallet.put('User1@org1.example.com', identityOf(user1));

    assert.deepEqual(await wallet.get('User1@org1.example.com'), identityOf(user1));
    assert.deepEqual(await readdir(directory), ['User1@org1.example.com.id.json']);
    assert.equal((await stat(directory)).mode & 0o777, 0o700);
    const file = await stat(join(directory, 'User1@org1.example.com.id.json'));
    assert.equal(file.mode & 0o777, 0o600);
  });

  it('writes the documented version-1 format with its scrypt parameters and no key material', async () => {
    const { wallet, directory } = newWallet();
    await wallet.put('ops', identityOf(user1));

    const text = await readFile(join(directory, 'ops.id.json'), 'utf8');
    const file = JSON.parse(text) as Record<string, unknown>;

    assert.equal(file.version, 1);
    assert.equal(file.type, 'X.509');
    assert.equal(file.mspId, 'Org1MSP');
    assert.equal(file.certificate, user1.certPem);
    assert.deepEqual(Object.keys(file.privateKey as object).sort(), [
      'cipher',
      'ciphertext',
      'iv',
      'kdf',
      'scrypt',
      'tag',
    ]);
    assert.deepEqual(
      { ...(file.privateKey as { scrypt: object }).scrypt, salt: 'x' },
      { n: 1024, r: 8, p: 1, keyLength: 32, salt: 'x' },
    );
    assert.ok(!text.includes(pemBody(user1.privateKeyPem)));
    assert.ok(!text.includes('PRIVATE KEY'));
    assert.ok(!text.includes(PASSPHRASE));
  });

  it('refuses a wrong passphrase with DEURO_WALLET_LOCKED, naming no secret', async () => {
    const { wallet, directory } = newWallet();
    await wallet.put('ops', identityOf(user1));
    const intruder = newFileWallet({ directory, passphrase: 'not-the-passphrase' });

    await assert.rejects(intruder.get('ops'), (err: unknown) => {
      withCode('DEURO_WALLET_LOCKED')(err);
      const message = (err as Error).message;
      assert.match(message, /passphrase is wrong/);
      assert.ok(message.includes('ops'));
      for (const secret of [PASSPHRASE, 'not-the-passphrase', pemBody(user1.privateKeyPem)]) {
        assert.ok(!message.includes(secret));
      }
      assert.ok(!JSON.stringify(err, Object.getOwnPropertyNames(err)).includes(PASSPHRASE));
      return true;
    });
  });

  it('reads files whatever scrypt parameters they were written with', async () => {
    const { wallet, directory } = newWallet();
    await wallet.put('ops', identityOf(user1));

    const defaults = newFileWallet({ directory, passphrase: PASSPHRASE });

    assert.deepEqual(await defaults.get('ops'), identityOf(user1));
  });

  it('replaces an identity put again under the same label, leaving no temporary file', async () => {
    const { wallet, directory } = newWallet();
    await wallet.put('ops', identityOf(user1));

    await wallet.put('ops', identityOf(user2));

    assert.deepEqual(await wallet.get('ops'), identityOf(user2));
    assert.deepEqual(await readdir(directory), ['ops.id.json']);
  });

  it('lists labels sorted, ignoring other files, and removes identities', async () => {
    const { wallet, directory } = newWallet();
    assert.deepEqual(await wallet.list(), []);
    await wallet.put('zeta', identityOf(user1));
    await wallet.put('alpha', identityOf(user2));
    await writeFile(join(directory, 'notes.txt'), 'not an identity');
    await writeFile(join(directory, '.alpha.id.json.1234.tmp'), 'left by a crash');

    assert.deepEqual(await wallet.list(), ['alpha', 'zeta']);
    assert.equal(await wallet.remove('zeta'), true);
    assert.equal(await wallet.remove('zeta'), false);
    assert.deepEqual(await wallet.list(), ['alpha']);
    await assert.rejects(wallet.get('zeta'), withCode('DEURO_WALLET_NOT_FOUND'));
  });

  it('validates labels', async () => {
    const { wallet } = newWallet();
    const invalid = withCode('DEURO_WALLET_INVALID_ARGUMENT');

    for (const label of ['', '..', '.hidden', 'a/b', '../x', 'with space', 'x'.repeat(129)]) {
      await assert.rejects(wallet.put(label, identityOf(user1)), invalid, label);
      await assert.rejects(wallet.get(label), invalid, label);
      await assert.rejects(wallet.remove(label), invalid, label);
    }
    await wallet.put('Admin@org1.example.com_v2-1', identityOf(user1));
  });

  it('refuses identities whose key is not the certificate key, not EC, or not PEM', async () => {
    const { wallet } = newWallet();
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rsaPem = rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const invalid = withCode('DEURO_WALLET_INVALID_IDENTITY');
    const base = identityOf(user1);

    await assert.rejects(wallet.put('a', { ...base, privateKeyPem: user2.privateKeyPem }), invalid);
    await assert.rejects(wallet.put('a', { ...base, privateKeyPem: rsaPem }), invalid);
    await assert.rejects(wallet.put('a', { ...base, privateKeyPem: 'garbage' }), (err) => {
      invalid(err);
      assert.ok(!(err as Error).message.includes('garbage'));
      return true;
    });
    await assert.rejects(wallet.put('a', { ...base, certificatePem: 'garbage' }), invalid);
    await assert.rejects(wallet.put('a', { ...base, mspId: '' }), invalid);
    assert.deepEqual(await wallet.list(), []);
  });

  it('refuses a file whose sealed key was moved from another identity', async () => {
    const { wallet, directory } = newWallet();
    await wallet.put('one', identityOf(user1));
    await wallet.put('two', identityOf(user2));
    const one = JSON.parse(await readFile(join(directory, 'one.id.json'), 'utf8')) as object;
    const two = JSON.parse(await readFile(join(directory, 'two.id.json'), 'utf8')) as {
      privateKey: unknown;
    };
    await writeFile(
      join(directory, 'one.id.json'),
      JSON.stringify({ ...one, privateKey: two.privateKey }),
    );

    await assert.rejects(wallet.get('one'), withCode('DEURO_WALLET_LOCKED'));
  });

  it('reports unreadable files as DEURO_WALLET_CORRUPT', async () => {
    const { wallet, directory } = newWallet();
    await wallet.put('ops', identityOf(user1));
    const path = join(directory, 'ops.id.json');
    const file = JSON.parse(await readFile(path, 'utf8')) as object;
    const corrupt = withCode('DEURO_WALLET_CORRUPT');

    await writeFile(path, JSON.stringify({ ...file, version: 2 }));
    await assert.rejects(wallet.get('ops'), corrupt);
    await writeFile(path, JSON.stringify({ ...file, privateKey: { kdf: 'pbkdf2' } }));
    await assert.rejects(wallet.get('ops'), corrupt);
    await writeFile(path, '{ not json');
    await assert.rejects(wallet.get('ops'), corrupt);
  });

  it('rejects an empty passphrase or directory', () => {
    const invalid = withCode('DEURO_WALLET_INVALID_ARGUMENT');

    assert.throws(() => newFileWallet({ directory: root, passphrase: '' }), invalid);
    assert.throws(() => newFileWallet({ directory: '', passphrase: PASSPHRASE }), invalid);
  });

  describe('importFromMsp', () => {
    async function newMspDir(files: Record<string, string>): Promise<string> {
      counter += 1;
      const mspDir = join(root, `msp-${String(counter)}`);
      await mkdir(join(mspDir, 'signcerts'), { recursive: true });
      await mkdir(join(mspDir, 'keystore'), { recursive: true });
      for (const [path, content] of Object.entries(files)) {
        await writeFile(join(mspDir, path), content);
      }
      return mspDir;
    }

    it("imports cryptogen's layout", async () => {
      const { wallet } = newWallet();
      const mspDir = await newMspDir({
        'signcerts/User1@org1.example.com-cert.pem': user1.certPem,
        'keystore/priv_sk': user1.privateKeyPem,
      });

      await wallet.importFromMsp(mspDir, 'Org1MSP', 'User1@org1.example.com');

      assert.deepEqual(await wallet.get('User1@org1.example.com'), identityOf(user1));
    });

    it('refuses a folder with two keys or a missing folder', async () => {
      const { wallet } = newWallet();
      const mspDir = await newMspDir({
        'signcerts/cert.pem': user1.certPem,
        'keystore/a_sk': user1.privateKeyPem,
        'keystore/b_sk': user2.privateKeyPem,
      });
      const invalid = withCode('DEURO_WALLET_INVALID_IDENTITY');

      await assert.rejects(wallet.importFromMsp(mspDir, 'Org1MSP', 'u'), invalid);
      await assert.rejects(wallet.importFromMsp(join(root, 'absent'), 'Org1MSP', 'u'), invalid);
      assert.deepEqual(await wallet.list(), []);
    });
  });
});
