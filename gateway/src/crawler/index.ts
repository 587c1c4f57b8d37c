/** The crawler worker (deuro crawler): gCrawl's jobs, crawled through a gateway. */
export { runCrawler, type CrawlerOptions, type CrawlerReport } from './crawler-worker';
export type { CrawlerApi, ContentUploadOutcome } from './crawler-api';
export { crawledAssetId, crawledAssetKind } from './crawled-asset';
export { completionOf } from './crawl-completion';
