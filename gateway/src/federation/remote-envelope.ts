/*
 * Fetches an envelope this gateway does not hold from the gateway of the organization that
 * stored it, over mutual TLS with this gateway's certificate. The serving gateway checks on the
 * ledger that this organization may read the asset; this side checks the bytes against the
 * ledger's hash as they stream (openEnvelope's verifier does the same for local envelopes).
 */
import { request } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';

import { StoreError } from '../store/store-error';
import { verifyingStream } from '../storage/hashing-stream';

/** How this gateway reaches another organization's gateway. */
export interface PeerGateway {
  /** `https://host:port` of its HTTPS listener. */
  readonly url: string;
  /** The TLS CA that issued its certificate (PEM). */
  readonly caPem: string;
}

/** This gateway's own TLS credentials, presented as its client certificate. */
export interface GatewayCredentials {
  readonly certPem: string;
  readonly keyPem: string;
}

/** What to fetch. */
export interface RemoteEnvelopeRequest {
  readonly assetId: string;
  /** The asset's owner identity id, held by the serving gateway's wallet. */
  readonly ownerId: string;
  /** The ledger's hash of the current envelope. */
  readonly envelopeSha256: string;
}

const TIMEOUT_MS = 30_000;

/**
 * Open the envelope on the peer gateway.
 * @throws StoreError `DEURO_STORE_NOT_FOUND` when the peer gateway does not serve it (its answer
 * is in the message), `DEURO_STORE_TAMPERED` (as a stream error) when the bytes do not hash to
 * the ledger's value.
 */
export async function openRemoteEnvelope(
  peer: PeerGateway,
  credentials: GatewayCredentials,
  wanted: RemoteEnvelopeRequest,
): Promise<{ readonly size: number; readonly stream: Readable }> {
  const url = new URL(
    `/v1/federation/assets/${encodeURIComponent(wanted.assetId)}/envelope`,
    peer.url,
  );
  url.searchParams.set('owner', wanted.ownerId);
  url.searchParams.set('sha256', wanted.envelopeSha256);
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = request(url, {
      ca: peer.caPem,
      cert: credentials.certPem,
      key: credentials.keyPem,
      timeout: TIMEOUT_MS,
    });
    req.on('response', resolve);
    req.on('timeout', () => req.destroy(new Error('the peer gateway did not answer in time')));
    req.on('error', reject);
    req.end();
  }).catch((error: unknown) => {
    throw new StoreError(
      'DEURO_STORE_NOT_FOUND',
      `the envelope is held by the gateway at ${peer.url}, which cannot be reached`,
      { cause: error },
    );
  });
  if (response.statusCode !== 200) {
    const body = await readSmallBody(response);
    throw new StoreError(
      'DEURO_STORE_NOT_FOUND',
      `the gateway at ${peer.url} did not serve the envelope (${String(response.statusCode)}: ${body})`,
    );
  }
  const verify = verifyingStream(
    wanted.envelopeSha256,
    () =>
      new StoreError(
        'DEURO_STORE_TAMPERED',
        `the envelope from ${peer.url} does not hash to ${wanted.envelopeSha256}`,
      ),
  );
  response.on('error', (error) => verify.destroy(error));
  return {
    size: Number(response.headers['content-length'] ?? NaN),
    stream: response.pipe(verify),
  };
}

async function readSmallBody(response: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of response) {
    text += String(chunk);
    if (text.length > 2000) {
      response.destroy();
      break;
    }
  }
  try {
    const problem = JSON.parse(text) as { code?: unknown; detail?: unknown };
    return `${String(problem.code)}: ${String(problem.detail)}`;
  } catch {
    return text.slice(0, 200);
  }
}
