/**
 * The crawl test site (tests and benchmarks only): `startCrawlSite` serves a deterministic
 * generated web site with its expected-outcome manifest; `newFakeTime` gives crawler tests a
 * virtual clock. See docs/gcrawl-crawler.md.
 */

export {
  startCrawlSite,
  type CrawlSite,
  type CrawlSiteOptions,
  type CrawlSiteRequest,
} from './crawl-site.js';
export { manifestEntry, type CrawlSiteEntry, type CrawlSiteManifest } from './site-manifest.js';
export type { CrawlSiteBehaviour } from './site-routes.js';
export { BLOCKED_AGENT } from './site-plan.js';
export { newFakeTime, type FakeTime } from './fake-time.js';
export type { SpeechClip } from './site-pages.js';
