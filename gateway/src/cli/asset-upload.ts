/*
 * Uploading content held in memory (a model file, an i-vector) through `POST /v1/assets`:
 * encrypted by the gateway to the caller and the named readers, stored, and registered with its
 * metadata and lineage in one transaction.
 */
import { Readable } from 'node:stream';

import type { AssetSummary } from './program';
import type { GatewayClient } from './gateway-client';

/** What to register. */
export interface BytesUpload {
  readonly id: string;
  readonly kind: string;
  readonly mediaType: string;
  readonly bytes: Uint8Array;
  readonly metadata?: Readonly<Record<string, string>>;
  /** Assets this one derives from. */
  readonly parents?: readonly string[];
  /** Identity ids granted read. */
  readonly readers?: readonly string[];
  /** Organizations granted read. */
  readonly orgs?: readonly string[];
}

/** Upload `upload.bytes` as a new asset; the gateway's refusals are thrown as they come. */
export async function uploadBytes(
  gateway: GatewayClient,
  upload: BytesUpload,
): Promise<AssetSummary> {
  const query = new URLSearchParams({
    id: upload.id,
    kind: upload.kind,
    mediaType: upload.mediaType,
    size: String(upload.bytes.length),
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
    body: Readable.toWeb(Readable.from([Buffer.from(upload.bytes)])) as unknown as ReadableStream,
    headers: {
      'content-type': 'application/octet-stream',
      'deuro-metadata': JSON.stringify(upload.metadata ?? {}),
    },
    duplex: 'half',
  });
  return (await response.json()) as AssetSummary;
}
