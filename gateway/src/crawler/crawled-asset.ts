/*
 * Where crawled content is stored: an asset whose id derives from the job and the content's
 * SHA-256 (as chaincode/src/crawl/crawl-store.ts derives it), encrypted to the job's owner, and
 * of the asset kind its media type suggests.
 */
import { createHash } from 'node:crypto';

/** The asset id of content with this hash in a job. */
export function crawledAssetId(jobId: string, contentSha256: string): string {
  return `crawl-${createHash('sha256').update(`${jobId}\n${contentSha256}`, 'utf8').digest('hex').slice(0, 40)}`;
}

/** The asset kind for a media type: recordings, images, and training data for the rest. */
export function crawledAssetKind(mediaType: string): 'recording' | 'image' | 'training-set' {
  if (mediaType.startsWith('audio/')) {
    return 'recording';
  }
  return mediaType.startsWith('image/') ? 'image' : 'training-set';
}
