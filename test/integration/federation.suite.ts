import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { orgNamed } from '@deuro/gateway';

import { deuroCliPath, runDeuro, type CliOutcome, type CliUser } from '../harness/deuro-cli';
import { listFiles } from '../harness/files';
import { repoRoot } from '../harness/run-script';
import type { TestNetwork } from '../harness/test-network';
import { waitFor } from '../harness/wait-for';

type UserName = 'o1u1' | 'o1u2' | 'o2u1' | 'o2u2';

interface Identity {
  readonly identityId: string;
}

/** A GET on a gateway's HTTPS listener with a given client certificate. */
function httpsGet(
  url: string,
  tls: { cert: string; key: string; ca: string },
): Promise<{ status: number; body: string; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      cert: readFileSync(tls.cert),
      key: readFileSync(tls.key),
      ca: readFileSync(tls.ca),
    });
    req.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({ status: response.statusCode ?? 0, body: bytes.toString('utf8'), bytes });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * The two organizations' gateway processes together: a counter-party in the other organization
 * downloads through its own gateway (federation), members authenticate with their Fabric
 * certificates over mutual TLS, custody follows a transfer, revocation can rotate the content key,
 * uploads are idempotent, deuro watch follows the ledger, and a gateway killed mid-upload leaves
 * nothing behind.
 */
