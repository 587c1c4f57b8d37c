/*
 * The records of gCrawl on the public state: crawl jobs, their tasks (batches of URLs leased to
 * crawler identities), one record per admitted URL, and what was crawled. No plaintext: content
 * is referenced by hashes and by the asset that holds it encrypted to the job's owner.
 *
 *   crawl-job/<jobId>                          CrawlJobRecord
 *   crawl-task/<jobId>/<taskId>                CrawlTaskRecord
 *   crawl-queue/<jobId>/<bucket>/<taskId>      index: queued tasks (bucket = first hex digit)
 *   crawl-lease/<jobId>/<taskId>               index: leased tasks
 *   crawl-url/<jobId>/<urlHash>                CrawlUrlRecord (an admitted URL, never twice)
 *   crawled/<jobId>/<urlHash>                  CrawledDataRecord
 *   crawl-content/<jobId>/<contentSha256>      the asset holding that content (one per hash)
 */

/** What a job may fetch (gateway/src/crawl/scope.ts validates it the same way). */
export interface CrawlScopeRecord {
  readonly hosts: readonly string[];
  readonly pathPrefixes: readonly string[];
  readonly maxDepth: number;
  readonly mediaTypes: readonly string[];
  readonly maxBytes: number;
}

/** How gently crawlers fetch (gateway/src/crawl/politeness.ts). */
export interface CrawlPolitenessRecord {
  readonly perHostDelayMs: number;
  readonly perHostConcurrency: number;
  readonly concurrency: number;
  readonly maxCrawlDelayMs: number;
}

/** A crawl job's states. */
export type CrawlJobState = 'running' | 'completed' | 'cancelled';

/** A crawl job. */
export interface CrawlJobRecord {
  readonly id: string;
  readonly owner: { readonly identityId: string; readonly mspId: string };
  readonly state: CrawlJobState;
  readonly seeds: readonly string[];
  readonly scope: CrawlScopeRecord;
  readonly politeness: CrawlPolitenessRecord;
  /** URLs a job admits at most, seeds included. */
  readonly maxPages: number;
  /** URLs per task. */
  readonly batchSize: number;
  /** How long a lease lasts, in seconds of transaction time. */
  readonly leaseSeconds: number;
  /** Retries of a retryable failure before the URL ends failed. */
  readonly maxRetries: number;
  /** Organizations whose members may crawl. */
  readonly crawlerOrgs: readonly string[];
  readonly createdAt: string;
  readonly lastTxId: string;
  readonly lastTimestamp: string;
}

/** A task's states. */
export type CrawlTaskState = 'queued' | 'leased' | 'done' | 'failed';

/** A URL to fetch, with its link depth from a seed. */
export interface CrawlUrl {
  readonly url: string;
  readonly depth: number;
  /** For a media file: transcripts or captions the linking page offered with it, best first. */
  readonly transcriptUrls?: readonly string[];
}

/** A batch of URLs. */
export interface CrawlTaskRecord {
  readonly jobId: string;
  readonly id: string;
  readonly state: CrawlTaskState;
  readonly urls: readonly CrawlUrl[];
  /** 0 for a first attempt; retry tasks count up. */
  readonly retry: number;
  /** URLs this task may still admit (its share of the job's budget). */
  readonly budget: number;
  readonly holder: string | null;
  /** Lease expiry, seconds since the epoch of transaction time; 0 when not leased. */
  readonly leaseExpiresAt: number;
  readonly leases: number;
  readonly lastTxId: string;
  readonly lastTimestamp: string;
}

/** An admitted URL. */
export interface CrawlUrlRecord {
  readonly url: string;
  readonly depth: number;
  readonly state: 'queued' | 'fetched' | 'failed';
  readonly taskId: string;
  readonly attempts: number;
  readonly failure: string | null;
}

/** Crawled content, as registered. */
export interface CrawledDataRecord {
  readonly jobId: string;
  readonly taskId: string;
  readonly url: string;
  readonly finalUrl: string;
  readonly fetchedAt: string;
  readonly status: number;
  readonly mediaType: string;
  readonly size: number;
  readonly contentSha256: string;
  /** The asset holding the content, encrypted to the job's owner. */
  readonly assetId: string;
  readonly ciphertextSha256: string;
  /** A transcript or caption that came with the content, stored as its own asset. */
  readonly transcript: { readonly sha256: string; readonly assetId: string } | null;
  readonly crawler: string;
  /** `crawled`; alignment later moves it to `verified` or `rejected`. */
  readonly state: 'crawled' | 'verified' | 'rejected';
  /** True when another URL brought the same content first. */
  readonly duplicate: boolean;
  /** The aligner's decision on the audio and its transcript; absent until aligned. */
  readonly alignment?: CrawlAlignmentRecord & {
    readonly by: string;
    readonly at: string;
    readonly txId: string;
  };
}

/**
 * A forced aligner's decision on crawled audio and its transcript. Scores are per-frame
 * log-likelihood ratios (forced path against a free phone loop) in millionths. `reason` names
 * why a pair could not be aligned at all (then it is rejected without a score or a TextGrid).
 */
export interface CrawlAlignmentRecord {
  readonly verdict: 'verified' | 'rejected';
  readonly scoreMicro: number | null;
  readonly thresholdMicro: number | null;
  /** Words aligned. */
  readonly words: number | null;
  /** The TextGrid with the word and phone timings, and the asset that holds it encrypted. */
  readonly textGridSha256: string | null;
  readonly textGridAssetId: string | null;
  readonly reason: string | null;
  /** Which aligner and model decided. */
  readonly aligner: string;
}
