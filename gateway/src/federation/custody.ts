/*
 * Custody follows ownership. When an asset is transferred to a member of another organization,
 * the storing gateway pushes the envelope to that organization's gateway, which keeps it from
 * then on (its new owner's gateway is where grants and downloads happen), and the sender drops
 * its copy. The receiver accepts only an envelope that its own member owns on the ledger and
 * that hashes to the ledger's value.
 *
 * Wire format of the push: one line of JSON (the manifest: header and trailer in base64, the bulk's
 * hash and size), a newline, then the bulk ciphertext.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { request } from 'node:https';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import type { BlobStore } from '../store/blob-store';
import { StoreError } from '../store/store-error';
import type { EnvelopeIndex, EnvelopeManifest } from '../storage/envelope-index';
import { hashingStream } from '../storage/hashing-stream';
import type { GatewayCredentials, PeerGateway } from './remote-envelope';

const MAX_MANIFEST_BYTES = 512 * 1024;
const TIMEOUT_MS = 60_000;

/**
 * Send an envelope to the gateway of its new owner's organization.
 * @throws StoreError `DEURO_STORE_IO` when the peer gateway refuses or cannot be reached.
 */
export async function pushEnvelope(
  peer: PeerGateway,
  credentials: GatewayCredentials,
  target: { readonly assetId: string; readonly ownerId: string },
  manifest: EnvelopeManifest,
  store: BlobStore,
): Promise<void> {
  const url = new URL(
    `/v1/federation/assets/${encodeURIComponent(target.assetId)}/envelope`,
    peer.url,
  );
  url.searchParams.set('owner', target.ownerId);
  const body = new PassThrough();
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    const req = request(url, {
      method: 'PUT',
      ca: peer.caPem,
      cert: credentials.certPem,
      key: credentials.keyPem,
      timeout: TIMEOUT_MS,
      headers: { 'content-type': 'application/octet-stream' },
    });
    req.on('response', resolve);
    req.on('timeout', () => req.destroy(new Error('the peer gateway did not answer in time')));
    req.on('error', reject);
    body.pipe(req);
  });
  body.write(`${JSON.stringify(manifest)}\n`);
  await pipeline(store.get(manifest.bulkSha256), body).catch((error: unknown) => {
    body.destroy(error as Error);
  });
  let answer: IncomingMessage;
  try {
    answer = await response;
  } catch (error) {
    throw new StoreError('DEURO_STORE_IO', `cannot hand the envelope to ${peer.url}`, {
      cause: error,
    });
  }
  answer.resume();
  if (answer.statusCode !== 201) {
    throw new StoreError(
      'DEURO_STORE_IO',
      `the gateway at ${peer.url} refused the envelope (HTTP ${String(answer.statusCode)})`,
    );
  }
}

/** Read the manifest line of a push, leaving the bulk unread in `source`. */
function readManifestLine(source: Readable): Promise<EnvelopeManifest> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const fail = (detail: string): void => {
      cleanUp();
      reject(new StoreError('DEURO_STORE_INVALID_ARGUMENT', detail));
    };
    const onReadable = (): void => {
      for (
        let chunk = source.read() as Buffer | null;
        chunk !== null;
        chunk = source.read() as Buffer | null
      ) {
        buffered = Buffer.concat([buffered, chunk]);
        const newline = buffered.indexOf(0x0a);
        if (newline >= 0) {
          cleanUp();
          source.unshift(buffered.subarray(newline + 1));
          try {
            resolve(JSON.parse(buffered.subarray(0, newline).toString('utf8')) as EnvelopeManifest);
          } catch {
            reject(new StoreError('DEURO_STORE_INVALID_ARGUMENT', 'the manifest line is not JSON'));
          }
          return;
        }
        if (buffered.length > MAX_MANIFEST_BYTES) {
          fail('the manifest line is too long');
          return;
        }
      }
    };
    const onEnd = (): void => {
      fail('a pushed envelope starts with its manifest line');
    };
    const onError = (error: Error): void => {
      cleanUp();
      reject(error);
    };
    const cleanUp = (): void => {
      source.off('readable', onReadable);
      source.off('end', onEnd);
      source.off('error', onError);
    };
    source.on('readable', onReadable);
    source.on('end', onEnd);
    source.on('error', onError);
  });
}

/**
 * Store a pushed envelope whose ledger hash is `envelopeSha256`, and index it.
 * @throws StoreError `DEURO_STORE_HASH_MISMATCH` when the parts do not make that envelope.
 */
export async function receiveEnvelope(
  source: Readable,
  envelopeSha256: string,
  store: BlobStore,
  index: EnvelopeIndex,
): Promise<EnvelopeManifest> {
  const manifest = await readManifestLine(source);
  const header = Buffer.from(manifest.header, 'base64');
  const trailer = Buffer.from(manifest.trailer, 'base64');
  const envelopeHash = createHash('sha256').update(header);
  const bulk = hashingStream(envelopeHash);
  source.on('error', (error) => bulk.destroy(error));
  const stored = await store.put(source.pipe(bulk), {
    expectedSha256: manifest.bulkSha256,
    maxBytes: manifest.bulkSize,
  });
  envelopeHash.update(trailer);
  if (envelopeHash.digest('hex') !== envelopeSha256) {
    await store.delete(stored.sha256);
    throw new StoreError(
      'DEURO_STORE_HASH_MISMATCH',
      `the pushed parts do not make the envelope ${envelopeSha256} the ledger records`,
    );
  }
  const received: EnvelopeManifest = {
    envelopeSha256,
    size: header.length + stored.size + trailer.length,
    header: manifest.header,
    trailer: manifest.trailer,
    bulkSha256: stored.sha256,
    bulkSize: stored.size,
  };
  await index.put(received);
  return received;
}
