/*
 * What `crawlBatch` reports for each URL: everything the ledger registers as `CrawledData`
 * for a fetched one, or a coded failure saying whether it is worth trying again.
 */
import type { CrawlError, CrawlErrorCode } from './crawl-error.js';
import type { DiscoveredLink } from './links.js';
import type { Transcript } from './transcripts.js';

/** One URL of a task, as the ledger hands it to a crawler. */
export interface CrawlTarget {
  /** The URL (normalised here; an invalid one fails with `DEURO_CRAWL_INVALID_URL`). */
  readonly url: string;
  /** Links followed from a seed (seeds are 0). */
  readonly depth: number;
  /** For a media file, its transcripts or captions found on the linking page, best first. */
  readonly transcriptUrls?: readonly string[];
}

/** A URL fetched and stored. */
export interface CrawlFetched {
  readonly outcome: 'fetched';
  /** The normalised URL of the target. */
  readonly url: string;
  readonly depth: number;
  /** The URL that answered, after redirects (normalised). */
  readonly finalUrl: string;
  /** Redirect targets in order; empty without redirects. */
  readonly redirects: readonly string[];
  /** The final HTTP status (2xx). */
  readonly status: number;
  /** `type/subtype` of the response, lowercase. */
  readonly mediaType: string;
  /** Body size in bytes. */
  readonly size: number;
  /** SHA-256 of the body, lowercase hex: equal bodies under different URLs share it. */
  readonly sha256: string;
  /** Where the body sink put the body (e.g. a temporary file path). */
  readonly bodyLocation: string;
  /** When the response arrived, ISO 8601 UTC. */
  readonly fetchedAt: string;
  /** Requests sent for this URL including retries (not counting redirects). */
  readonly attempts: number;
  /** The transcript or captions that came with a media file, as plain text. */
  readonly transcript?: Transcript;
  /** Why the transcript candidates could not be read, when none could. */
  readonly transcriptFailure?: CrawlFailureReason;
  /** In-scope links of an HTML page at depth + 1, each once. */
  readonly links: readonly DiscoveredLink[];
}

/** A coded reason. */
export interface CrawlFailureReason {
  readonly code: CrawlErrorCode;
  /** Whether a later attempt (another task, later) may succeed. */
  readonly retryable: boolean;
  /** The message without its code; names the URL or hop concerned. */
  readonly detail: string;
  /** The HTTP status, for `DEURO_CRAWL_HTTP_STATUS`. */
  readonly status?: number;
}

/** A URL that could not be crawled. */
export interface CrawlFailed extends CrawlFailureReason {
  readonly outcome: 'failed';
  /** The normalised URL of the target (as given when it did not normalise). */
  readonly url: string;
  readonly depth: number;
}

/** The result for one URL. */
export type CrawlResult = CrawlFetched | CrawlFailed;

/** The reason of a CrawlError. */
export function failureReason(error: CrawlError): CrawlFailureReason {
  return error.status === undefined
    ? { code: error.code, retryable: error.retryable, detail: error.detail }
    : { code: error.code, retryable: error.retryable, detail: error.detail, status: error.status };
}

/** A failed result for a target. */
export function failedResult(url: string, depth: number, error: CrawlError): CrawlFailed {
  return { outcome: 'failed', url, depth, ...failureReason(error) };
}
