/*
 * robots.txt fetched once per origin (`scheme://host[:port]`, RFC 9309 §2.3) and cached; every
 * concurrent caller for one origin shares the one fetch.
 *
 * Outcomes (RFC 9309 §2.3.1): 2xx parses the body (its first 500 KiB); 4xx means no
 * robots.txt, everything allowed; more than five redirects also (§2.3.1.2: "unavailable");
 * 5xx, 429 (like 5xx: the server asks us to back off) and network failures mean everything
 * disallowed. Successes and 4xx are cached `robotsTtlMs`, disallow-all `robotsErrorTtlMs`.
 * Each robots.txt request takes a politeness slot like any other.
 */
import type { Readable } from 'node:stream';
import { systemClock, type Clock } from './clock.js';
import type { CrawlError } from './crawl-error.js';
import type { FetchOptions } from './fetch-options.js';
import { productToken } from './fetch-options.js';
import { toCrawlNetworkError, type HttpRequester, type HttpResponse } from './http-requester.js';
import type { PolitenessScheduler } from './politeness-scheduler.js';
import {
  ALLOW_ALL,
  DISALLOW_ALL,
  parseRobotsTxt,
  robotsPolicyFor,
  type RobotsPolicy,
} from './robots-txt.js';
import { hostOf, normaliseUrl } from './url-normalisation.js';

/** The most of a robots.txt that is read (RFC 9309 §2.5: at least 500 KiB). */
export const MAX_ROBOTS_BYTES = 500 * 1024;
const MAX_ROBOTS_REDIRECTS = 5;

/** The robots.txt policy of each origin, fetched once. */
export interface RobotsCache {
  /**
   * The policy for our user-agent on `origin` (e.g. `https://example.com:8443`).
   * @throws CrawlError `DEURO_CRAWL_ABORTED` when `signal` aborts (nothing is cached then).
   */
  policyFor(origin: string, signal?: AbortSignal): Promise<RobotsPolicy>;
}

/** Dependencies of {@link newRobotsCache}. */
export interface RobotsCacheDeps {
  readonly requester: HttpRequester;
  readonly scheduler: PolitenessScheduler;
  readonly options: FetchOptions;
  readonly clock?: Clock;
  /** Aborts robots.txt requests in flight (the crawl's hard stop). */
  readonly inFlightSignal?: AbortSignal;
  /**
   * Where policies are kept: pass the same store to successive caches (one per batch) so
   * that a crawler process fetches each robots.txt once. A new store by default.
   */
  readonly store?: RobotsStore;
}

/** A cached robots.txt policy. */
export interface RobotsStoreEntry {
  readonly policy: Promise<RobotsPolicy>;
  /** Clock ms after which it is fetched again (Infinity while the fetch runs). */
  expiresAt: number;
}

/** Cached policies by origin; create one with `new Map()`. */
export type RobotsStore = Map<string, RobotsStoreEntry>;

class Cache implements RobotsCache {
  readonly #deps: RobotsCacheDeps;
  readonly #clock: Clock;
  readonly #entries: RobotsStore;

  constructor(deps: RobotsCacheDeps) {
    this.#deps = deps;
    this.#clock = deps.clock ?? systemClock;
    this.#entries = deps.store ?? new Map<string, RobotsStoreEntry>();
  }

  policyFor(origin: string, signal?: AbortSignal): Promise<RobotsPolicy> {
    const cached = this.#entries.get(origin);
    if (cached !== undefined && cached.expiresAt > this.#clock()) {
      return cached.policy;
    }
    const entry: RobotsStoreEntry = {
      policy: this.#fetchPolicy(origin, signal),
      expiresAt: Infinity,
    };
    this.#entries.set(origin, entry);
    entry.policy.then(
      (policy) => {
        const ttl = policy.unavailable
          ? this.#deps.options.robotsErrorTtlMs
          : this.#deps.options.robotsTtlMs;
        entry.expiresAt = this.#clock() + ttl;
      },
      () => {
        if (this.#entries.get(origin) === entry) {
          this.#entries.delete(origin);
        }
      },
    );
    return entry.policy;
  }

  async #fetchPolicy(origin: string, signal: AbortSignal | undefined): Promise<RobotsPolicy> {
    let url = `${origin}/robots.txt`;
    for (let hop = 0; hop <= MAX_ROBOTS_REDIRECTS; hop++) {
      const answer = await this.#get(url, signal);
      if ('failure' in answer) {
        return {
          ...DISALLOW_ALL,
          unavailableReason: answer.failure.detail,
          unavailableCode: answer.failure.code,
        };
      }
      const next = redirectTarget(answer, url);
      if (next === undefined) {
        return this.#policyOf(answer);
      }
      url = next;
    }
    return ALLOW_ALL;
  }

  /** The status, Location and text of robots.txt, or why it could not be fetched. */
  async #get(
    url: string,
    signal: AbortSignal | undefined,
  ): Promise<RobotsAnswer | { failure: CrawlError }> {
    const { options, requester, scheduler } = this.#deps;
    const slot = await scheduler.acquire(hostOf(url), { signal });
    try {
      const response = await requester({
        url,
        headers: { 'user-agent': options.userAgent, accept: 'text/plain, */*' },
        connectTimeoutMs: options.connectTimeoutMs,
        responseTimeoutMs: options.responseTimeoutMs,
        idleTimeoutMs: options.idleTimeoutMs,
        signal: this.#deps.inFlightSignal,
      });
      return {
        status: response.status,
        location: response.headers.location,
        text: await readText(response),
      };
    } catch (err) {
      const failure = toCrawlNetworkError(err, url);
      if (failure.code === 'DEURO_CRAWL_ABORTED') {
        throw failure;
      }
      return { failure };
    } finally {
      slot.release();
    }
  }

  #policyOf(answer: RobotsAnswer): RobotsPolicy {
    if (answer.text !== undefined) {
      return robotsPolicyFor(
        parseRobotsTxt(answer.text),
        productToken(this.#deps.options.userAgent),
      );
    }
    if (answer.status >= 400 && answer.status < 500 && answer.status !== 429) {
      return ALLOW_ALL;
    }
    return {
      ...DISALLOW_ALL,
      unavailableReason: `robots.txt answered ${String(answer.status)}`,
      unavailableCode: 'DEURO_CRAWL_HTTP_STATUS',
    };
  }
}

interface RobotsAnswer {
  readonly status: number;
  readonly location: string | undefined;
  /** The body of a 2xx answer. */
  readonly text: string | undefined;
}

/** The next URL of a redirect answer, or `undefined` when it is not one. */
function redirectTarget(answer: RobotsAnswer, url: string): string | undefined {
  if (![301, 302, 303, 307, 308].includes(answer.status) || answer.location === undefined) {
    return undefined;
  }
  try {
    return normaliseUrl(answer.location, url);
  } catch {
    return undefined;
  }
}

/** The first {@link MAX_ROBOTS_BYTES} of a 2xx body as UTF-8 text (the rest is not read). */
async function readText(response: HttpResponse): Promise<string | undefined> {
  const body: Readable = response.body;
  if (response.status < 200 || response.status >= 300) {
    body.destroy();
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= MAX_ROBOTS_BYTES) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, MAX_ROBOTS_BYTES).toString('utf8');
}

/**
 * A robots.txt cache fetching through `deps.requester`, each request under a politeness slot.
 */
export function newRobotsCache(deps: RobotsCacheDeps): RobotsCache {
  return new Cache(deps);
}
