/*
 * What the fetcher is asked for and what it gives back.
 */
import type { BodySinkFactory } from './body-sink.js';

/** One URL to fetch. */
export interface FetchRequest {
  /** A normalised URL. */
  readonly url: string;
  /** Its depth, checked against the scope at every hop. */
  readonly depth: number;
  /** Opens the sink the body streams into. */
  readonly sinkFactory: BodySinkFactory;
  /** Size limit in bytes (default: the scope's `maxBytes`). */
  readonly maxBytes?: number;
  /** Accepted media ranges (default: the scope's `mediaTypes`). */
  readonly mediaTypes?: readonly string[];
  /** Bytes of the body to keep in memory, by media type (default none). */
  readonly captureBytes?: (mediaType: string) => number;
  /** Stops waiting for a slot and retrying (a request in flight goes on). */
  readonly signal?: AbortSignal;
}

/** A body fetched and stored in its sink. */
export interface FetchedBody {
  /** The URL asked for. */
  readonly url: string;
  /** The URL that answered 2xx, after redirects (normalised). */
  readonly finalUrl: string;
  /** Every redirect target in order (the last is `finalUrl`); empty without redirects. */
  readonly redirects: readonly string[];
  readonly status: number;
  /** `type/subtype` of the Content-Type, lowercase. */
  readonly mediaType: string;
  readonly charset: string | undefined;
  readonly size: number;
  readonly sha256: string;
  /** Where the sink put the body. */
  readonly location: string;
  /** The start of the body, as asked for by `captureBytes`. */
  readonly captured: Buffer;
  /** When the response headers arrived (clock ms). */
  readonly fetchedAt: number;
  /** Requests sent for the first URL: 1 without retries. */
  readonly attempts: number;
}
