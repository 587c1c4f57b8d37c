/**
 * gCrawl's crawler core, without the ledger: URL normalisation, the job's scope and politeness
 * (JSON, validated), robots.txt, a polite fetcher, link and transcript extraction, and
 * `crawlBatch`, the work of one task. Time, sleep, randomness and the HTTP fetch function are
 * injected. See docs/gcrawl-crawler.md.
 */

export {
  CrawlError,
  crawlErrorCatalogue,
  isCrawlError,
  type CrawlErrorCode,
  type CrawlErrorDetails,
} from './crawl-error.js';
export {
  MAX_URL_LENGTH,
  hostOf,
  isCrawlableUrl,
  normalisePercentEncoding,
  normaliseUrl,
  originOf,
} from './url-normalisation.js';
export {
  CRAWL_SCOPE_DEFAULTS,
  MAX_CRAWL_DEPTH,
  isInScope,
  requireInScope,
  scopeAcceptsMediaType,
  scopeExclusion,
  validateCrawlScope,
  type CrawlScope,
  type ScopeExclusion,
} from './scope.js';
export {
  CRAWL_POLITENESS_DEFAULTS,
  validateCrawlPoliteness,
  type CrawlPoliteness,
} from './politeness.js';
export {
  FETCH_OPTION_DEFAULTS,
  productToken,
  validateFetchOptions,
  type FetchOptions,
} from './fetch-options.js';
export {
  DEFAULT_MEDIA_TYPE,
  isHtmlMediaType,
  isMediaRange,
  mediaRangeMatches,
  mediaTypeAllowed,
  parseContentType,
  type ContentType,
} from './media-type.js';
export {
  systemClock,
  systemRandom,
  systemSleep,
  type Clock,
  type RandomSource,
  type Sleep,
} from './clock.js';
export {
  newPolitenessScheduler,
  type AcquireOptions,
  type PolitenessScheduler,
  type PolitenessSchedulerDeps,
  type PolitenessSlot,
} from './politeness-scheduler.js';
export {
  ALLOW_ALL,
  DISALLOW_ALL,
  parseRobotsTxt,
  patternMatches,
  robotsAllows,
  robotsPolicyFor,
  type RobotsGroup,
  type RobotsPolicy,
  type RobotsRule,
  type RobotsTxt,
} from './robots-txt.js';
export {
  MAX_ROBOTS_BYTES,
  newRobotsCache,
  type RobotsCache,
  type RobotsCacheDeps,
  type RobotsStore,
  type RobotsStoreEntry,
} from './robots-cache.js';
export {
  newNodeHttpRequester,
  toCrawlNetworkError,
  type HttpRequest,
  type HttpRequester,
  type HttpResponse,
  type NodeHttpRequester,
  type NodeHttpRequesterOptions,
} from './http-requester.js';
export { backoffDelayMs, isRetryableStatus, parseRetryAfterMs } from './retry-policy.js';
export {
  newMemorySink,
  newTempFileSinkFactory,
  type BodySink,
  type BodySinkFactory,
  type BodySinkTarget,
  type MemorySink,
} from './body-sink.js';
export { streamBody, type BodyDigest, type StreamBodyOptions } from './body-stream.js';
export { newFetcher, type Fetcher, type FetcherDeps } from './fetcher.js';
export type { FetchedBody, FetchRequest } from './fetch-request.js';
export { receiveBody, type FinalHop } from './receive-body.js';
export {
  decodeCharacterReferences,
  htmlTags,
  type EndTag,
  type HtmlTag,
  type StartTag,
} from './html-tokenizer.js';
export {
  discoverLinks,
  extractPageLinks,
  srcsetUrls,
  type DiscoveredLink,
  type PageLink,
} from './links.js';
export { transcriptHints } from './transcript-hints.js';
export { parseWebVtt, webVttToText, type WebVttCue } from './webvtt.js';
export {
  TRANSCRIPT_MEDIA_TYPES,
  fetchTranscript,
  type Transcript,
  type TranscriptOutcome,
} from './transcripts.js';
export {
  failedResult,
  failureReason,
  type CrawlFailed,
  type CrawlFailureReason,
  type CrawlFetched,
  type CrawlResult,
  type CrawlTarget,
} from './crawl-result.js';
export {
  crawlBatch,
  type CrawlBatchDeps,
  type CrawlJobRules,
  type CrawlProgress,
} from './crawl-batch.js';
