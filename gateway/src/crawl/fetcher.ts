/*
 * Fetches one URL the way a polite crawler must: every hop (the URL, then each redirect) is
 * checked against the scope and the host's robots.txt and sent under a politeness slot; a
 * 2xx body must have an allowed media type and fit the size limit (announced, then counted
 * while streaming into the caller's sink, SHA-256 computed on the way); network errors,
 * timeouts, 5xx and 429 are retried with exponential backoff and jitter, Retry-After as a
 * floor. A retry starts again from the first URL.
 */
import {
  abortedError,
  systemClock,
  systemRandom,
  systemSleep,
  type Clock,
  type RandomSource,
  type Sleep,
} from './clock.js';
import { CrawlError, type CrawlErrorCode } from './crawl-error.js';
import type { FetchOptions } from './fetch-options.js';
import type { FetchedBody, FetchRequest } from './fetch-request.js';
import { toCrawlNetworkError, type HttpRequester, type HttpResponse } from './http-requester.js';
import type { PolitenessScheduler, PolitenessSlot } from './politeness-scheduler.js';
import { backoffDelayMs, isRetryableStatus, parseRetryAfterMs } from './retry-policy.js';
import { receiveBody } from './receive-body.js';
import type { RobotsCache } from './robots-cache.js';
import { robotsAllows, type RobotsPolicy } from './robots-txt.js';
import { requireInScope, type CrawlScope } from './scope.js';
import { hostOf, normaliseUrl, originOf } from './url-normalisation.js';

/** Fetches URLs politely. */
export interface Fetcher {
  /**
   * Fetch one URL into a sink.
   * @throws CrawlError with the failure's code (see crawlErrorCatalogue), `retryable` set.
   */
  fetch(request: FetchRequest): Promise<FetchedBody>;
}

/** What the fetcher needs. */
export interface FetcherDeps {
  readonly scope: CrawlScope;
  readonly options: FetchOptions;
  readonly scheduler: PolitenessScheduler;
  readonly robots: RobotsCache;
  readonly requester: HttpRequester;
  readonly clock?: Clock;
  readonly sleep?: Sleep;
  readonly random?: RandomSource;
  /** Aborts requests in flight (the hard stop); `FetchRequest.signal` is the soft one. */
  readonly inFlightSignal?: AbortSignal;
}

type ChainOutcome =
  | { readonly kind: 'fetched'; readonly body: Omit<FetchedBody, 'attempts'> }
  | { readonly kind: 'status'; readonly error: CrawlError; readonly retryAfterMs?: number };

interface Hop {
  readonly url: string;
  readonly response: HttpResponse;
  readonly slot: PolitenessSlot;
}

const RETRIED = new Set<CrawlErrorCode>([
  'DEURO_CRAWL_TIMEOUT',
  'DEURO_CRAWL_NETWORK',
  'DEURO_CRAWL_HTTP_STATUS',
]);
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

class PoliteFetcher implements Fetcher {
  readonly #deps: FetcherDeps;
  readonly #clock: Clock;
  readonly #sleep: Sleep;
  readonly #random: RandomSource;

  constructor(deps: FetcherDeps) {
    this.#deps = deps;
    this.#clock = deps.clock ?? systemClock;
    this.#sleep = deps.sleep ?? systemSleep;
    this.#random = deps.random ?? systemRandom;
  }

  async fetch(request: FetchRequest): Promise<FetchedBody> {
    for (let attempt = 1; ; attempt++) {
      let failure: CrawlError;
      let retryAfterMs: number | undefined;
      try {
        const outcome = await this.#followRedirects(request);
        if (outcome.kind === 'fetched') {
          return { ...outcome.body, attempts: attempt };
        }
        ({ error: failure, retryAfterMs } = outcome);
      } catch (err) {
        failure = this.#asCrawlError(err, request.url);
      }
      const wait = this.#retryWait(failure, attempt, retryAfterMs);
      if (wait === undefined) {
        throw failure;
      }
      await this.#sleep(wait, request.signal);
    }
  }

  #retryWait(error: CrawlError, attempt: number, retryAfterMs?: number): number | undefined {
    const { options } = this.#deps;
    if (!RETRIED.has(error.code) || !error.retryable || attempt > options.retries) {
      return undefined;
    }
    if (retryAfterMs !== undefined && retryAfterMs > options.maxRetryAfterMs) {
      return undefined;
    }
    return Math.max(backoffDelayMs(options, attempt, this.#random), retryAfterMs ?? 0);
  }

  /** A connection cut by the hard stop shows as a reset: report it as aborted. */
  #asCrawlError(err: unknown, url: string): CrawlError {
    const error = toCrawlNetworkError(err, url);
    const cut = error.code === 'DEURO_CRAWL_NETWORK' || error.code === 'DEURO_CRAWL_TIMEOUT';
    return cut && this.#deps.inFlightSignal?.aborted === true ? abortedError(err) : error;
  }

