/*
 * The fetcher's options: identity, timeouts, redirects, retries and the small-body limits.
 * Local to a crawler process (not stored on the ledger), validated at the boundary like the
 * scope, with `DEURO_CRAWL_INVALID_OPTIONS` naming the field.
 */
import { requireField } from './crawl-error.js';
import { isPlainObject, rejectUnknownFields, wholeNumber } from './json-validation.js';

/** How the crawler fetches. */
export interface FetchOptions {
  /** The User-Agent header; its product token (before `/`) selects our robots.txt group. */
  readonly userAgent: string;
  /** New connection to connected (TLS handshake included), in ms. */
  readonly connectTimeoutMs: number;
  /** Request sent to response headers, in ms. */
  readonly responseTimeoutMs: number;
  /** Longest pause between two body chunks, in ms. */
  readonly idleTimeoutMs: number;
  /** Redirects followed per fetch at most. */
  readonly maxRedirects: number;
  /** Retries after a network error, timeout, 5xx or 429 (attempts = retries + 1). */
  readonly retries: number;
  /** Backoff before the first retry, doubling for each further one, in ms. */
  readonly retryBaseDelayMs: number;
  /** Cap of the exponential backoff, in ms. */
  readonly retryMaxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the URL fails, retryable, in ms. */
  readonly maxRetryAfterMs: number;
  /** Size limit of a transcript or caption file, in bytes. */
  readonly maxTranscriptBytes: number;
  /** Bytes of an HTML page kept in memory for link extraction. */
  readonly maxHtmlBytes: number;
  /** How long a fetched robots.txt (2xx or 4xx) is cached, in ms. */
  readonly robotsTtlMs: number;
  /** How long an unavailable robots.txt (5xx, unreachable) is cached, in ms. */
  readonly robotsErrorTtlMs: number;
}

/** The defaults of every fetch option. */
export const FETCH_OPTION_DEFAULTS = {
  userAgent: 'DeuroCrawler/0.1',
  connectTimeoutMs: 10_000,
  responseTimeoutMs: 30_000,
  idleTimeoutMs: 30_000,
  maxRedirects: 5,
  retries: 3,
  retryBaseDelayMs: 500,
  retryMaxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
  maxTranscriptBytes: 1024 * 1024,
  maxHtmlBytes: 4 * 1024 * 1024,
  robotsTtlMs: 24 * 3_600_000,
  robotsErrorTtlMs: 60_000,
} as const satisfies FetchOptions;

const INVALID = 'DEURO_CRAWL_INVALID_OPTIONS';
const DAY_MS = 24 * 3_600_000;
const NUMBER_RANGES: Record<Exclude<keyof FetchOptions, 'userAgent'>, [number, number]> = {
  connectTimeoutMs: [1, DAY_MS],
  responseTimeoutMs: [1, DAY_MS],
  idleTimeoutMs: [1, DAY_MS],
  maxRedirects: [0, 20],
  retries: [0, 20],
  retryBaseDelayMs: [0, DAY_MS],
  retryMaxDelayMs: [0, DAY_MS],
  maxRetryAfterMs: [0, DAY_MS],
  maxTranscriptBytes: [1, 64 * 1024 * 1024],
  maxHtmlBytes: [0, 256 * 1024 * 1024],
  robotsTtlMs: [0, 7 * DAY_MS],
  robotsErrorTtlMs: [0, 7 * DAY_MS],
};
const FIELDS = new Set(Object.keys(FETCH_OPTION_DEFAULTS));
const USER_AGENT = /^[A-Za-z_-]+(?:\/[\x21-\x7e]*)?(?: [\x20-\x7e]*)?$/;

/**
 * Validate fetch options (`undefined` for all defaults) and fill in defaults.
 * @throws CrawlError `DEURO_CRAWL_INVALID_OPTIONS` naming the first invalid field.
 */
export function validateFetchOptions(value: unknown = {}): FetchOptions {
  requireField(isPlainObject(value), INVALID, 'options', 'an object');
  rejectUnknownFields(value, FIELDS, INVALID);
  const userAgent = value.userAgent ?? FETCH_OPTION_DEFAULTS.userAgent;
  requireField(
    typeof userAgent === 'string' && userAgent.length <= 512 && USER_AGENT.test(userAgent),
    INVALID,
    'userAgent',
    'a product token of letters, _ and - , optionally /version and comments',
  );
  const options: Record<string, unknown> = { userAgent };
  for (const [field, [min, max]] of Object.entries(NUMBER_RANGES)) {
    const given = value[field] ?? FETCH_OPTION_DEFAULTS[field as keyof typeof NUMBER_RANGES];
    options[field] = wholeNumber(given, field, min, max, INVALID);
  }
  return options as unknown as FetchOptions;
}

/** The robots.txt product token of a User-Agent: `DeuroCrawler` of `DeuroCrawler/0.1`. */
export function productToken(userAgent: string): string {
  return /^[A-Za-z_-]+/.exec(userAgent)?.[0] ?? userAgent;
}
