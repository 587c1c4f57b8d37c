/*
 * The crawler's work on one task, without the ledger: given the task's URLs and the job's
 * scope and politeness, fetch each URL (robots.txt, politeness, redirects, retries, size and
 * media-type limits), stream its body into the caller's sink with its SHA-256, extract the
 * in-scope links of HTML pages, fetch the transcript that comes with a media file, and report
 * one result per distinct URL.
 *
 * Stopping: when `signal` aborts, nothing new starts (queued URLs, retries, redirect hops and
 * transcripts fail with `DEURO_CRAWL_ABORTED`, retryable) and requests in flight finish,
 * unless `abortInFlight` is set, in which case they are cut too. Either way crawlBatch
 * resolves with a result for every URL, so the caller can report what was done.
 */
import { setMaxListeners } from 'node:events';
import type { BodySinkFactory } from './body-sink.js';
import {
  abortedError,
  systemClock,
  systemRandom,
  systemSleep,
  type Clock,
  type RandomSource,
  type Sleep,
} from './clock.js';
import { isCrawlError, requireField } from './crawl-error.js';
import {
  failedResult,
  failureReason,
  type CrawlFetched,
  type CrawlResult,
  type CrawlTarget,
} from './crawl-result.js';
import { validateFetchOptions, type FetchOptions } from './fetch-options.js';
import type { FetchedBody } from './fetch-request.js';
import { newFetcher, type Fetcher } from './fetcher.js';
import {
  newNodeHttpRequester,
  type HttpRequester,
  type NodeHttpRequester,
} from './http-requester.js';
import { discoverLinks, extractPageLinks, type DiscoveredLink } from './links.js';
import { isHtmlMediaType } from './media-type.js';
import type { CrawlPoliteness } from './politeness.js';
import { newPolitenessScheduler, type PolitenessScheduler } from './politeness-scheduler.js';
import { newRobotsCache, type RobotsStore } from './robots-cache.js';
import type { CrawlScope } from './scope.js';
import { fetchTranscript } from './transcripts.js';
import { isCrawlableUrl, normaliseUrl } from './url-normalisation.js';

/** The job's rules, as validated by `validateCrawlScope` and `validateCrawlPoliteness`. */
export interface CrawlJobRules {
  readonly scope: CrawlScope;
  readonly politeness: CrawlPoliteness;
}

/** Progress after each URL. */
export interface CrawlProgress {
  /** URLs done so far (fetched or failed). */
  readonly completed: number;
  /** Distinct URLs in the batch. */
  readonly total: number;
  /** The result just completed. */
  readonly result: CrawlResult;
}

/** What crawlBatch needs besides the URLs and the job. */
export interface CrawlBatchDeps {
  /** Opens where each body goes, e.g. `newTempFileSinkFactory(dir)`. */
  readonly sinkFactory: BodySinkFactory;
  /** Fetch options as JSON (validated here; defaults for what is missing). */
  readonly fetchOptions?: unknown;
  /** The fetch function; by default node http/https, created and closed per batch. */
  readonly requester?: HttpRequester;
  /** Trusted CA certificates (PEM) for the default requester's HTTPS. */
  readonly ca?: string | Buffer | readonly (string | Buffer)[];
  /** Shared across batches so successive tasks of a job keep their per-host spacing. */
  readonly scheduler?: PolitenessScheduler;
  /** Shared across batches so each robots.txt is fetched once per process. */
  readonly robotsStore?: RobotsStore;
  readonly clock?: Clock;
  readonly sleep?: Sleep;
  /** The jitter source of retry backoff. */
  readonly random?: RandomSource;
  /** Stop starting new fetches (e.g. on SIGTERM). */
  readonly signal?: AbortSignal;
  /** When `signal` aborts, also cut the requests in flight (default false: let them finish). */
  readonly abortInFlight?: boolean;
  /** Called after each URL completes. */
  readonly onProgress?: (progress: CrawlProgress) => void;
}

interface BatchContext {
  readonly job: CrawlJobRules;
  readonly deps: CrawlBatchDeps;
  readonly options: FetchOptions;
  readonly fetcher: Fetcher;
  /** Aborts when the caller's signal does: stop starting new work. */
  readonly signal: AbortSignal;
}

/**
 * Crawl one task's URLs.
 * @returns One result per distinct normalised URL (the first occurrence's depth and transcript
 * hints), in the order of first occurrence; invalid URLs fail as given.
 * @throws CrawlError `DEURO_CRAWL_INVALID_OPTIONS` when `deps.fetchOptions` is invalid.
 */
export async function crawlBatch(
  targets: readonly CrawlTarget[],
  job: CrawlJobRules,
  deps: CrawlBatchDeps,
): Promise<CrawlResult[]> {
  targets.forEach((target, i) => {
    requireField(
      Number.isSafeInteger(target.depth) && target.depth >= 0,
      'DEURO_CRAWL_INVALID_OPTIONS',
      `targets[${String(i)}].depth`,
      'a whole number >= 0',
    );
  });
  const options = validateFetchOptions(deps.fetchOptions);
  const requester = requesterOf(deps);
  // Internal signals: every queued URL and request listens to them, more than the default
  // 10 listeners an AbortSignal allows before warning.
  const stop = new AbortController();
  const inFlight = new AbortController();
  setMaxListeners(0, stop.signal, inFlight.signal);
  const onAbort = (): void => {
    stop.abort(deps.signal?.reason);
    if (deps.abortInFlight === true) {
      inFlight.abort(deps.signal?.reason);
    }
  };
  if (deps.signal?.aborted === true) {
    onAbort();
  }
  deps.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const context = newBatchContext(job, deps, options, requester.request, {
      stop: stop.signal,
      inFlight: inFlight.signal,
    });
    return await crawlAll(distinctTargets(targets), context);
  } finally {
    deps.signal?.removeEventListener('abort', onAbort);
    requester.close();
  }
}

