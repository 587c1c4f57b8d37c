/*
 * Turning a batch's results into the ledger's completion: every fetched body stored (once per
 * content hash in the job) encrypted to the job's owner, with its transcript as an asset of its
 * own; failures with their code; links found, once each. Two crawlers may store the same content
 * at once: the second registration fails as already existing, or, when both are in one block,
 * loses an MVCC conflict and is sent again (then finds it existing).
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';

import type { CrawlFetched, CrawlResult } from '../crawl/index';
import type { CrawlCompletion, CrawlJob, CrawlUrl } from '../ledger/crawl-ledger';
import type { CrawlerApi } from './crawler-api';
import { crawledAssetId, crawledAssetKind } from './crawled-asset';
import { retryOnConflict } from './ledger-conflict';

const MAX_DISCOVERED = 500;
const UPLOAD_ATTEMPTS = 3;

interface Store {
  readonly api: CrawlerApi;
  readonly job: CrawlJob;
  readonly readers: readonly string[];
  readonly onUploadConflict: () => void;
}

async function storeOnce(
  { api, job, readers, onUploadConflict }: Store,
  content: { sha256: string; mediaType: string; body: () => Readable },
): Promise<void> {
  if (await api.hasContent(job.id, content.sha256)) {
    return;
  }
  await retryOnConflict(
    () =>
      api.upload({
        assetId: crawledAssetId(job.id, content.sha256),
        kind: crawledAssetKind(content.mediaType),
        mediaType: content.mediaType,
        readers,
        body: content.body,
      }),
    { attempts: UPLOAD_ATTEMPTS, baseDelayMs: 100, onConflict: onUploadConflict },
  );
}

async function storeFetched(
  store: Store,
  fetched: CrawlFetched,
): Promise<CrawlCompletion['fetched'][number]> {
  await storeOnce(store, {
    sha256: fetched.sha256,
    mediaType: fetched.mediaType,
    body: () => createReadStream(fetched.bodyLocation),
  });
  const { transcript } = fetched;
  if (transcript !== undefined) {
    await storeOnce(store, {
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

/**
 * The completion of a task from its results, storing what was fetched.
 * @param onUploadConflict - Told of every upload that lost an MVCC conflict (it is sent again).
 */
export async function completionOf(
  api: CrawlerApi,
  job: CrawlJob,
  crawlerId: string,
  results: readonly CrawlResult[],
  onUploadConflict: () => void = () => undefined,
): Promise<CrawlCompletion> {
  const store: Store = { api, job, readers: readersOf(job, crawlerId), onUploadConflict };
  const fetched: CrawlCompletion['fetched'][number][] = [];
  const failed: CrawlCompletion['failed'][number][] = [];
  const discovered = new Map<string, CrawlUrl>();
  for (const result of results) {
    if (result.outcome === 'failed') {
      failed.push({ url: result.url, reason: result.code, retryable: result.retryable });
      continue;
    }
    fetched.push(await storeFetched(store, result));
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
