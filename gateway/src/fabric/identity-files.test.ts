import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadIdentityFromMsp } from './identity-files';

const CERT_PEM =
  '-----BEGIN CERTIFICATE-----\nnot parsed by the loader\n-----END CERTIFICATE-----\n';

describe('loadIdentityFromMsp', () => {
  let root = '';
  let keyPem = '';

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'deuro-msp-'));
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    keyPem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  });

  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function newMspDir(name: string, files: Record<string, string>): Promise<string> {
    const mspDir = join(root, name);
    await mkdir(join(mspDir, 'signcerts'), { recursive: true });
    await mkdir(join(mspDir, 'keystore'), { recursive: true });
    for (const [path, content] of Object.entries(files)) {
      await writeFile(join(mspDir, path), content);
    }
    return mspDir;
  }

  it('reads the certificate and key of a cryptogen MSP directory', async () => {
    const mspDir = await newMspDir('cryptogen', {
      'signcerts/User1@org1.example.com-cert.pem': CERT_PEM,
      'keystore/priv_sk': keyPem,
    });

    const identity = loadIdentityFromMsp(mspDir, 'Org1MSP');

    assert.equal(identity.mspId, 'Org1MSP');
    assert.equal(identity.certPem.toString(), CERT_PEM);
    assert.equal(identity.privateKeyPem.toString(), keyPem);
  });

  it('ignores non-PEM files in signcerts', async () => {
    const mspDir = await newMspDir('extra-files', {
      'signcerts/cert.pem': CERT_PEM,
      'signcerts/README': 'not a certificate',
      'keystore/key': keyPem,
    });

    const identity = loadIdentityFromMsp(mspDir, 'Org1MSP');

    assert.equal(identity.certPem.toString(), CERT_PEM);
  });

  it('rejects a keystore with more than one file, naming the directory', async () => {
    const mspDir = await newMspDir('two-keys', {
      'signcerts/cert.pem': CERT_PEM,
      'keystore/a_sk': keyPem,
      'keystore/b_sk': keyPem,
    });

    assert.throws(
      () => loadIdentityFromMsp(mspDir, 'Org1MSP'),
      (err: unknown) => {
        assert.ok(err instanceof Error);
        assert.ok(err.message.includes(join(mspDir, 'keystore')), err.message);
        return true;
      },
    );
  });

  it('rejects a directory without a certificate', async () => {
    const mspDir = await newMspDir('no-cert', { 'keystore/priv_sk': keyPem });

    assert.throws(
      () => loadIdentityFromMsp(mspDir, 'Org1MSP'),
      (err: unknown) => {
        assert.ok(err instanceof Error);
        assert.ok(err.message.includes(join(mspDir, 'signcerts')), err.message);
        return true;
      },
    );
  });

  it('rejects a missing MSP directory', () => {
    assert.throws(() => loadIdentityFromMsp(join(root, 'absent'), 'Org1MSP'), { code: 'ENOENT' });
  });
});
