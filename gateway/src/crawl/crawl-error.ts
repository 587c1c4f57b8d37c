/*
 * The catalogue of crawler codes and the one error class of the crawler.
 *
 * The same codes serve two purposes: validators throw a CrawlError (invalid URL, scope,
 * politeness, options), and a URL that could not be crawled comes back from `crawlBatch` as a
 * failed result carrying one of these codes and whether trying again later may succeed. The
 * ledger stores the code, never English text, so the codes are stable.
 */
import { CodedError } from '../errors/coded-error.js';

/**
 * Every code a {@link CrawlError} or a failed crawl result may carry, whether a later attempt
 * may succeed (`retryable`, the default for a failed result with that code), and its meaning.
 */
export const crawlErrorCatalogue = {
  DEURO_CRAWL_INVALID_URL: {
    retryable: false,
    meaning: 'Not an absolute http(s) URL, a URL with credentials, or one too long to store.',
  },
  DEURO_CRAWL_INVALID_SCOPE: {
    retryable: false,
    meaning: 'A crawl scope failed validation; `field` names the offending field.',
  },
  DEURO_CRAWL_INVALID_POLITENESS: {
    retryable: false,
    meaning: 'Politeness options failed validation; `field` names the offending field.',
  },
  DEURO_CRAWL_INVALID_OPTIONS: {
    retryable: false,
    meaning: 'A fetcher or batch option failed validation; `field` names it.',
  },
  DEURO_CRAWL_OUT_OF_SCOPE: {
    retryable: false,
    meaning: 'The URL, or a redirect on the way, is outside the scope (host, path or depth).',
  },
  DEURO_CRAWL_ROBOTS_DISALLOWED: {
    retryable: false,
    meaning: "The host's robots.txt disallows the URL (or a redirect on the way) for us.",
  },
  DEURO_CRAWL_ROBOTS_UNAVAILABLE: {
    retryable: true,
    meaning: 'robots.txt answered 5xx or could not be reached, so the whole host is disallowed.',
  },
  DEURO_CRAWL_REDIRECT_LIMIT: {
    retryable: false,
    meaning: 'More redirects than allowed, a redirect loop, or a redirect without Location.',
  },
  DEURO_CRAWL_HTTP_STATUS: {
    retryable: false,
    meaning: 'A final status other than 2xx; retryable when it was 5xx or 429 after retries.',
  },
  DEURO_CRAWL_MEDIA_TYPE: {
    retryable: false,
    meaning: "The response's Content-Type is not one of the scope's media types.",
  },
  DEURO_CRAWL_TOO_LARGE: {
    retryable: false,
    meaning: 'The body is larger than the size limit (announced, or counted while streaming).',
  },
  DEURO_CRAWL_TIMEOUT: {
    retryable: true,
    meaning: 'Connecting, waiting for the response headers, or the body went idle too long.',
  },
  DEURO_CRAWL_NETWORK: {
    retryable: true,
    meaning: 'The connection failed (reset, refused, DNS); not retryable for unknown hosts.',
  },
  DEURO_CRAWL_TLS: {
    retryable: false,
    meaning: "The server's certificate was not trusted (unknown CA, wrong name, expired).",
  },
  DEURO_CRAWL_SINK_FAILED: {
    retryable: true,
    meaning: 'Writing the body where the caller asked (e.g. a temporary file) failed.',
  },
  DEURO_CRAWL_ABORTED: {
    retryable: true,
    meaning: 'The crawl was stopped (AbortSignal, e.g. SIGTERM) before or while fetching.',
  },
  DEURO_CRAWL_INVALID_TRANSCRIPT: {
    retryable: false,
    meaning: 'A transcript or caption file is not valid WebVTT or not text.',
  },
} as const satisfies Record<string, { retryable: boolean; meaning: string }>;

/** A stable crawler code from {@link crawlErrorCatalogue}. */
export type CrawlErrorCode = keyof typeof crawlErrorCatalogue;

/** Structured fields a {@link CrawlError} may carry besides its code. */
export interface CrawlErrorDetails {
  /** The URL concerned, when there is one. */
  readonly url?: string;
  /** The option or scope field concerned (for the `INVALID_*` codes). */
  readonly field?: string;
  /** The HTTP status concerned (for `DEURO_CRAWL_HTTP_STATUS`). */
  readonly status?: number;
  /** Overrides the catalogue's `retryable` for this occurrence. */
  readonly retryable?: boolean;
  /** The underlying error, such as a system error from `node:net`. */
  readonly cause?: unknown;
}

/** An error of the crawler: `CODE: detail`, with the URL or field concerned. */
export class CrawlError extends CodedError<CrawlErrorCode> {
  /** The URL concerned, when there is one. */
  readonly url: string | undefined;
  /** The option or scope field concerned, for validation errors. */
  readonly field: string | undefined;
  /** The HTTP status concerned, when there is one. */
  readonly status: number | undefined;
  /** Whether a later attempt may succeed. */
  readonly retryable: boolean;

  /**
   * @param code - A code from {@link crawlErrorCatalogue}.
   * @param detail - What went wrong, naming the URL, field or limit.
   * @param details - Structured fields and the underlying cause.
   */
  constructor(code: CrawlErrorCode, detail: string, details: CrawlErrorDetails = {}) {
    super(code, detail, details.cause);
    this.name = 'CrawlError';
    this.url = details.url;
    this.field = details.field;
    this.status = details.status;
    this.retryable = details.retryable ?? crawlErrorCatalogue[code].retryable;
  }
}

/**
 * Whether a value is a {@link CrawlError}, optionally with a given code.
 * @param value - Anything caught.
 * @param code - The code to match, if any.
 */
export function isCrawlError(value: unknown, code?: CrawlErrorCode): value is CrawlError {
  return value instanceof CrawlError && (code === undefined || value.code === code);
}

/** Throws `code` naming `field` unless `ok`; the small validator building block. */
export function requireField(
  ok: boolean,
  code:
    'DEURO_CRAWL_INVALID_SCOPE' | 'DEURO_CRAWL_INVALID_POLITENESS' | 'DEURO_CRAWL_INVALID_OPTIONS',
  field: string,
  rule: string,
): asserts ok {
  if (!ok) {
    throw new CrawlError(code, `${field} must be ${rule}`, { field });
  }
}
