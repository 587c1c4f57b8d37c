/*
 * Turning a batch's results into the ledger's completion: every fetched body stored (once per
 * content hash in the job) encrypted to the job's owner, with its transcript as an asset of its
 * own; failures with their code; links found, once each.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';

import type { CrawlFetched, CrawlResult } from '../crawl/index';
import type { CrawlCompletion, CrawlJob, CrawlUrl } from '../ledger/crawl-ledger';
import type { CrawlerApi } from './crawler-api';
import { crawledAssetId, crawledAssetKind } from './crawled-asset';

const MAX_DISCOVERED = 500;

async function storeOnce(
  api: CrawlerApi,
  job: CrawlJob,
  readers: readonly string[],
  content: { sha256: string; mediaType: string; body: () => Readable },
): Promise<void> {
  if (await api.hasContent(job.id, content.sha256)) {
    return;
  }
  await api.upload({
    assetId: crawledAssetId(job.id, content.sha256),
    kind: crawledAssetKind(content.mediaType),
    mediaType: content.mediaType,
    readers,
    body: content.body,
  });
}

async function storeFetched(
  api: CrawlerApi,
  job: CrawlJob,
  readers: readonly string[],
  fetched: CrawlFetched,
): Promise<CrawlCompletion['fetched'][number]> {
  await storeOnce(api, job, readers, {
    sha256: fetched.sha256,
    mediaType: fetched.mediaType,
    body: () => createReadStream(fetched.bodyLocation),
  });
  const { transcript } = fetched;
  if (transcript !== undefined) {
    await storeOnce(api, job, readers, {
      sha256: transcript.sha256,
      mediaType: transcript.mediaType,
      body: () => Readable.from([transcript.body]),
    });
  }
  return {
    url: fetched.url,
    finalUrl: fetched.finalUrl,
    status: fetched.status,
    mediaType: fetched.mediaType,
    size: fetched.size,
    contentSha256: fetched.sha256,
    transcriptSha256: transcript?.sha256 ?? null,
  };
}

/** Who besides the crawler must be able to read what it stores: the job's owner. */
export function readersOf(job: CrawlJob, crawlerId: string): string[] {
  return job.owner.identityId === crawlerId ? [] : [job.owner.identityId];
}

/** The completion of a task from its results, storing what was fetched. */
export async function completionOf(
  api: CrawlerApi,
  job: CrawlJob,
  crawlerId: string,
  results: readonly CrawlResult[],
): Promise<CrawlCompletion> {
  const readers = readersOf(job, crawlerId);
  const fetched: CrawlCompletion['fetched'][number][] = [];
  const failed: CrawlCompletion['failed'][number][] = [];
  const discovered = new Map<string, CrawlUrl>();
  for (const result of results) {
    if (result.outcome === 'failed') {
      failed.push({ url: result.url, reason: result.code, retryable: result.retryable });
      continue;
    }
    fetched.push(await storeFetched(api, job, readers, result));
    for (const link of result.links) {
      if (discovered.size < MAX_DISCOVERED && !discovered.has(link.url)) {
        discovered.set(link.url, {
          url: link.url,
          depth: link.depth,
          ...(link.transcriptUrls === undefined || link.transcriptUrls.length === 0
            ? {}
            : { transcriptUrls: link.transcriptUrls.slice(0, 4) }),
        });
      }
    }
  }
  return { fetched, failed, discovered: [...discovered.values()] };
}
