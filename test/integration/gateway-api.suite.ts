import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  createHash,
  generateKeyPairSync,
  randomBytes,
  randomUUID,
  type KeyObject,
} from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';

import { WebSocket } from 'ws';

import {
  cms,
  newApiKeyRegistry,
  newFileWallet,
  newGatewayApp,
  newLogger,
  orgNamed,
  peerNamed,
} from '@deuro/gateway';

import { newEncryptionPublicKey } from '../harness/ledger-actor';
import type { TestNetwork } from '../harness/test-network';
import { waitFor } from '../harness/wait-for';

interface RunningGateway {
  readonly url: string;
  readonly apiKey: string;
  /** API key of the organization's User2. */
  readonly otherApiKey: string;
  readonly dataDir: string;
  close(): void;
}

/** One organization's gateway, in this process, with User1 and User2 of the organization enrolled. */
async function startGateway(
  network: TestNetwork,
  org: string,
  dir: string,
): Promise<RunningGateway> {
  const { layout } = network;
  const orgLayout = orgNamed(layout, org);
  const dataDir = path.join(dir, org);
  const walletPassphrase = randomBytes(16).toString('hex');
  const wallet = newFileWallet({
    directory: path.join(dataDir, 'wallet'),
    passphrase: walletPassphrase,
  });
  await wallet.importFromMsp(orgLayout.userMsps[0], orgLayout.mspId, `${org}-user1`);
  await wallet.importFromMsp(orgLayout.userMsps[1], orgLayout.mspId, `${org}-user2`);
  const registry = newApiKeyRegistry({ file: path.join(dataDir, 'api-keys.json') });
  const apiKey = await registry.issue(`${org}-user1`);
  const otherApiKey = await registry.issue(`${org}-user2`);
  const gateway = newGatewayApp({
    layout,
    peer: peerNamed(layout, `peer0.${org}`),
    dataDir,
    walletPassphrase,
    maxUploadBytes: 64 * 1024 * 1024,
    logger: newLogger({ level: 'silent' }),
  });
  const server: Server = gateway.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  gateway.attach(server);
  return {
    url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`,
    apiKey,
    otherApiKey,
    dataDir,
    close: () => {
      server.close();
      gateway.close();
    },
  };
}

/** The REST API of each organization's gateway against the real network. */
export function gatewayApiSuite(network: () => TestNetwork): void {
  void describe('gateway: REST API (identities, keys, asset reads)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'deuro-gateway-'));
    let org1: RunningGateway;
    let org2: RunningGateway;

    before(async () => {
      org1 = await startGateway(network(), 'org1', dir);
      org2 = await startGateway(network(), 'org2', dir);
    });
    after(() => {
      org1.close();
      org2.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const call = (
      gateway: RunningGateway,
      method: string,
      url: string,
      body?: unknown,
      key = gateway.apiKey,
    ): Promise<Response> =>
      fetch(`${gateway.url}${url}`, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });

    /** Uploads a small image as Org1's user; returns its id. */
    const uploadImage = async (prefix: string, body: string): Promise<string> => {
      const id = `${prefix}-${randomUUID()}`;
      const response = await fetch(
        `${org1.url}/v1/assets?id=${id}&kind=image&mediaType=image/png`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${org1.apiKey}`,
            'content-type': 'application/octet-stream',
          },
          body,
        },
      );
      assert.equal(response.status, 201);
      return id;
    };

    async function problem(
      response: Response,
      status: number,
      code: string,
    ): Promise<{ detail: string; errors?: { pointer: string }[] }> {
      assert.equal(response.status, status, await response.clone().text());
      assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
      const body = (await response.json()) as {
        code: string;
        detail: string;
        errors?: { pointer: string }[];
      };
      assert.equal(body.code, code);
      return body;
    }

    it("acts as the caller's own identity, and refuses callers without a valid key", async () => {
      const me = (await (await call(org1, 'GET', '/v1/me')).json()) as {
        identityId: string;
        mspId: string;
        label: string;
      };
      assert.equal(me.mspId, 'Org1MSP');
      assert.equal(me.label, 'org1-user1');
      assert.match(me.identityId, /^Org1MSP\/[0-9a-f]{32}$/);
      await problem(
        await call(org1, 'GET', '/v1/me', undefined, 'deuro_not-a-key'),
        401,
        'DEURO_UNAUTHENTICATED',
      );
      await problem(await fetch(`${org1.url}/v1/me`), 401, 'DEURO_UNAUTHENTICATED');
    });

    it("registers my key; the other organization's gateway finds it by identity and fingerprint", async () => {
      const key = (await (
        await call(org1, 'PUT', '/v1/me/encryption-key', { publicKeyPem: newEncryptionPublicKey() })
      ).json()) as { fingerprint: string; identityId: string };
      assert.match(key.fingerprint, /^[0-9a-f]{64}$/);
      await network().settle();
      const found = (await (
        await call(
          org2,
          'GET',
          `/v1/identities/${encodeURIComponent(key.identityId)}/encryption-key`,
        )
      ).json()) as { fingerprint: string };
      assert.equal(found.fingerprint, key.fingerprint);
      const byFingerprint = await call(org2, 'GET', `/v1/encryption-keys/${key.fingerprint}`);
      assert.equal(byFingerprint.status, 200);
      const identities = (await (
        await call(org2, 'GET', '/v1/orgs/Org1MSP/identities')
      ).json()) as { identityId: string }[];
      assert.ok(identities.some((identity) => identity.identityId === key.identityId));
    });

    it('answers bad input with problem+json naming the field, and ledger errors by their code', async () => {
      await problem(
        await call(org1, 'PUT', '/v1/me/encryption-key', { publicKeyPem: 'not a key' }),
        400,
        'DEURO_INVALID_ARGUMENT',
      );
      const fingerprint = await problem(
        await call(org1, 'GET', '/v1/encryption-keys/XYZ'),
        400,
        'DEURO_VALIDATION_FAILED',
      );
      assert.deepEqual(
        fingerprint.errors?.map((e) => e.pointer),
        ['/path/fingerprint'],
      );
      await problem(
        await call(org1, 'GET', `/v1/assets/missing-${randomUUID()}`),
        404,
        'DEURO_NOT_FOUND',
      );
      await problem(
        await call(org1, 'GET', '/v1/assets?kind=video'),
        400,
        'DEURO_VALIDATION_FAILED',
      );
      await problem(await call(org1, 'GET', '/v1/assets'), 400, 'DEURO_VALIDATION_FAILED');
      await problem(
        await call(org1, 'PUT', '/v1/me/encryption-key', { publicKeyPem: 'x', extra: true }),
        400,
        'DEURO_VALIDATION_FAILED',
      );
    });

    it('lists with pagination and reports readiness and its OpenAPI document', async () => {
      interface Page {
        records: { id: string }[];
        bookmark: string;
      }
      const list = async (query: string): Promise<Page> =>
        (await (await call(org1, 'GET', `/v1/assets?${query}`)).json()) as Page;
      // Pages hold what the caller may read of each stretch of the index, so a page can be
      // shorter than pageSize (even empty) before the end: follow the bookmark until it is empty.
      const me = (await (await call(org1, 'GET', '/v1/me')).json()) as { identityId: string };
      const collect = async (pageSize: number): Promise<string[]> => {
        const ids: string[] = [];
        let bookmark = '';
        for (let pages = 0; pages < 1000; pages++) {
          const page = await list(
            `owner=${encodeURIComponent(me.identityId)}&pageSize=${String(pageSize)}${bookmark === '' ? '' : `&bookmark=${encodeURIComponent(bookmark)}`}`,
          );
          assert.ok(page.records.length <= pageSize);
          ids.push(...page.records.map((record) => record.id));
          bookmark = page.bookmark;
          if (bookmark === '') break;
        }
        return ids;
      };
      const mine: string[] = [];
      for (let k = 0; k < 5; k++) mine.push(await uploadImage('paged', `image ${String(k)}`));
      await network().settle();
      const inLargePages = await collect(200);
      for (const id of mine) assert.ok(inLargePages.includes(id), `${id} is listed`);
      assert.equal(new Set(inLargePages).size, inLargePages.length, 'no record twice');
      assert.deepEqual(await collect(2), inLargePages, 'pages of 2 add up to the same list');
      for (const id of mine) {
        assert.equal((await call(org1, 'DELETE', `/v1/assets/${id}`)).status, 200);
      }

      const readiness = await fetch(`${org1.url}/readyz`);
      assert.equal(readiness.status, 200);
      const ready = (await readiness.json()) as {
        status: string;
        peers: { name: string; reachable: boolean }[];
      };
      assert.equal(ready.status, 'ready');
      assert.deepEqual(ready.peers.map((peer) => peer.name).sort(), ['peer0.org1', 'peer1.org1']);
      assert.ok(ready.peers.every((peer) => peer.reachable));
      const document = (await (await fetch(`${org1.url}/openapi.json`)).json()) as {
        paths: Record<string, unknown>;
      };
      for (const route of [
        '/v1/me',
        '/v1/me/encryption-key',
        '/v1/assets',
        '/v1/assets/{id}',
        '/v1/assets/{id}/history',
        '/v1/events',
        '/v1/events/ws',
      ]) {
        assert.ok(document.paths[route], route);
      }
      const socketOnly = await call(org1, 'GET', '/v1/events/ws');
      assert.equal(socketOnly.status, 426);
      assert.equal(((await socketOnly.json()) as { code: string }).code, 'DEURO_UPGRADE_REQUIRED');
    });

    it('encrypts an upload to its recipient, who downloads it and decrypts it with openssl cms; nobody else can', async () => {
      const wav = readFileSync(path.join(__dirname, '..', 'fixtures', 'audio', 'speech-16k.wav'));
      const ownerKeys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
      const readerKeys = generateKeyPairSync('rsa', { modulusLength: 3072 });
      const pem = (key: KeyObject): string =>
        key.export({ type: 'spki', format: 'pem' }).toString();
      const asUser2 = (method: string, url: string, body?: unknown): Promise<Response> =>
        call(org1, method, url, body, org1.otherApiKey);
      const registered = [
        await call(org1, 'PUT', '/v1/me/encryption-key', {
          publicKeyPem: pem(ownerKeys.publicKey),
        }),
        await asUser2('PUT', '/v1/me/encryption-key', { publicKeyPem: pem(readerKeys.publicKey) }),
      ];
      for (const response of registered) {
        assert.equal(response.status, 200, await response.clone().text());
      }
      const reader = (await (await asUser2('GET', '/v1/me')).json()) as { identityId: string };
      await network().settle();

      const id = `upload-${randomUUID()}`;
      const uploaded = await fetch(
        `${org1.url}/v1/assets?id=${id}&kind=recording&mediaType=audio/wav&recipients=${encodeURIComponent(reader.identityId)}`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${org1.apiKey}`,
            'content-type': 'application/octet-stream',
            'deuro-metadata': JSON.stringify({ language: 'en' }),
          },
          body: wav,
        },
      );
      assert.equal(uploaded.status, 201, await uploaded.clone().text());
      const asset = (await uploaded.json()) as {
        state: string;
        keyFingerprints: string[];
        ciphertextSha256: string;
        metadata: Record<string, string>;
      };
      assert.equal(asset.state, 'shared');
      assert.equal(asset.keyFingerprints.length, 2);
      assert.deepEqual(asset.metadata, { language: 'en' });
      await network().settle();

      const download = await asUser2('GET', `/v1/assets/${id}/ciphertext`);
      assert.equal(download.status, 200);
      const envelope = Buffer.from(await download.arrayBuffer());
      assert.equal(createHash('sha256').update(envelope).digest('hex'), asset.ciphertextSha256);
      const work = mkdtempSync(path.join(tmpdir(), 'deuro-cms-'));
      try {
        writeFileSync(path.join(work, 'envelope.der'), envelope);
        writeFileSync(
          path.join(work, 'reader.key'),
          readerKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }),
        );
        const decrypted = execFileSync('openssl', [
          'cms',
          '-decrypt',
          '-binary',
          '-inform',
          'DER',
          '-in',
          path.join(work, 'envelope.der'),
          '-inkey',
          path.join(work, 'reader.key'),
        ]);
        assert.ok(decrypted.equals(wav), 'openssl cms -decrypt gives back the uploaded bytes');
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
      const chunks: Buffer[] = [];
      for await (const chunk of cms.decryptEnvelope(
        Readable.from([envelope]),
        ownerKeys.privateKey,
      )) {
        chunks.push(Buffer.from(chunk));
      }
      assert.ok(Buffer.concat(chunks).equals(wav), 'the owner decrypts it too');

      await problem(
        await call(org2, 'GET', `/v1/assets/${id}/ciphertext`),
        403,
        'DEURO_ACCESS_DENIED',
      );

      const tombstone = (await (await call(org1, 'DELETE', `/v1/assets/${id}`)).json()) as {
        state: string;
      };
      assert.equal(tombstone.state, 'deleted');
      await network().settle();
      const onLedger = (await (await call(org1, 'GET', `/v1/assets/${id}`)).json()) as {
        state: string;
        grants: unknown[];
      };
      assert.equal(onLedger.state, 'deleted', 'the ledger keeps the tombstone');
      assert.deepEqual(onLedger.grants, []);
      await problem(
        await call(org1, 'GET', `/v1/assets/${id}/ciphertext`),
        404,
        'DEURO_STORE_NOT_FOUND',
      );
      assert.deepEqual(readdirSync(path.join(org1.dataDir, 'envelopes')), []);
    });

    it('refuses a bad upload and stores nothing', async () => {
      const upload = (
        query: string,
        contentType = 'application/octet-stream',
        key = org1.apiKey,
      ): Promise<Response> =>
        fetch(`${org1.url}/v1/assets?${query}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': contentType },
          body: 'some content',
        });
      const before = readdirSync(path.join(org1.dataDir, 'envelopes'));
      await problem(
        await upload(
          `id=bad-${randomUUID()}&kind=recording&mediaType=audio/wav&recipients=${encodeURIComponent(`Org2MSP/${'0'.repeat(32)}`)}`,
        ),
        422,
        'DEURO_KEY_UNAVAILABLE',
      );
      await problem(
        await upload(`id=bad-${randomUUID()}&kind=recording&mediaType=audio/wav`, 'text/plain'),
        415,
        'DEURO_UNSUPPORTED_MEDIA_TYPE',
      );
      await problem(
        await upload(`kind=recording&mediaType=audio/wav`),
        400,
        'DEURO_VALIDATION_FAILED',
      );
      await problem(
        await upload(`id=bad-${randomUUID()}&kind=video&mediaType=audio/wav`),
        400,
        'DEURO_VALIDATION_FAILED',
      );
      const taken = `taken-${randomUUID()}`;
      assert.equal((await upload(`id=${taken}&kind=image&mediaType=image/png`)).status, 201);
      await network().settle();
      await problem(
        await upload(`id=${taken}&kind=image&mediaType=image/png`),
        409,
        'DEURO_ALREADY_EXISTS',
      );
      const after = readdirSync(path.join(org1.dataDir, 'envelopes'));
      assert.equal(after.length, before.length + 1, 'only the one registered upload is stored');
    });

    it('streams events over SSE and WebSocket, and SSE resumes after the last event seen', async () => {
      const fromBlock = String(await network().peerHeight('peer0.org1'));
      const upload = (): Promise<string> => uploadImage('evented', 'png bytes');
      interface StreamedEvent {
        id: string;
        name: string;
        payload: { id?: string };
      }
      const openSse = (
        headers: Record<string, string>,
        query: string,
      ): { events: StreamedEvent[]; close: () => void } => {
        const events: StreamedEvent[] = [];
        const controller = new AbortController();
        void fetch(`${org1.url}/v1/events${query}`, {
          headers: { authorization: `Bearer ${org1.apiKey}`, ...headers },
          signal: controller.signal,
        })
          .then(async (response) => {
            let buffer = '';
            for await (const chunk of response.body ?? []) {
              buffer += Buffer.from(chunk as Uint8Array).toString('utf8');
              for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
                const data = buffer
                  .slice(0, end)
                  .split('\n')
                  .find((line) => line.startsWith('data: '));
                buffer = buffer.slice(end + 2);
                if (data !== undefined) events.push(JSON.parse(data.slice(6)) as StreamedEvent);
              }
            }
          })
          .catch(() => undefined);
        return {
          events,
          close: () => {
            controller.abort();
          },
        };
      };
      const sse = openSse({}, `?fromBlock=${fromBlock}`);
      const socketEvents: StreamedEvent[] = [];
      const socket = new WebSocket(
        `${org1.url.replace('http', 'ws')}/v1/events/ws?fromBlock=${fromBlock}`,
        { headers: { authorization: `Bearer ${org1.apiKey}` } },
      );
      socket.on('message', (data: Buffer) =>
        socketEvents.push(JSON.parse(data.toString()) as StreamedEvent),
      );
      await new Promise((resolve, reject) => {
        socket.once('open', resolve);
        socket.once('error', reject);
      });
      try {
        const first = await upload();
        const seen = await waitFor(
          'the upload event on both streams',
          () =>
            Promise.resolve(
              sse.events.find((e) => e.payload.id === first) !== undefined &&
                socketEvents.some((e) => e.payload.id === first)
                ? sse.events.find((e) => e.payload.id === first)
                : undefined,
            ),
          30_000,
        );
        assert.equal(seen.name, 'AssetTransition');
        sse.close();
        const resumed = openSse({ 'last-event-id': seen.id }, '');
        try {
          const second = await upload();
          await waitFor(
            'the second upload event after resuming',
            () => Promise.resolve(resumed.events.some((e) => e.payload.id === second)),
            30_000,
          );
          assert.ok(
            !resumed.events.some((e) => e.payload.id === first),
            'the resumed stream repeats nothing already seen',
          );
        } finally {
          resumed.close();
        }
      } finally {
        socket.close();
        sse.close();
      }
      const refused = new WebSocket(`${org1.url.replace('http', 'ws')}/v1/events/ws`);
      await new Promise((resolve) => {
        refused.once('error', resolve);
        refused.once('unexpected-response', resolve);
      });
    });
  });
}
