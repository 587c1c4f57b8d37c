/*
 * The JSON requests of the crawl contract, parsed and checked field by field.
 */
import { assetIdArgument } from '../assets/asset-requests';
import { objectField, onlyFields, parseRequest, stringField } from '../assets/request-fields';
import { invalidArgument } from '../ledger/errors';
import { wholeNumberField } from '../assets/request-fields';
import { politenessField, scopeField, urlField } from './crawl-fields';
import type { CrawlPolitenessRecord, CrawlScopeRecord, CrawlUrl } from './crawl-records';

const SHA256 = /^[0-9a-f]{64}$/;
const MSP_ID = /^[A-Za-z0-9.-]{1,64}$/;
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,62}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,62}$/;
const REASON = /^[A-Za-z0-9_.:-]{1,64}$/;
const MAX_SEEDS = 1000;
const MAX_RESULTS = 1000;

/** CreateCrawlJob's request. */
export interface CreateJobRequest {
  readonly id: string;
  readonly seeds: readonly string[];
  readonly scope: CrawlScopeRecord;
  readonly politeness: CrawlPolitenessRecord;
  readonly maxPages: number;
  readonly batchSize: number;
  readonly leaseSeconds: number;
  readonly maxRetries: number;
  readonly crawlerOrgs: readonly string[] | undefined;
}

/** One fetched URL in a completion. */
export interface FetchedResult {
  readonly url: string;
  readonly finalUrl: string;
  readonly status: number;
  readonly mediaType: string;
  readonly size: number;
  readonly contentSha256: string;
  readonly transcriptSha256: string | null;
}

/** One URL that could not be fetched. */
export interface FailedResult {
  readonly url: string;
  readonly reason: string;
  readonly retryable: boolean;
}

/** CompleteCrawlTask's request. */
export interface CompletionRequest {
  readonly fetched: readonly FetchedResult[];
  readonly failed: readonly FailedResult[];
  readonly discovered: readonly CrawlUrl[];
}

function list(value: unknown, name: string, max: number): unknown[] {
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value) || value.length > max) {
    throw invalidArgument(`${name} must be a list of at most ${String(max)} entries`);
  }
  return value;
}

/** Parse CreateCrawlJob's request. */
export function parseCreateJobRequest(text: string): CreateJobRequest {
  const request = parseRequest(text, 'request');
  onlyFields(request, 'request', [
    'id',
    'seeds',
    'scope',
    'politeness',
    'maxPages',
    'batchSize',
    'leaseSeconds',
    'maxRetries',
    'crawlerOrgs',
  ]);
  const seeds = list(request.seeds, 'request.seeds', MAX_SEEDS).map((seed, index) =>
    urlField(seed, `request.seeds[${String(index)}]`),
  );
  if (seeds.length === 0) {
    throw invalidArgument('request.seeds is empty: a job starts from at least one URL');
  }
  const crawlerOrgs =
    request.crawlerOrgs === undefined
      ? undefined
      : list(request.crawlerOrgs, 'request.crawlerOrgs', 64).map((org, index) =>
          stringField(org, `request.crawlerOrgs[${String(index)}]`, MSP_ID, 'an MSP ID'),
        );
  return {
    id: assetIdArgument(request.id, 'request.id'),
    seeds: [...new Set(seeds)],
    scope: scopeField(request.scope, 'request.scope'),
    politeness: politenessField(request.politeness, 'request.politeness'),
    maxPages: wholeNumberField(request.maxPages ?? 10_000, 'request.maxPages', 1, 10_000_000),
    batchSize: wholeNumberField(request.batchSize ?? 10, 'request.batchSize', 1, 100),
    leaseSeconds: wholeNumberField(request.leaseSeconds ?? 60, 'request.leaseSeconds', 5, 3600),
    maxRetries: wholeNumberField(request.maxRetries ?? 2, 'request.maxRetries', 0, 10),
    crawlerOrgs,
  };
}

function sha256Field(value: unknown, name: string): string {
  return stringField(value, name, SHA256, '64 lowercase hex digits');
}

function fetchedField(value: unknown, name: string): FetchedResult {
  const entry = objectField(value, name);
  onlyFields(entry, name, [
    'url',
    'finalUrl',
    'status',
    'mediaType',
    'size',
    'contentSha256',
    'transcriptSha256',
  ]);
  return {
    url: urlField(entry.url, `${name}.url`),
    finalUrl: urlField(entry.finalUrl, `${name}.finalUrl`),
    status: wholeNumberField(entry.status, `${name}.status`, 100, 599),
    mediaType: stringField(entry.mediaType, `${name}.mediaType`, MEDIA_TYPE, 'a media type'),
    size: wholeNumberField(entry.size, `${name}.size`, 0, Number.MAX_SAFE_INTEGER),
    contentSha256: sha256Field(entry.contentSha256, `${name}.contentSha256`),
    transcriptSha256:
      entry.transcriptSha256 === undefined || entry.transcriptSha256 === null
        ? null
        : sha256Field(entry.transcriptSha256, `${name}.transcriptSha256`),
  };
}

function failedField(value: unknown, name: string): FailedResult {
  const entry = objectField(value, name);
  onlyFields(entry, name, ['url', 'reason', 'retryable']);
  if (typeof entry.retryable !== 'boolean') {
    throw invalidArgument(`${name}.retryable must be true or false`);
  }
  return {
    url: urlField(entry.url, `${name}.url`),
    reason: stringField(entry.reason, `${name}.reason`, REASON, 'a failure code'),
    retryable: entry.retryable,
  };
}

function discoveredField(value: unknown, name: string): CrawlUrl {
  const entry = objectField(value, name);
  onlyFields(entry, name, ['url', 'depth', 'transcriptUrls']);
  const hints = list(entry.transcriptUrls, `${name}.transcriptUrls`, 4).map((url, index) =>
    urlField(url, `${name}.transcriptUrls[${String(index)}]`),
  );
  return {
    url: urlField(entry.url, `${name}.url`),
    depth: wholeNumberField(entry.depth, `${name}.depth`, 0, 1000),
    ...(hints.length === 0 ? {} : { transcriptUrls: hints }),
  };
}

/** Parse CompleteCrawlTask's request. */
export function parseCompletionRequest(text: string): CompletionRequest {
  const request = parseRequest(text, 'request');
  onlyFields(request, 'request', ['fetched', 'failed', 'discovered']);
  return {
    fetched: list(request.fetched, 'request.fetched', MAX_RESULTS).map((entry, index) =>
      fetchedField(entry, `request.fetched[${String(index)}]`),
    ),
    failed: list(request.failed, 'request.failed', MAX_RESULTS).map((entry, index) =>
      failedField(entry, `request.failed[${String(index)}]`),
    ),
    discovered: list(request.discovered, 'request.discovered', MAX_RESULTS).map((entry, index) =>
      discoveredField(entry, `request.discovered[${String(index)}]`),
    ),
  };
}