  async #followRedirects(request: FetchRequest): Promise<ChainOutcome> {
    const redirects: string[] = [];
    let url = request.url;
    for (;;) {
      const hop = await this.#send(url, request);
      try {
        const next = this.#nextHop(hop, [request.url, ...redirects]);
        if (next === undefined) {
          return await this.#finalResponse(hop, request, redirects);
        }
        redirects.push(next);
        url = next;
      } finally {
        hop.slot.release();
      }
    }
  }

  async #send(url: string, request: FetchRequest): Promise<Hop> {
    const { scope, robots, scheduler, options, requester } = this.#deps;
    requireInScope(scope, url, request.depth);
    const policy = await robots.policyFor(originOf(url), request.signal);
    const { pathname, search } = new URL(url);
    if (!robotsAllows(policy, `${pathname}${search}`)) {
      throw robotsRefusal(policy, url);
    }
    const slot = await scheduler.acquire(hostOf(url), {
      minDelayMs: policy.crawlDelayMs,
      signal: request.signal,
    });
    try {
      const response = await requester({
        url,
        headers: { 'user-agent': options.userAgent, accept: '*/*' },
        connectTimeoutMs: options.connectTimeoutMs,
        responseTimeoutMs: options.responseTimeoutMs,
        idleTimeoutMs: options.idleTimeoutMs,
        signal: this.#deps.inFlightSignal,
      });
      return { url, response, slot };
    } catch (err) {
      slot.release();
      throw err;
    }
  }

  /** The redirect target of a hop, or `undefined` when it is not a redirect. */
  #nextHop(hop: Hop, visited: readonly string[]): string | undefined {
    const { status, headers, body } = hop.response;
    if (!REDIRECT_STATUSES.has(status)) {
      return undefined;
    }
    body.destroy();
    const location = headers.location;
    if (location === undefined || location.trim() === '') {
      throw redirectLimit(hop.url, `HTTP ${String(status)} without Location`);
    }
    const next = normaliseUrl(location, hop.url);
    if (visited.includes(next)) {
      throw redirectLimit(hop.url, `redirect loop back to ${next}`);
    }
    if (visited.length > this.#deps.options.maxRedirects) {
      throw redirectLimit(
        hop.url,
        `more than ${String(this.#deps.options.maxRedirects)} redirects`,
      );
    }
    return next;
  }

  async #finalResponse(
    hop: Hop,
    request: FetchRequest,
    redirects: readonly string[],
  ): Promise<ChainOutcome> {
    const { url, response } = hop;
    const { status, headers, body } = response;
    if (status < 200 || status >= 300) {
      body.destroy();
      const error = new CrawlError('DEURO_CRAWL_HTTP_STATUS', `${url} answered ${String(status)}`, {
        url,
        status,
        retryable: isRetryableStatus(status),
      });
      return {
        kind: 'status',
        error,
        retryAfterMs: parseRetryAfterMs(headers['retry-after'], this.#clock()),
      };
    }
    return {
      kind: 'fetched',
      body: await receiveBody(hop, request, redirects, this.#deps.scope, this.#clock()),
    };
  }
}

function robotsRefusal(policy: RobotsPolicy, url: string): CrawlError {
  if (!policy.unavailable) {
    return new CrawlError('DEURO_CRAWL_ROBOTS_DISALLOWED', `robots.txt disallows ${url}`, { url });
  }
  const code =
    policy.unavailableCode === 'DEURO_CRAWL_TLS'
      ? 'DEURO_CRAWL_TLS'
      : 'DEURO_CRAWL_ROBOTS_UNAVAILABLE';
  const reason = policy.unavailableReason ?? `${originOf(url)}/robots.txt is unavailable`;
  return new CrawlError(code, `${url} not fetched: ${reason}`, { url });
}

function redirectLimit(url: string, why: string): CrawlError {
  return new CrawlError('DEURO_CRAWL_REDIRECT_LIMIT', `${url}: ${why}`, { url });
}

/**
 * A fetcher with the given scope, options, scheduler, robots cache and requester.
 */
export function newFetcher(deps: FetcherDeps): Fetcher {
  return new PoliteFetcher(deps);
}
