/*
 * The crawl contract (chaincode/src/crawl/crawl.contract.ts) for one identity: typed requests and
 * records in and out (docs/gcrawl.md).
 */
import type { BoundContract } from '../fabric/submit';

import { evaluate, evaluateText, submit } from './contract-calls';

/** A URL with its link depth from a seed. */
export interface CrawlUrl {
  readonly url: string;
  readonly depth: number;
  /** For a media file: transcripts or captions its linking page offered, best first. */
  readonly transcriptUrls?: readonly string[];
}

/** CreateCrawlJob's request (scope and politeness as gateway/src/crawl validates them). */
export interface CrawlJobRequest {
  readonly id: string;
  readonly seeds: readonly string[];
  readonly scope: Readonly<Record<string, unknown>>;
  readonly politeness?: Readonly<Record<string, unknown>>;
  readonly maxPages?: number;
  readonly batchSize?: number;
  readonly leaseSeconds?: number;
  readonly maxRetries?: number;
  readonly crawlerOrgs?: readonly string[];
}

/** A crawl job on the ledger. */
export interface CrawlJob {
  readonly id: string;
  readonly owner: { readonly identityId: string; readonly mspId: string };
  readonly state: 'running' | 'completed' | 'cancelled';
  readonly seeds: readonly string[];
  readonly scope: {
    readonly hosts: readonly string[];
    readonly pathPrefixes: readonly string[];
    readonly maxDepth: number;
    readonly mediaTypes: readonly string[];
    readonly maxBytes: number;
  };
  readonly politeness: {
    readonly perHostDelayMs: number;
    readonly perHostConcurrency: number;
    readonly concurrency: number;
    readonly maxCrawlDelayMs: number;
  };
  readonly maxPages: number;
  readonly batchSize: number;
  readonly leaseSeconds: number;
  readonly maxRetries: number;
  readonly crawlerOrgs: readonly string[];
}

/** A task on the ledger. */
export interface CrawlTask {
  readonly jobId: string;
  readonly id: string;
  readonly state: 'queued' | 'leased' | 'done' | 'failed';
  readonly urls: readonly CrawlUrl[];
  readonly retry: number;
  readonly budget: number;
  readonly holder: string | null;
  readonly leaseExpiresAt: number;
  readonly leases: number;
}

/** A completion: every URL of the task fetched or failed, and the links found. */
export interface CrawlCompletion {
  readonly fetched: readonly {
    readonly url: string;
    readonly finalUrl: string;
    readonly status: number;
    readonly mediaType: string;
    readonly size: number;
    readonly contentSha256: string;
    /** The transcript or caption stored with it (as its own asset), if one came with it. */
    readonly transcriptSha256?: string | null;
  }[];
  readonly failed: readonly {
    readonly url: string;
    readonly reason: string;
    readonly retryable: boolean;
  }[];
  readonly discovered: readonly CrawlUrl[];
}

/** What a completion did. */
export interface CrawlCompletionSummary {
  readonly state: 'done' | 'failed';
  readonly fetched: number;
  readonly duplicates: number;
  readonly failed: number;
  readonly retried: number;
  readonly admitted: number;
  readonly newTasks: readonly string[];
}

/** A job's progress. */
export interface CrawlProgress {
  readonly jobId: string;
  readonly state: CrawlJob['state'];
  readonly tasks: Readonly<Record<'queued' | 'leased' | 'done' | 'failed', number>>;
  readonly crawled: number;
  readonly duplicates: number;
  readonly failedTaskUrls: number;
}

/** Crawled data on the ledger. */
export interface CrawledData {
  readonly jobId: string;
  readonly taskId: string;
  readonly url: string;
  readonly finalUrl: string;
  readonly fetchedAt: string;
  readonly status: number;
  readonly mediaType: string;
  readonly size: number;
  readonly contentSha256: string;
  readonly assetId: string;
  readonly ciphertextSha256: string;
  readonly transcript: { readonly sha256: string; readonly assetId: string } | null;
  readonly crawler: string;
  readonly state: 'crawled' | 'verified' | 'rejected';
  readonly duplicate: boolean;
  /** The aligner's decision, once recorded. */
  readonly alignment?: CrawlAlignment & {
    readonly by: string;
    readonly at: string;
    readonly txId: string;
  };
}

