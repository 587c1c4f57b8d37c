/*
 * A fetcher wired for tests against the crawl site: validated scope, politeness and options,
 * virtual time (sleeps return at once and are recorded), a fixed jitter, and a temporary
 * folder for bodies.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newTempFileSinkFactory, type BodySinkFactory } from '../../crawl/body-sink.js';
import { validateFetchOptions, type FetchOptions } from '../../crawl/fetch-options.js';
import { newFetcher, type Fetcher } from '../../crawl/fetcher.js';
import { newNodeHttpRequester, type NodeHttpRequester } from '../../crawl/http-requester.js';
import { validateCrawlPoliteness } from '../../crawl/politeness.js';
import {
  newPolitenessScheduler,
  type PolitenessScheduler,
} from '../../crawl/politeness-scheduler.js';
import { newRobotsCache, type RobotsCache } from '../../crawl/robots-cache.js';
import { validateCrawlScope, type CrawlScope } from '../../crawl/scope.js';
import { newFakeTime, type FakeTime } from './fake-time.js';

/** What a test fetcher is made of. */
export interface TestFetcher {
  readonly fetcher: Fetcher;
  readonly scope: CrawlScope;
  readonly options: FetchOptions;
  readonly scheduler: PolitenessScheduler;
  readonly robots: RobotsCache;
  readonly requester: NodeHttpRequester;
  readonly time: FakeTime;
  /** Bodies go to files in this folder. */
  readonly dir: string;
  readonly sinkFactory: BodySinkFactory;
  /** The files left in `dir`. */
  files(): Promise<string[]>;
  close(): Promise<void>;
}

/** JSON of the parts, each validated as the crawler does. */
export interface TestFetcherSettings {
  readonly scope: unknown;
  readonly politeness?: unknown;
  readonly options?: Record<string, unknown>;
  readonly ca?: string;
}

/** Test defaults: short timeouts and backoff, no politeness delay, jitter fixed at 0.5. */
export const TEST_FETCH_OPTIONS = {
  connectTimeoutMs: 1000,
  responseTimeoutMs: 400,
  idleTimeoutMs: 400,
  retries: 2,
  retryBaseDelayMs: 100,
} as const;

/** A fetcher for tests. */
export async function newTestFetcher(settings: TestFetcherSettings): Promise<TestFetcher> {
  const time = newFakeTime();
  const scope = validateCrawlScope(settings.scope);
  const options = validateFetchOptions({ ...TEST_FETCH_OPTIONS, ...settings.options });
  const politeness = validateCrawlPoliteness(settings.politeness ?? { perHostDelayMs: 0 });
  const requester = newNodeHttpRequester({ ca: settings.ca });
  const scheduler = newPolitenessScheduler(politeness, time);
  const robots = newRobotsCache({
    requester: requester.request,
    scheduler,
    options,
    clock: time.clock,
  });
  const fetcher = newFetcher({
    scope,
    options,
    scheduler,
    robots,
    requester: requester.request,
    clock: time.clock,
    sleep: time.sleep,
    random: () => 0.5,
  });
  const dir = await mkdtemp(join(tmpdir(), 'deuro-crawl-test-'));
  return {
    fetcher,
    scope,
    options,
    scheduler,
    robots,
    requester,
    time,
    dir,
    sinkFactory: newTempFileSinkFactory(dir),
    files: () => readdir(dir),
    close: async () => {
      requester.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
