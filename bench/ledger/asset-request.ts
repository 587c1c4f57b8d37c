/**
 * The RegisterAsset request that the benchmark submits: a `feature-set`
 * asset readable under one key. Only the id varies, so with fixed-width ids
 * every request has the same size.
 */
import { createHash } from 'node:crypto';

/** The declared size of each benchmark asset's ciphertext, in bytes. */
const ASSET_SIZE_BYTES = 1_048_576;

/** The request JSON for RegisterAsset, for asset `id` readable under key `keyFingerprint`. */
export function assetRequestJson(id: string, keyFingerprint: string): string {
  return JSON.stringify({
    id,
    kind: 'feature-set',
    ciphertextSha256: createHash('sha256').update(id).digest('hex'),
    size: ASSET_SIZE_BYTES,
    mediaType: 'application/octet-stream',
    keyFingerprints: [keyFingerprint],
    metadata: { source: 'bench' },
    parents: [],
  });
}
