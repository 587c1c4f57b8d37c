/*
 * Politeness of a crawl job: how hard a crawler may hit each host. JSON, stored on the ledger
 * with the job, validated by small pure functions like the scope.
 */
import { requireField } from './crawl-error.js';
import { isPlainObject, rejectUnknownFields, wholeNumber } from './json-validation.js';

/** How hard a crawler may hit each host. Every field is JSON. */
export interface CrawlPoliteness {
  /** Least time between the starts of two requests to one host, in ms. */
  readonly perHostDelayMs: number;
  /** Requests in flight to one host at most. */
  readonly perHostConcurrency: number;
  /** Requests in flight over all hosts at most. */
  readonly concurrency: number;
  /**
   * Cap on a robots.txt `Crawl-delay` (which raises the per-host delay of its host), in ms, so
   * that a huge value cannot stall a worker holding a task.
   */
  readonly maxCrawlDelayMs: number;
}

/** The defaults of every politeness field. */
export const CRAWL_POLITENESS_DEFAULTS = {
  perHostDelayMs: 1000,
  perHostConcurrency: 1,
  concurrency: 8,
  maxCrawlDelayMs: 60_000,
} as const satisfies CrawlPoliteness;

const FIELDS = new Set(Object.keys(CRAWL_POLITENESS_DEFAULTS));
const INVALID = 'DEURO_CRAWL_INVALID_POLITENESS';
const HOUR_MS = 3_600_000;

/**
 * Validate politeness options as read from JSON (`undefined` for all defaults) and fill in
 * defaults.
 * @throws CrawlError `DEURO_CRAWL_INVALID_POLITENESS` with `field` naming the first invalid
 * field (a value out of range, an unknown field, `perHostConcurrency` above `concurrency`).
 */
export function validateCrawlPoliteness(value: unknown = {}): CrawlPoliteness {
  requireField(isPlainObject(value), INVALID, 'politeness', 'an object');
  rejectUnknownFields(value, FIELDS, INVALID);
  const d = CRAWL_POLITENESS_DEFAULTS;
  const politeness: CrawlPoliteness = {
    perHostDelayMs: wholeNumber(
      value.perHostDelayMs ?? d.perHostDelayMs,
      'perHostDelayMs',
      0,
      HOUR_MS,
      INVALID,
    ),
    perHostConcurrency: wholeNumber(
      value.perHostConcurrency ?? d.perHostConcurrency,
      'perHostConcurrency',
      1,
      64,
      INVALID,
    ),
    concurrency: wholeNumber(value.concurrency ?? d.concurrency, 'concurrency', 1, 1024, INVALID),
    maxCrawlDelayMs: wholeNumber(
      value.maxCrawlDelayMs ?? d.maxCrawlDelayMs,
      'maxCrawlDelayMs',
      0,
      HOUR_MS,
      INVALID,
    ),
  };
  requireField(
    politeness.perHostConcurrency <= politeness.concurrency,
    INVALID,
    'perHostConcurrency',
    'at most concurrency',
  );
  return politeness;
}