/**
 * A forced aligner's decision on crawled audio and its transcript (RecordCrawlAlignment):
 * scores in millionths; `reason` instead of a score when the pair could not be aligned at all.
 */
export interface CrawlAlignment {
  readonly verdict: 'verified' | 'rejected';
  readonly scoreMicro: number | null;
  readonly thresholdMicro: number | null;
  readonly words: number | null;
  readonly textGridSha256: string | null;
  readonly textGridAssetId: string | null;
  readonly reason: string | null;
  readonly aligner: string;
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

/** The crawl contract. */
export interface CrawlLedger {
  createJob(request: CrawlJobRequest): Promise<CrawlJob>;
  getJob(jobId: string): Promise<CrawlJob>;
  getTask(jobId: string, taskId: string): Promise<CrawlTask>;
  listLeasable(jobId: string, startBucket: string, limit: number): Promise<CrawlTask[]>;
  lease(jobId: string, taskId: string): Promise<CrawlTask>;
  renew(jobId: string, taskId: string): Promise<CrawlTask>;
  giveBack(jobId: string, taskId: string): Promise<CrawlTask>;
  complete(
    jobId: string,
    taskId: string,
    completion: CrawlCompletion,
  ): Promise<{ task: CrawlTask; summary: CrawlCompletionSummary }>;
  finish(jobId: string): Promise<CrawlJob>;
  /** Record the aligner's decision on crawled audio: `crawled → verified | rejected`. */
  recordAlignment(jobId: string, url: string, alignment: CrawlAlignment): Promise<CrawledData>;
  cancel(jobId: string): Promise<CrawlJob>;
  progress(jobId: string): Promise<CrawlProgress>;
  crawledData(
    jobId: string,
    pageSize: number,
    bookmark: string,
  ): Promise<{ records: CrawledData[]; bookmark: string }>;
  /** An admitted URL's record. */
  url(jobId: string, url: string): Promise<CrawlUrlRecord>;
  /** The asset holding this content in the job, if any. */
  findContent(jobId: string, contentSha256: string): Promise<string | undefined>;
}

/** The crawl contract over a contract object. */
export function newCrawlLedger(contract: BoundContract): CrawlLedger {
  return {
    createJob: (request) => submit(contract, 'CreateCrawlJob', JSON.stringify(request)),
    getJob: (jobId) => evaluate(contract, 'GetCrawlJob', jobId),
    getTask: (jobId, taskId) => evaluate(contract, 'GetCrawlTask', jobId, taskId),
    listLeasable: (jobId, startBucket, limit) =>
      evaluate(contract, 'ListLeasableCrawlTasks', jobId, startBucket, String(limit)),
    lease: (jobId, taskId) => submit(contract, 'LeaseCrawlTask', jobId, taskId),
    renew: (jobId, taskId) => submit(contract, 'RenewCrawlLease', jobId, taskId),
    giveBack: (jobId, taskId) => submit(contract, 'ReturnCrawlTask', jobId, taskId),
    complete: (jobId, taskId, completion) =>
      submit(contract, 'CompleteCrawlTask', jobId, taskId, JSON.stringify(completion)),
    finish: (jobId) => submit(contract, 'FinishCrawlJob', jobId),
    recordAlignment: (jobId, url, alignment) =>
      submit(contract, 'RecordCrawlAlignment', jobId, url, JSON.stringify(alignment)),
    cancel: (jobId) => submit(contract, 'CancelCrawlJob', jobId),
    progress: (jobId) => evaluate(contract, 'GetCrawlProgress', jobId),
    crawledData: (jobId, pageSize, bookmark) =>
      evaluate(contract, 'ListCrawledData', jobId, String(pageSize), bookmark),
    url: (jobId, url) => evaluate(contract, 'GetCrawlUrl', jobId, url),
    findContent: async (jobId, contentSha256) => {
      const assetId = await evaluateText(contract, 'FindCrawledContent', jobId, contentSha256);
      return assetId === '' ? undefined : assetId;
    },
  };
}