export function federationSuite(network: () => TestNetwork): void {
  void describe('gateway federation and the CLI across organizations', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'deuro-federation-'));
    const users = new Map<UserName, CliUser>();
    const ids = new Map<UserName, string>();

    const data = (org: string, folder: string): string =>
      path.join(network().layout.runDir, `gateway-${org}`, folder);
    const deuro = (name: UserName, ...args: string[]): Promise<CliOutcome> => {
      const user = users.get(name);
      assert.ok(user !== undefined);
      return runDeuro(user, work, ...args);
    };
    const idOf = (name: UserName): string => ids.get(name) ?? '';
    const ok = (outcome: CliOutcome): CliOutcome => {
      assert.equal(outcome.code, 0, outcome.stderr);
      return outcome;
    };

    before(async () => {
      const { layout } = network();
      const apiKeys = (org: string): Record<string, string> =>
        JSON.parse(readFileSync(path.join(data(org, 'dev-api-keys.json')), 'utf8')) as Record<
          string,
          string
        >;
      const org1 = orgNamed(layout, 'org1');
      const org2 = orgNamed(layout, 'org2');
      const http = (port: number): string => `http://127.0.0.1:${String(port)}`;
      const user2Msp = org2.userMsps[0];
      users.set('o1u1', {
        gatewayUrl: http(org1.gatewayPort),
        apiKey: apiKeys('org1')['User1@org1.deuro.local'] ?? '',
        home: path.join(work, 'o1u1'),
      });
      users.set('o1u2', {
        gatewayUrl: http(org1.gatewayPort),
        apiKey: apiKeys('org1')['User2@org1.deuro.local'] ?? '',
        home: path.join(work, 'o1u2'),
      });
      users.set('o2u1', {
        gatewayUrl: `https://127.0.0.1:${String(org2.gatewayTlsPort)}`,
        home: path.join(work, 'o2u1'),
        tls: {
          cert: path.join(
            user2Msp,
            'signcerts',
            readdirSync(path.join(user2Msp, 'signcerts'))[0] ?? '',
          ),
          key: path.join(
            user2Msp,
            'keystore',
            readdirSync(path.join(user2Msp, 'keystore'))[0] ?? '',
          ),
          ca: org2.tlsCa,
        },
      });
      users.set('o2u2', {
        gatewayUrl: http(org2.gatewayPort),
        apiKey: apiKeys('org2')['User2@org2.deuro.local'] ?? '',
        home: path.join(work, 'o2u2'),
      });
      for (const name of users.keys()) {
        ok(await deuro(name, 'keygen'));
        ids.set(
          name,
          (JSON.parse(ok(await deuro(name, '--json', 'whoami')).stdout) as Identity).identityId,
        );
      }
      await network().settle();
    });
    after(() => {
      rmSync(work, { recursive: true, force: true });
    });

    it("Org1 uploads a WAV to an Org2 user, who finds it and decrypts it through Org2's gateway (and with openssl); a third identity cannot", async () => {
      const wav = readFileSync(path.join(repoRoot, 'test', 'fixtures', 'audio', 'speech-16k.wav'));
      writeFileSync(path.join(work, 'tone.wav'), wav);
      const id = `fed-wav-${randomUUID()}`;
      ok(
        await deuro(
          'o1u1',
          'put',
          'tone.wav',
          '--id',
          id,
          '--kind',
          'recording',
          '--media-type',
          'audio/wav',
          '--to',
          idOf('o2u1'),
        ),
      );
      await network().settle();

      const listed = JSON.parse(ok(await deuro('o2u1', '--json', 'ls', '--shared')).stdout) as {
        id: string;
      }[];
      assert.ok(listed.some((asset) => asset.id === id));
      ok(await deuro('o2u1', 'get', id, '-o', 'tone.got.wav'));
      assert.ok(readFileSync(path.join(work, 'tone.got.wav')).equals(wav));

      // The same envelope, fetched raw through Org2's gateway, opens with stock openssl.
      const envelope = path.join(work, 'tone.der');
      const user = users.get('o2u1');
      assert.ok(user?.tls !== undefined);
      const response = await fetch(
        `${users.get('o2u2')?.gatewayUrl ?? ''}/v1/assets/${id}/ciphertext`,
        {
          headers: { authorization: `Bearer ${users.get('o2u2')?.apiKey ?? ''}` },
        },
      );
      assert.equal(response.status, 403, 'Org2 User2 is not a reader');
      const raw = await httpsGet(`${user.gatewayUrl}/v1/assets/${id}/ciphertext`, user.tls);
      assert.equal(raw.status, 200);
      writeFileSync(envelope, raw.bytes);
      const keyDir = path.join(user.home, 'keys');
      const decrypted = execFileSync('openssl', [
        'cms',
        '-decrypt',
        '-binary',
        '-inform',
        'DER',
        '-in',
        envelope,
        '-inkey',
        path.join(keyDir, `${readFileSync(path.join(keyDir, 'current'), 'utf8').trim()}.pem`),
      ]);
      assert.ok(decrypted.equals(wav));

      const third = JSON.parse(ok(await deuro('o1u2', '--json', 'ls', '--shared')).stdout) as {
        id: string;
      }[];
      assert.ok(!third.some((asset) => asset.id === id));
      const refused = await deuro('o1u2', 'get', id, '-o', 'third.wav');
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /DEURO_ACCESS_DENIED/);
    });

    it('refuses the federation endpoint to members and to organizations the ledger does not let read', async () => {
      const id = `fed-private-${randomUUID()}`;
      writeFileSync(path.join(work, 'private.bin'), randomBytes(4096));
      ok(await deuro('o1u1', 'put', 'private.bin', '--id', id, '--kind', 'image'));
      await network().settle();
      const asset = JSON.parse(ok(await deuro('o1u1', '--json', 'history', id)).stdout) as {
        record: { ciphertextSha256: string };
      }[];
      const sha = asset[0]?.record.ciphertextSha256 ?? '';
      const org1 = orgNamed(network().layout, 'org1');
      const url = `https://127.0.0.1:${String(org1.gatewayTlsPort)}/v1/federation/assets/${id}/envelope?owner=${encodeURIComponent(idOf('o1u1'))}&sha256=${sha}`;
      const member = users.get('o2u1')?.tls;
      assert.ok(member !== undefined);
      const asMember = await httpsGet(url, { ...member, ca: org1.tlsCa });
      assert.equal(asMember.status, 401);
      const gateway2 = {
        cert: data('org2', 'tls/server.crt'),
        key: data('org2', 'tls/server.key'),
        ca: org1.tlsCa,
      };
      const asOtherOrg = await httpsGet(url, gateway2);
      assert.equal(asOtherOrg.status, 403);
      assert.equal((JSON.parse(asOtherOrg.body) as { code: string }).code, 'DEURO_ACCESS_DENIED');
    });

    it('shares with an organization, then revokes it with a rotated content key: the old ciphertext is gone', async () => {
      const original = randomBytes(200 * 1024);
      writeFileSync(path.join(work, 'org.bin'), original);
      const id = `fed-org-${randomUUID()}`;
      const blobsBefore = listFiles(data('org1', 'blobs')).filter(
        (file) => !file.startsWith('incoming'),
      );
      ok(
        await deuro(
          'o1u1',
          'put',
          'org.bin',
          '--id',
          id,
          '--kind',
          'training-set',
          '--to-org',
          'Org2MSP',
        ),
      );
      await network().settle();
      ok(await deuro('o2u2', 'get', id, '-o', 'org.got'));
      assert.ok(readFileSync(path.join(work, 'org.got')).equals(original));
      const withUpload = listFiles(data('org1', 'blobs')).filter(
        (file) => !file.startsWith('incoming'),
      );
      const uploaded = withUpload.filter((file) => !blobsBefore.includes(file));
      assert.equal(uploaded.length, 1);

      ok(await deuro('o1u1', 'revoke', id, '--from-org', 'Org2MSP', '--rotate'));
      await network().settle();
      const after = listFiles(data('org1', 'blobs'));
      assert.ok(!after.includes(uploaded[0] ?? ''), 'the old bulk ciphertext was removed');
      const refused = await deuro('o2u2', 'get', id, '-o', 'org.refused');
      assert.equal(refused.code, 2);
      ok(await deuro('o1u1', 'get', id, '-o', 'org.owner'));
      assert.ok(readFileSync(path.join(work, 'org.owner')).equals(original));
    });

    it('transfers to a member of the other organization: its gateway takes custody, and the new owner shares from there', async () => {
      const original = randomBytes(300 * 1024);
      writeFileSync(path.join(work, 'move.bin'), original);
      const id = `fed-move-${randomUUID()}`;
      ok(await deuro('o1u1', 'put', 'move.bin', '--id', id, '--kind', 'model'));
      await network().settle();
      const org1Before = listFiles(data('org1', 'blobs')).length;
      const org2Before = listFiles(data('org2', 'blobs')).length;
      const moved = JSON.parse(
        ok(await deuro('o1u1', '--json', 'transfer', id, '--to', idOf('o2u1'))).stdout,
      ) as { custody: string; state: string };
      assert.equal(moved.custody, 'moved');
      assert.equal(moved.state, 'transferred');
      assert.equal(listFiles(data('org1', 'blobs')).length, org1Before - 1);
      assert.equal(listFiles(data('org2', 'blobs')).length, org2Before + 1);
      await network().settle();
      ok(await deuro('o2u1', 'get', id, '-o', 'move.got'));
      assert.ok(readFileSync(path.join(work, 'move.got')).equals(original));
      ok(await deuro('o2u1', 'share', id, '--to', idOf('o2u2')));
      await network().settle();
      ok(await deuro('o2u2', 'get', id, '-o', 'move.shared'));
      assert.ok(readFileSync(path.join(work, 'move.shared')).equals(original));
      assert.equal((await deuro('o1u1', 'get', id, '-o', 'move.old')).code, 2);
    });

    it('registers a retried upload once with the same idempotency key, and refuses the key for another upload', async () => {
      writeFileSync(path.join(work, 'once.bin'), randomBytes(10_000));
      const id = `fed-once-${randomUUID()}`;
      const key = `key-${randomUUID()}`;
      const blobs = listFiles(data('org1', 'blobs')).length;
      const first = JSON.parse(
        ok(
          await deuro(
            'o1u1',
            '--json',
            'put',
            'once.bin',
            '--id',
            id,
            '--kind',
            'image',
            '--idempotency-key',
            key,
          ),
        ).stdout,
      ) as { version: number };
      const again = JSON.parse(
        ok(
          await deuro(
            'o1u1',
            '--json',
            'put',
            'once.bin',
            '--id',
            id,
            '--kind',
            'image',
            '--idempotency-key',
            key,
          ),
        ).stdout,
      ) as { version: number };
      assert.deepEqual(again, first);
      assert.equal(listFiles(data('org1', 'blobs')).length, blobs + 1);
      const history = JSON.parse(
        ok(await deuro('o1u1', '--json', 'history', id)).stdout,
      ) as unknown[];
      assert.equal(history.length, 1);
      const other = await deuro(
        'o1u1',
        'put',
        'once.bin',
        '--id',
        id,
        '--kind',
        'recording',
        '--idempotency-key',
        key,
      );
      assert.equal(other.code, 2);
      assert.match(other.stderr, /DEURO_IDEMPOTENCY_MISMATCH/);
    });

    it('deuro watch prints the events of an asset as they commit', async () => {
      const user = users.get('o1u1');
      assert.ok(user !== undefined);
      const id = `fed-watch-${randomUUID()}`;
      const watcher = spawn('node', [deuroCliPath, '--json', 'watch', '--asset', id], {
        env: {
          ...process.env,
          DEURO_GATEWAY_URL: user.gatewayUrl,
          DEURO_API_KEY: user.apiKey ?? '',
          DEURO_HOME: user.home,
        },
      });
      let printed = '';
      let status = '';
      watcher.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
      watcher.stderr.on('data', (chunk: Buffer) => (status += chunk.toString('utf8')));
      try {
        await waitFor(
          'the watcher to be listening',
          () => Promise.resolve(status.includes('watching')),
          30_000,
          100,
        );
        writeFileSync(path.join(work, 'watched.bin'), randomBytes(1000));
        ok(await deuro('o1u1', 'put', 'watched.bin', '--id', id, '--kind', 'image'));
        ok(await deuro('o1u1', 'rm', id));
        await waitFor(
          'two watched events',
          () =>
            Promise.resolve(printed.split('\n').filter((line) => line.includes(id)).length >= 2),
          30_000,
          200,
        );
        const actions = printed
          .trim()
          .split('\n')
          .map(
            (line) =>
              (JSON.parse(line) as { data: { payload: { action: string } } }).data.payload.action,
          );
        assert.deepEqual(actions, ['RegisterAsset', 'DeleteAsset']);
      } finally {
        watcher.kill();
      }
    });

    it('refuses bad input with its code and changes nothing: recipients, metadata, truncated upload, wrong caller', async () => {
      const user = users.get('o1u1');
      assert.ok(user !== undefined);
      const stored = (): string[] => [
        ...listFiles(data('org1', 'blobs')).filter((file) => !file.startsWith('incoming')),
        ...listFiles(data('org1', 'envelopes')),
      ];
      const before = stored();
      const upload = (query: string, headers: Record<string, string> = {}): Promise<Response> =>
        fetch(`${user.gatewayUrl}/v1/assets?${query}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${user.apiKey ?? ''}`,
            'content-type': 'application/octet-stream',
            ...headers,
          },
          body: 'content',
        });
      const code = async (response: Response): Promise<string> => {
        assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
        return `${String(response.status)} ${((await response.json()) as { code: string }).code}`;
      };
      const refusedIds: string[] = [];
      const id = (): string => {
        const fresh = `fed-bad-${randomUUID()}`;
        refusedIds.push(fresh);
        return fresh;
      };
      assert.equal(
        await code(await upload(`id=${id()}&kind=image&mediaType=image/png&recipients=`)),
        '400 DEURO_VALIDATION_FAILED',
      );
      assert.equal(
        await code(
          await upload(`id=${id()}&kind=image&mediaType=image/png&recipients=not-an-identity`),
        ),
        '400 DEURO_VALIDATION_FAILED',
      );
      assert.equal(
        await code(await upload(`id=${id()}&kind=image&mediaType=image/png&orgs=NoSuchMSP`)),
        '422 DEURO_KEY_UNAVAILABLE',
      );
      const big = Object.fromEntries(
        Array.from({ length: 33 }, (_, index) => [`k${String(index)}`, 'v']),
      );
      assert.equal(
        await code(
          await upload(`id=${id()}&kind=image&mediaType=image/png`, {
            'deuro-metadata': JSON.stringify(big),
          }),
        ),
        '400 DEURO_VALIDATION_FAILED',
      );
      assert.equal(
        await code(
          await upload(`id=${id()}&kind=image&mediaType=image/png`, {
            'deuro-metadata': JSON.stringify({ note: 'x'.repeat(1025) }),
          }),
        ),
        '400 DEURO_VALIDATION_FAILED',
      );

      // Cut short: the body ends before the size the client announced.
      assert.equal(
        await code(await upload(`id=${id()}&kind=image&mediaType=image/png&size=2048`)),
        '400 DEURO_UPLOAD_INCOMPLETE',
      );
      // Wrong content type.
      assert.equal(
        await code(
          await upload(`id=${id()}&kind=image&mediaType=image/png`, {
            'content-type': 'text/plain',
          }),
        ),
        '415 DEURO_UNSUPPORTED_MEDIA_TYPE',
      );

      // Truncated: the client promises more bytes than it sends, then goes away.
      const truncatedId = id();
      await new Promise<void>((resolve) => {
        const req = httpRequest(
          `${user.gatewayUrl}/v1/assets?id=${truncatedId}&kind=image&mediaType=image/png`,
          {
            method: 'POST',
            headers: {
              authorization: `Bearer ${user.apiKey ?? ''}`,
              'content-type': 'application/octet-stream',
              'content-length': String(1024 * 1024),
            },
          },
        );
        req.on('error', () => {
          resolve();
        });
        req.write(randomBytes(64 * 1024), () => {
          setTimeout(() => {
            req.destroy();
            resolve();
          }, 300);
        });
      });

      // Wrong caller: another identity of the same organization may not share or delete.
      writeFileSync(path.join(work, 'mine.bin'), randomBytes(2048));
      const mine = `fed-mine-${randomUUID()}`;
      ok(await deuro('o1u1', 'put', 'mine.bin', '--id', mine, '--kind', 'image'));
      await network().settle();
      const afterMine = stored();
      const other = users.get('o1u2');
      assert.ok(other !== undefined);
      const deleted = await fetch(`${other.gatewayUrl}/v1/assets/${mine}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${other.apiKey ?? ''}` },
      });
      assert.equal(await code(deleted), '403 DEURO_ACCESS_DENIED');
      const shared = await deuro('o1u2', 'share', mine, '--to', idOf('o1u2'));
      assert.equal(shared.code, 2);
      assert.match(shared.stderr, /DEURO_(ACCESS_DENIED|NOT_FOUND|CRYPTO_NOT_A_RECIPIENT)/);
      const kept = await fetch(`${user.gatewayUrl}/v1/assets/${mine}`, {
        headers: { authorization: `Bearer ${user.apiKey ?? ''}` },
      });
      const keptAsset = (await kept.json()) as { state: string; grants: unknown[] };
      assert.equal(keptAsset.state, 'registered', 'the wrong caller changed nothing');
      assert.deepEqual(keptAsset.grants, []);

      await waitFor(
        'the truncated upload to be cleaned up',
        () => Promise.resolve(listFiles(data('org1', 'blobs/incoming')).length === 0),
        10_000,
        100,
      );
      assert.deepEqual(stored(), afterMine, 'refused requests stored nothing');
      assert.equal(
        afterMine.length,
        before.length + 2,
        'only the one good upload is stored (bulk and envelope)',
      );
      const missing = await deuro('o1u1', 'get', truncatedId, '-o', 'truncated.bin');
      assert.match(missing.stderr, /DEURO_NOT_FOUND/);
      for (const refused of refusedIds) {
        const onLedger = await fetch(`${user.gatewayUrl}/v1/assets/${refused}`, {
          headers: { authorization: `Bearer ${user.apiKey ?? ''}` },
        });
        assert.equal(
          await code(onLedger),
          '404 DEURO_NOT_FOUND',
          `${refused} is not on the ledger`,
        );
      }
    });

    it('detects a tampered blob on download and never returns it as valid', async () => {
      const original = randomBytes(300 * 1024);
      writeFileSync(path.join(work, 'tamper.bin'), original);
      const id = `fed-tamper-${randomUUID()}`;
      const blobs = listFiles(data('org1', 'blobs'));
      ok(await deuro('o1u1', 'put', 'tamper.bin', '--id', id, '--kind', 'image'));
      const added = listFiles(data('org1', 'blobs')).filter(
        (file) => !blobs.includes(file) && !file.startsWith('incoming'),
      );
      assert.equal(added.length, 1);
      const blob = path.join(data('org1', 'blobs'), added[0] ?? '');
      const bytes = readFileSync(blob);
      bytes[1000] = (bytes[1000] ?? 0) ^ 0xff;
      chmodSync(blob, 0o600);
      writeFileSync(blob, bytes);
      const got = await deuro('o1u1', 'get', id, '-o', 'tamper.got');
      assert.equal(got.code, 4, `an integrity failure (exit 4): ${got.stderr}`);
      // The gateway's own read checks the blob's hash too: the download never completes.
      await assert.rejects(async () => {
        const response = await fetch(
          `${users.get('o1u1')?.gatewayUrl ?? ''}/v1/assets/${id}/ciphertext`,
          { headers: { authorization: `Bearer ${users.get('o1u1')?.apiKey ?? ''}` } },
        );
        await response.arrayBuffer();
      });
      assert.ok(!existsSync(path.join(work, 'tamper.got')), 'nothing written as the plaintext');
      ok(await deuro('o1u1', 'rm', id));
    });

    it('offline signing: an identity the gateway never held registers its key with its own Fabric key', async () => {
      const { layout } = network();
      const org1 = orgNamed(layout, 'org1');
      const ca = path.join(path.dirname(path.dirname(path.dirname(org1.adminMsp))), 'ca');
      const dir = mkdtempSync(path.join(work, 'offline-'));
      const run = (command: string, ...args: string[]): void => {
        execFileSync(command, args, { cwd: dir, stdio: 'pipe' });
      };
      run('openssl', 'ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'sec1.key');
      run('openssl', 'pkcs8', '-topk8', '-nocrypt', '-in', 'sec1.key', '-out', 'fabric.key');
      run(
        'openssl',
        'req',
        '-new',
        '-key',
        'fabric.key',
        '-subj',
        '/C=US/OU=client/CN=Offline@org1.deuro.local',
        '-out',
        'fabric.csr',
      );
      writeFileSync(
        path.join(dir, 'ext'),
        'keyUsage=critical,digitalSignature\nbasicConstraints=critical,CA:FALSE\nauthorityKeyIdentifier=keyid\n',
      );
      run(
        'openssl',
        'x509',
        '-req',
        '-in',
        'fabric.csr',
        '-CA',
        path.join(ca, 'ca.org1.deuro.local-cert.pem'),
        '-CAkey',
        path.join(ca, 'priv_sk'),
        '-CAcreateserial',
        '-days',
        '2',
        '-sha256',
        '-extfile',
        'ext',
        '-out',
        'fabric.crt',
      );
      run('openssl', 'ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'enc.key');
      run('openssl', 'pkey', '-in', 'enc.key', '-pubout', '-out', 'enc.pub');
      const offline: CliUser = {
        gatewayUrl: `https://127.0.0.1:${String(org1.gatewayTlsPort)}`,
        home: path.join(dir, 'home'),
        tls: {
          cert: path.join(dir, 'fabric.crt'),
          key: path.join(dir, 'fabric.key'),
          ca: org1.tlsCa,
        },
      };
      const wallet = listFiles(data('org1', 'wallet'));
      const me = JSON.parse(
        ok(
          await runDeuro(
            offline,
            dir,
            '--json',
            'tx',
            'WhoAmI',
            '--contract',
            'keys',
            '--signing-key',
            path.join(dir, 'fabric.key'),
          ),
        ).stdout,
      ) as { result: string };
      const identityId = (JSON.parse(me.result) as Identity).identityId;
      const registered = await runDeuro(
        offline,
        dir,
        '--json',
        'tx',
        'RegisterEncryptionKey',
        '--contract',
        'keys',
        '--signing-key',
        path.join(dir, 'fabric.key'),
        '--',
        readFileSync(path.join(dir, 'enc.pub'), 'utf8'),
      );
      ok(registered);
      assert.equal((JSON.parse(registered.stdout) as { successful: boolean }).successful, true);
      await network().settle();
      const key = await fetch(
        `${users.get('o1u1')?.gatewayUrl ?? ''}/v1/identities/${encodeURIComponent(identityId)}/encryption-key`,
        {
          headers: { authorization: `Bearer ${users.get('o1u1')?.apiKey ?? ''}` },
        },
      );
      assert.equal(key.status, 200);
      assert.equal(((await key.json()) as { identityId: string }).identityId, identityId);
      assert.deepEqual(listFiles(data('org1', 'wallet')), wallet, 'the gateway stored no identity');
    });

    it('a gateway killed mid-upload leaves no listed asset and, once restarted, no orphan', async () => {
      const user = users.get('o1u1');
      assert.ok(user !== undefined);
      const id = `fed-killed-${randomUUID()}`;
      const blobs = listFiles(data('org1', 'blobs')).filter((file) => !file.startsWith('incoming'));
      const envelopes = listFiles(data('org1', 'envelopes'));
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (sent >= 64 * 1024 * 1024) {
            controller.close();
            return;
          }
          sent += 256 * 1024;
          controller.enqueue(randomBytes(256 * 1024));
          await new Promise((resolve) => setTimeout(resolve, 20));
        },
      });
      const upload = fetch(
        `${user.gatewayUrl}/v1/assets?id=${id}&kind=recording&mediaType=audio/wav`,
        {
          method: 'POST',
          body,
          duplex: 'half',
          headers: {
            authorization: `Bearer ${user.apiKey ?? ''}`,
            'content-type': 'application/octet-stream',
          },
        },
      ).catch((error: unknown) => error);
      await waitFor(
        'the upload to be under way',
        () =>
          Promise.resolve(
            listFiles(data('org1', 'blobs/incoming')).length > 0 && sent > 2 * 1024 * 1024,
          ),
        30_000,
        100,
      );
      const pid = Number(
        readFileSync(path.join(network().layout.runDir, 'pids', 'gateway.org1.pid'), 'utf8'),
      );
      process.kill(pid, 'SIGKILL');
      assert.ok((await upload) instanceof Error, 'the upload failed with the gateway');
      assert.ok(
        listFiles(data('org1', 'blobs/incoming')).length > 0,
        'the crash left a partial upload',
      );
      await network().script('network.sh', ['start', 'gateway.org1']);

      assert.deepEqual(
        listFiles(data('org1', 'blobs/incoming')),
        [],
        'the restart cleaned up the partial upload',
      );
      assert.deepEqual(
        listFiles(data('org1', 'blobs')).filter((file) => !file.startsWith('incoming')),
        blobs,
      );
      assert.deepEqual(listFiles(data('org1', 'envelopes')), envelopes);
      const missing = await deuro('o1u1', 'get', id, '-o', 'killed.bin');
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /DEURO_NOT_FOUND/);
    });
  });
}
