import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { newApiKeyRegistry, type ApiKeyRegistry } from './api-key-registry';
import { WalletError, type WalletErrorCode } from './wallet-error';

function withCode(code: WalletErrorCode): (err: unknown) => boolean {
  return (err: unknown) => {
    assert.ok(err instanceof WalletError, String(err));
    assert.equal(err.code, code);
    return true;
  };
}

describe('newApiKeyRegistry', () => {
  let root = '';
  let counter = 0;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'deuro-api-keys-'));
  });

  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  function newRegistry(): { registry: ApiKeyRegistry; file: string } {
    counter += 1;
    const file = join(root, `registry-${String(counter)}`, 'api-keys.json');
    return { registry: newApiKeyRegistry({ file }), file };
  }

  it('issues a 256-bit deuro_ key that resolves to its label', async () => {
    const { registry } = newRegistry();

    const key = await registry.issue('User1@org1.example.com');

    assert.match(key, /^deuro_[A-Za-z0-9_-]{43}$/);
    assert.equal(Buffer.from(key.slice('deuro_'.length), 'base64url').length, 32);
    assert.equal(await registry.resolve(key), 'User1@org1.example.com');
  });

  it('stores only the SHA-256 of each key, in a 0600 file', async () => {
    const { registry, file } = newRegistry();
    const key = await registry.issue('ops');

    const text = await readFile(file, 'utf8');

    assert.ok(!text.includes(key));
    assert.ok(!text.includes(key.slice('deuro_'.length)));
    assert.ok(text.includes(createHash('sha256').update(key).digest('hex')));
    assert.equal((await stat(file)).mode & 0o777, 0o600);
  });

  it('resolves unknown, malformed and near-miss keys to undefined', async () => {
    const { registry } = newRegistry();
    assert.equal(await registry.resolve('deuro_' + 'A'.repeat(43)), undefined);
    const key = await registry.issue('ops');
    const nearMiss = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');

    for (const candidate of [nearMiss, '', 'deuro_', key.slice(6), `${key}x`, ` ${key}`]) {
      assert.equal(await registry.resolve(candidate), undefined, candidate);
    }
  });

  it('gives every key issued its own value, several per label', async () => {
    const { registry } = newRegistry();

    const keys = await Promise.all(
      ['a', 'a', 'b', 'c', 'a', 'b'].map((label) => registry.issue(label)),
    );

    assert.equal(new Set(keys).size, keys.length);
    assert.deepEqual(await Promise.all(keys.map((key) => registry.resolve(key))), [
      'a',
      'a',
      'b',
      'c',
      'a',
      'b',
    ]);
  });

  it('revokes every key of a label and only those', async () => {
    const { registry } = newRegistry();
    const first = await registry.issue('ops');
    const second = await registry.issue('ops');
    const other = await registry.issue('auditor');

    assert.equal(await registry.revoke('ops'), 2);
    assert.equal(await registry.revoke('ops'), 0);

    assert.equal(await registry.resolve(first), undefined);
    assert.equal(await registry.resolve(second), undefined);
    assert.equal(await registry.resolve(other), 'auditor');
  });

  it('sees a revocation made through another registry on the same file', async () => {
    const { registry, file } = newRegistry();
    const key = await registry.issue('ops');
    assert.equal(await registry.resolve(key), 'ops');

    await newApiKeyRegistry({ file }).revoke('ops');

    assert.equal(await registry.resolve(key), undefined);
  });

  it('validates labels', async () => {
    const { registry } = newRegistry();
    const invalid = withCode('DEURO_WALLET_INVALID_ARGUMENT');

    await assert.rejects(registry.issue('../x'), invalid);
    await assert.rejects(registry.revoke(''), invalid);
    assert.throws(() => newApiKeyRegistry({ file: '' }), invalid);
  });

  it('reports an unreadable registry file as DEURO_WALLET_CORRUPT', async () => {
    const { registry, file } = newRegistry();
    const key = await registry.issue('ops');
    const corrupt = withCode('DEURO_WALLET_CORRUPT');

    await writeFile(file, '{"version":2,"keys":[]}');
    await assert.rejects(registry.resolve(key), corrupt);
    await writeFile(file, '{"version":1,"keys":[{"label":"ops","sha256":"short"}]}');
    await assert.rejects(registry.resolve(key), corrupt);
    await writeFile(file, 'not json');
    await assert.rejects(registry.issue('ops'), corrupt);
  });
});
