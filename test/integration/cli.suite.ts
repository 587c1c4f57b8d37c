import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { orgNamed } from '@deuro/gateway';

import { runDeuro, type CliOutcome } from '../harness/deuro-cli';
import { listFiles } from '../harness/files';
import type { TestNetwork } from '../harness/test-network';

/** The deuro CLI against Org1's gateway process, as two of its users on two "machines". */
export function cliSuite(network: () => TestNetwork): void {
  void describe('deuro CLI', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'deuro-cli-'));
    let keys: Record<string, string> = {};
    let gatewayUrl = '';

    before(() => {
      const { layout } = network();
      gatewayUrl = `http://127.0.0.1:${String(orgNamed(layout, 'org1').gatewayPort)}`;
      keys = JSON.parse(
        readFileSync(path.join(layout.runDir, 'gateway-org1', 'dev-api-keys.json'), 'utf8'),
      ) as Record<string, string>;
    });
    after(() => {
      rmSync(work, { recursive: true, force: true });
    });

    /** Run deuro as a user, with that user's own key folder. */
    function deuro(user: 'User1' | 'User2', ...args: string[]): Promise<CliOutcome> {
      return runDeuro(
        {
          gatewayUrl,
          apiKey: keys[`${user}@org1.deuro.local`] ?? '',
          home: path.join(work, user),
        },
        work,
        ...args,
      );
    }

    it('keygen, put to a recipient, ls --shared, get with local decryption, history, rm', async () => {
      assert.equal((await deuro('User1', 'keygen')).code, 0);
      assert.equal((await deuro('User2', 'keygen', '--rsa')).code, 0);
      const reader = JSON.parse((await deuro('User2', '--json', 'whoami')).stdout) as {
        identityId: string;
      };
      await network().settle();

      const original = randomBytes(1024 * 1024 + 17);
      writeFileSync(path.join(work, 'data.bin'), original);
      const id = `cli-${randomUUID()}`;
      const put = await deuro(
        'User1',
        '--json',
        'put',
        path.join(work, 'data.bin'),
        '--id',
        id,
        '--kind',
        'training-set',
        '--to',
        reader.identityId,
        '--meta',
        'source=cli',
      );
      assert.equal(put.code, 0, put.stderr);
      assert.equal((JSON.parse(put.stdout) as { state: string }).state, 'shared');
      await network().settle();

      const listed = JSON.parse((await deuro('User2', '--json', 'ls', '--shared')).stdout) as {
        id: string;
      }[];
      assert.ok(listed.some((asset) => asset.id === id));
      const got = await deuro('User2', 'get', id, '-o', path.join(work, 'got.bin'));
      assert.equal(got.code, 0, got.stderr);
      assert.ok(readFileSync(path.join(work, 'got.bin')).equals(original));

      const history = JSON.parse(
        (await deuro('User1', '--json', 'history', id)).stdout,
      ) as unknown[];
      assert.equal(history.length, 1);
      assert.equal((await deuro('User1', 'rm', id)).code, 0);
    });

    it('shares after upload by re-wrapping the key (no new bulk ciphertext), and revokes', async () => {
      const reader = JSON.parse((await deuro('User2', '--json', 'whoami')).stdout) as {
        identityId: string;
      };
      const original = randomBytes(256 * 1024);
      writeFileSync(path.join(work, 'later.bin'), original);
      const id = `share-${randomUUID()}`;
      assert.equal(
        (await deuro('User1', 'put', path.join(work, 'later.bin'), '--id', id, '--kind', 'image'))
          .code,
        0,
      );
      const blobs = path.join(network().layout.runDir, 'gateway-org1', 'blobs');
      const envelopes = path.join(network().layout.runDir, 'gateway-org1', 'envelopes');
      const before = listFiles(blobs);
      await network().settle();

      const shared = await deuro('User1', 'share', id, '--to', reader.identityId);
      assert.equal(shared.code, 0, shared.stderr);
      assert.deepEqual(listFiles(blobs), before, 'granting wrote no new bulk ciphertext');
      await network().settle();
      const got = await deuro('User2', 'get', id, '-o', path.join(work, 'later.got'));
      assert.equal(got.code, 0, got.stderr);
      assert.ok(readFileSync(path.join(work, 'later.got')).equals(original));

      const revoked = await deuro('User1', 'revoke', id, '--from', reader.identityId);
      assert.equal(revoked.code, 0, revoked.stderr);
      await network().settle();
      const refused = await deuro('User2', 'get', id, '-o', path.join(work, 'refused.got'));
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /DEURO_ACCESS_DENIED/);

      // Three envelope versions (upload, share, revoke) over one bulk: deleting shreds them all.
      const versions = listFiles(envelopes).length;
      assert.equal((await deuro('User1', 'rm', id)).code, 0);
      assert.equal(listFiles(envelopes).length, versions - 3);
      assert.equal(listFiles(blobs).length, before.length - 1);
    });

    it('exits 2 with the gateway code when refused, and 1 for usage errors', async () => {
      const missing = await deuro('User1', 'get', `missing-${randomUUID()}`);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /DEURO_NOT_FOUND/);
      const noKey = await deuro('User1', 'put', path.join(work, 'data.bin'));
      assert.equal(noKey.code, 1);
    });
  });
}
