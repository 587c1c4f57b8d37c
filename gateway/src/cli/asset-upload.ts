/*
 * Uploading through `POST /v1/assets`: the content is encrypted by the gateway to the caller and
 * the named readers as it streams, stored, and registered with its metadata and lineage in one
 * transaction. `deuro put` streams a file; model files and i-vectors are uploaded from memory.
 */
import { Readable } from 'node:stream';

import type { AssetSummary } from './program';
import type { GatewayClient } from './gateway-client';

/** What to register. */
export interface AssetUpload {
  readonly id: string;
  readonly kind: string;
  readonly mediaType: string;
  readonly metadata?: Readonly<Record<string, string>>;
  /** Assets this one derives from. */
  readonly parents?: readonly string[];
  /** Identity ids granted read. */
  readonly readers?: readonly string[];
  /** Organizations granted read. */
  readonly orgs?: readonly string[];
  /** Sends the upload again with the same key and it registers once. */
  readonly idempotencyKey?: string;
}

/**
 * Upload `size` bytes from `body` as a new asset; the gateway refuses a body that ends at another
 * size. The gateway's refusals are thrown as they come.
 */
export async function uploadAsset(
  gateway: GatewayClient,
  upload: AssetUpload,
  body: Readable,
  size: number,
): Promise<AssetSummary> {
  const query = new URLSearchParams({
    id: upload.id,
    kind: upload.kind,
    mediaType: upload.mediaType,
    size: String(size),
  });
  const lists: [string, readonly string[] | undefined][] = [
    ['recipients', upload.readers],
    ['orgs', upload.orgs],
    ['parents', upload.parents],
  ];
  for (const [name, values] of lists) {
    if (values !== undefined && values.length > 0) query.set(name, values.join(','));
  }
  const response = await gateway.request('POST', `/v1/assets?${query.toString()}`, {
    body: Readable.toWeb(body) as unknown as ReadableStream,
    headers: {
      'content-type': 'application/octet-stream',
      'deuro-metadata': JSON.stringify(upload.metadata ?? {}),
      ...(upload.idempotencyKey === undefined ? {} : { 'idempotency-key': upload.idempotencyKey }),
    },
    duplex: 'half',
  });
  return (await response.json()) as AssetSummary;
}

/** Upload `bytes`, held in memory, as a new asset. */
export function uploadBytes(
  gateway: GatewayClient,
  upload: AssetUpload,
  bytes: Uint8Array,
): Promise<AssetSummary> {
  return uploadAsset(gateway, upload, Readable.from([Buffer.from(bytes)]), bytes.length);
}