function requesterOf(deps: CrawlBatchDeps): NodeHttpRequester {
  if (deps.requester !== undefined) {
    return { request: deps.requester, close: () => undefined };
  }
  return newNodeHttpRequester({ ca: deps.ca });
}

function newBatchContext(
  job: CrawlJobRules,
  deps: CrawlBatchDeps,
  options: FetchOptions,
  requester: HttpRequester,
  signals: { readonly stop: AbortSignal; readonly inFlight: AbortSignal },
): BatchContext {
  const inFlightSignal = signals.inFlight;
  const clock = deps.clock ?? systemClock;
  const sleep = deps.sleep ?? systemSleep;
  const scheduler = deps.scheduler ?? newPolitenessScheduler(job.politeness, { clock, sleep });
  const robots = newRobotsCache({
    requester,
    scheduler,
    options,
    clock,
    inFlightSignal,
    store: deps.robotsStore,
  });
  const fetcher = newFetcher({
    scope: job.scope,
    options,
    scheduler,
    robots,
    requester,
    clock,
    sleep,
    random: deps.random ?? systemRandom,
    inFlightSignal,
  });
  return { job, deps, options, fetcher, signal: signals.stop };
}

async function crawlAll(
  targets: readonly CrawlTarget[],
  context: BatchContext,
): Promise<CrawlResult[]> {
  let completed = 0;
  return Promise.all(
    targets.map(async (target) => {
      const result = await crawlTarget(target, context);
      completed++;
      context.deps.onProgress?.({ completed, total: targets.length, result });
      return result;
    }),
  );
}

async function crawlTarget(target: CrawlTarget, context: BatchContext): Promise<CrawlResult> {
  const { deps, options, fetcher, signal } = context;
  let url: string;
  try {
    url = normaliseUrl(target.url);
  } catch (err) {
    return failure(target.url, target.depth, err);
  }
  if (signal.aborted) {
    return failedResult(url, target.depth, abortedError(signal.reason));
  }
  try {
    const fetched = await fetcher.fetch({
      url,
      depth: target.depth,
      sinkFactory: deps.sinkFactory,
      captureBytes: (mediaType) => (isHtmlMediaType(mediaType) ? options.maxHtmlBytes : 0),
      signal,
    });
    return await fetchedResult(target, fetched, context);
  } catch (err) {
    return failure(url, target.depth, err);
  }
}

async function fetchedResult(
  target: CrawlTarget,
  fetched: FetchedBody,
  context: BatchContext,
): Promise<CrawlFetched> {
  const result: CrawlFetched = {
    outcome: 'fetched',
    url: fetched.url,
    depth: target.depth,
    finalUrl: fetched.finalUrl,
    redirects: fetched.redirects,
    status: fetched.status,
    mediaType: fetched.mediaType,
    size: fetched.size,
    sha256: fetched.sha256,
    bodyLocation: fetched.location,
    fetchedAt: new Date(fetched.fetchedAt).toISOString(),
    attempts: fetched.attempts,
    links: pageLinks(fetched, target.depth, context.job.scope),
  };
  const hints = (target.transcriptUrls ?? []).filter((hint) => isCrawlableUrl(hint));
  if (hints.length === 0) {
    return result;
  }
  const { transcript, failure: transcriptError } = await fetchTranscript(
    context.fetcher,
    hints.map((hint) => normaliseUrl(hint)),
    context.options.maxTranscriptBytes,
    context.signal,
  );
  return transcript === undefined
    ? { ...result, transcriptFailure: failureReason(transcriptError) }
    : { ...result, transcript };
}

function pageLinks(fetched: FetchedBody, depth: number, scope: CrawlScope): DiscoveredLink[] {
  if (!isHtmlMediaType(fetched.mediaType)) {
    return [];
  }
  const html = decodeText(fetched.captured, fetched.charset);
  return discoverLinks(extractPageLinks(html, fetched.finalUrl), scope, depth).filter(
    (link) => link.url !== fetched.url && link.url !== fetched.finalUrl,
  );
}

function decodeText(bytes: Buffer, charset: string | undefined): string {
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function failure(url: string, depth: number, err: unknown): CrawlResult {
  if (!isCrawlError(err)) {
    throw err;
  }
  return failedResult(url, depth, err);
}

/** One target per normalised URL, the first occurrence kept; invalid URLs kept as given. */
function distinctTargets(targets: readonly CrawlTarget[]): CrawlTarget[] {
  const seen = new Set<string>();
  return targets.filter((target) => {
    const key = isCrawlableUrl(target.url) ? normaliseUrl(target.url) : `invalid:${target.url}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}
