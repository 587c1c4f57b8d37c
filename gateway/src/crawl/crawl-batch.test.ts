import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  manifestEntry,
  newFakeTime,
  startCrawlSite,
  type CrawlSite,
  type CrawlSiteEntry,
  type CrawlSiteManifest,
} from '../testing/crawl-site/index.js';
import { TEST_FETCH_OPTIONS } from '../testing/crawl-site/test-fetcher.js';
import { newTempFileSinkFactory } from './body-sink.js';
import { crawlBatch, type CrawlBatchDeps, type CrawlProgress } from './crawl-batch.js';
import { isCrawlError, type CrawlErrorCode } from './crawl-error.js';
import type { CrawlFetched, CrawlResult, CrawlTarget } from './crawl-result.js';
import { validateCrawlPoliteness } from './politeness.js';
import type { RobotsStore } from './robots-cache.js';
import { validateCrawlScope } from './scope.js';

const MAX_DEPTH = 4;

/** What the manifest says a crawl must report for an entry. */
type Expected = { fetched: string } | { failed: CrawlErrorCode };

const FAILURES: Partial<Record<CrawlSiteEntry['behaviour'], CrawlErrorCode>> = {
  'robots-excluded': 'DEURO_CRAWL_ROBOTS_DISALLOWED',
  'server-error': 'DEURO_CRAWL_HTTP_STATUS',
  'not-found': 'DEURO_CRAWL_HTTP_STATUS',
  reset: 'DEURO_CRAWL_NETWORK',
  slow: 'DEURO_CRAWL_TIMEOUT',
  stall: 'DEURO_CRAWL_TIMEOUT',
  large: 'DEURO_CRAWL_TOO_LARGE',
};

function expectedOutcome(manifest: CrawlSiteManifest, start: CrawlSiteEntry): Expected {
  const visited = new Set<string>();
  let entry: CrawlSiteEntry = start;
  while (entry.behaviour === 'redirect') {
    visited.add(entry.url);
    const next: string = entry.redirectTo ?? '';
    if (visited.has(next) || visited.size > 5) {
      return { failed: 'DEURO_CRAWL_REDIRECT_LIMIT' };
    }
    const hop = manifestEntry(manifest, next);
    if (hop === undefined) {
      return { failed: 'DEURO_CRAWL_OUT_OF_SCOPE' };
    }
    entry = hop;
  }
  const failed = FAILURES[entry.behaviour];
  return failed === undefined ? { fetched: entry.url } : { failed };
}

/** Crawl breadth-first from the root, one batch per depth, as a ledger would hand out tasks. */
async function crawlSite(
  site: CrawlSite,
  deps: Omit<CrawlBatchDeps, 'sinkFactory'> & { sinkFactory: CrawlBatchDeps['sinkFactory'] },
): Promise<{ results: CrawlResult[]; progress: CrawlProgress[] }> {
  const job = {
    scope: validateCrawlScope({ hosts: ['127.0.0.1'], maxDepth: MAX_DEPTH, maxBytes: 100_000 }),
    politeness: validateCrawlPoliteness({
      perHostDelayMs: 0,
      perHostConcurrency: 4,
      concurrency: 4,
    }),
  };
  const progress: CrawlProgress[] = [];
  const results: CrawlResult[] = [];
  const seen = new Set<string>([site.url]);
  let frontier: CrawlTarget[] = [{ url: site.url, depth: 0 }];
  while (frontier.length > 0) {
    const batch = await crawlBatch(frontier, job, {
      ...deps,
      onProgress: (event) => progress.push(event),
    });
    results.push(...batch);
    frontier = batch
      .flatMap((result) => (result.outcome === 'fetched' ? result.links : []))
      .filter((link) => !seen.has(link.url) && seen.add(link.url));
  }
  return { results, progress };
}

describe('crawlBatch over the whole crawl site', () => {
  let site: CrawlSite;
  let dir: string;
  let results: CrawlResult[];
  let progress: CrawlProgress[];
  const byUrl = new Map<string, CrawlResult>();

  before(async () => {
    site = await startCrawlSite({ pages: 60, slowMs: 1500, largeBytes: 200_000 });
    dir = await mkdtemp(join(tmpdir(), 'deuro-crawl-batch-'));
    const time = newFakeTime();
    const robotsStore: RobotsStore = new Map();
    ({ results, progress } = await crawlSite(site, {
      sinkFactory: newTempFileSinkFactory(dir),
      fetchOptions: TEST_FETCH_OPTIONS,
      clock: time.clock,
      sleep: time.sleep,
      random: () => 0.5,
      robotsStore,
    }));
    for (const result of results) {
      byUrl.set(result.url, result);
    }
  });
  after(async () => {
    await site.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reports every URL the manifest puts within maxDepth, and nothing else', () => {
    const expected = site.manifest.entries
      .filter((entry) => entry.depth !== undefined && entry.depth <= MAX_DEPTH)
      .map((entry) => entry.url)
      .sort();
    assert.deepEqual([...byUrl.keys()].sort(), expected);
    assert.equal(results.length, byUrl.size, 'each URL once');
    for (const result of results) {
      assert.equal(result.depth, manifestEntry(site.manifest, result.url)?.depth, result.url);
    }
  });

  it('fetches or fails each URL as the manifest says', () => {
    for (const result of results) {
      const entry = manifestEntry(site.manifest, result.url);
      assert.ok(entry);
      const expected = expectedOutcome(site.manifest, entry);
      if ('fetched' in expected) {
        assert.equal(result.outcome, 'fetched', `${result.url}: ${JSON.stringify(result)}`);
        const final = manifestEntry(site.manifest, expected.fetched);
        assert.equal(result.finalUrl, expected.fetched);
        assert.equal(result.sha256, final?.sha256, result.url);
        assert.equal(result.size, final?.size, result.url);
        assert.equal(result.mediaType, final?.mediaType, result.url);
      } else {
        assert.equal(result.outcome, 'failed', result.url);
        assert.equal(result.code, expected.failed, `${result.url}: ${result.detail}`);
      }
    }
    const codes = new Set(results.map((r) => (r.outcome === 'failed' ? r.code : 'fetched')));
    assert.ok(codes.size >= 8, `a varied crawl: ${[...codes].join(', ')}`);
  });

  it('never asks for robots-excluded URLs or links hidden in comments and scripts', () => {
    const asked = new Set(site.requests().map((request) => `${site.origin}${request.path}`));
    for (const url of [...site.manifest.robotsExcluded, ...site.manifest.neverLinked]) {
      assert.ok(!asked.has(url), url);
    }
    assert.equal(
      site.requests().filter((request) => request.path === '/robots.txt').length,
      1,
      'robots.txt once over all batches (shared robotsStore)',
    );
  });

  it('finds the duplicate groups of the manifest by hash', () => {
    const fetched = results.filter((r): r is CrawlFetched => r.outcome === 'fetched');
    const finals = new Map<string, Set<string>>();
    for (const result of fetched) {
      finals.set(result.sha256, (finals.get(result.sha256) ?? new Set()).add(result.finalUrl));
    }
    const found = [...finals.values()]
      .filter((group) => group.size > 1)
      .map((group) => [...group].sort())
      .sort();
    const fetchedUrls = new Set(fetched.map((result) => result.finalUrl));
    const expected = site.manifest.duplicateGroups
      .map((group) => group.filter((url) => fetchedUrls.has(url)))
      .filter((group) => group.length > 1)
      .sort();
    assert.deepEqual(found, expected);
    assert.ok(found.length >= 2, 'mirrors and copies were reached');
  });

  it('brings the transcript of each clip', () => {
    const clips = results.filter(
      (r): r is CrawlFetched =>
        r.outcome === 'fetched' && manifestEntry(site.manifest, r.url)?.transcript !== undefined,
    );
    assert.ok(clips.length >= 3);
    for (const clip of clips) {
      const expected = manifestEntry(site.manifest, clip.url)?.transcript;
      assert.equal(clip.transcript?.text, expected?.text, clip.url);
      assert.equal(clip.transcript?.url, expected?.url);
      assert.equal(clip.transcriptFailure, undefined);
    }
  });

  it('stores every fetched body, one file each', async () => {
    const fetched = results.filter((r): r is CrawlFetched => r.outcome === 'fetched');
    const files = await readdir(dir);
    assert.equal(files.length, fetched.length);
    assert.deepEqual(
      new Set(fetched.map((result) => result.bodyLocation.split('/').at(-1))),
      new Set(files),
    );
  });

  it('reports progress after each URL', () => {
    assert.equal(progress.length, results.length);
    const root = progress[0];
    assert.deepEqual([root?.completed, root?.total], [1, 1]);
    assert.ok(progress.every((event) => event.completed <= event.total));
  });
});

describe('crawlBatch inputs and stopping', () => {
  let site: CrawlSite;
  let dir: string;
  before(async () => {
    site = await startCrawlSite({ pages: 20, slowMs: 1000 });
    dir = await mkdtemp(join(tmpdir(), 'deuro-crawl-batch-'));
  });
  after(async () => {
    await site.close();
    await rm(dir, { recursive: true, force: true });
  });

  const job = (politeness: unknown = { perHostDelayMs: 0 }): Parameters<typeof crawlBatch>[1] => ({
    scope: validateCrawlScope({ hosts: ['127.0.0.1'] }),
    politeness: validateCrawlPoliteness(politeness),
  });

  it('reports each distinct URL once and fails invalid ones as given', async () => {
    const results = await crawlBatch(
      [
        { url: `${site.origin}/pages/1.html`, depth: 1 },
        { url: `${site.origin}/pages/./1.html#again`, depth: 2 },
        { url: 'mailto:someone@example.invalid', depth: 1 },
        { url: 'http://other.example/', depth: 1 },
      ],
      job(),
      { sinkFactory: newTempFileSinkFactory(dir) },
    );
    assert.deepEqual(
      results.map((r) => [r.url, r.depth, r.outcome === 'failed' ? r.code : r.outcome]),
      [
        [`${site.origin}/pages/1.html`, 1, 'fetched'],
        ['mailto:someone@example.invalid', 1, 'DEURO_CRAWL_INVALID_URL'],
        ['http://other.example/', 1, 'DEURO_CRAWL_OUT_OF_SCOPE'],
      ],
    );
    await assert.rejects(
      crawlBatch([{ url: site.url, depth: -1 }], job(), {
        sinkFactory: newTempFileSinkFactory(dir),
      }),
      (err: unknown) =>
        isCrawlError(err, 'DEURO_CRAWL_INVALID_OPTIONS') && err.field === 'targets[0].depth',
    );
  });

  it('spaces requests to a host by the job politeness, on the injected clock', async () => {
    const time = newFakeTime();
    const targets = [1, 2, 3, 4, 5].map((i) => ({
      url: `${site.origin}/pages/${String(i)}.html`,
      depth: 1,
    }));
    const results = await crawlBatch(targets, job({ perHostDelayMs: 500, concurrency: 4 }), {
      sinkFactory: newTempFileSinkFactory(dir),
      clock: time.clock,
      sleep: time.sleep,
    });
    const times = results
      .map((result) => (result.outcome === 'fetched' ? Date.parse(result.fetchedAt) : NaN))
      .sort((a, b) => a - b);
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    assert.ok(
      gaps.every((gap) => gap >= 500),
      `gaps ${gaps.join(', ')}`,
    );
  });

  it('on abort starts nothing new, reports the rest as aborted and retryable', async () => {
    const controller = new AbortController();
    const targets = Array.from({ length: 8 }, (_, i) => ({
      url: `${site.origin}/pages/${String(i + 10)}.html`,
      depth: 1,
    }));
    const requestsBefore = site.requests().length;
    let requestsAtAbort = 0;
    const results = await crawlBatch(
      targets,
      job({ perHostDelayMs: 0, perHostConcurrency: 1, concurrency: 1 }),
      {
        sinkFactory: newTempFileSinkFactory(dir),
        signal: controller.signal,
        onProgress: ({ completed }) => {
          if (completed === 2) {
            requestsAtAbort = site.requests().length;
            controller.abort();
          }
        },
      },
    );
    // The one request in flight when the signal aborted (concurrency 1) may finish; nothing
    // else starts, and the aborted URLs were never asked for.
    const fetched = results.filter((result) => result.outcome === 'fetched');
    assert.ok(fetched.length === 2 || fetched.length === 3, String(fetched.length));
    const pagesAsked = site
      .requests()
      .slice(requestsBefore)
      .filter((request) => request.path.startsWith('/pages/')).length;
    assert.equal(pagesAsked, fetched.length);
    for (const result of results) {
      if (result.outcome === 'failed') {
        assert.ok(result.code === 'DEURO_CRAWL_ABORTED' && result.retryable, result.detail);
      }
    }
    assert.ok(site.requests().length <= requestsAtAbort + 1, 'nothing new after the abort');
  });

  it('lets a request in flight finish, or cuts it with abortInFlight', async () => {
    for (const abortInFlight of [false, true]) {
      const controller = new AbortController();
      setTimeout(() => {
        controller.abort();
      }, 100);
      const started = performance.now();
      const [result] = await crawlBatch([{ url: `${site.origin}/slow/0.html`, depth: 0 }], job(), {
        sinkFactory: newTempFileSinkFactory(dir),
        fetchOptions: { responseTimeoutMs: 5000 },
        signal: controller.signal,
        abortInFlight,
      });
      const elapsed = performance.now() - started;
      if (abortInFlight) {
        assert.ok(
          result?.outcome === 'failed' && result.code === 'DEURO_CRAWL_ABORTED',
          JSON.stringify(result),
        );
        assert.ok(elapsed < 800, `cut after ${elapsed.toFixed(0)} ms`);
      } else {
        assert.equal(result?.outcome, 'fetched', JSON.stringify(result));
        assert.ok(elapsed >= 900, `waited ${elapsed.toFixed(0)} ms for the slow page`);
      }
    }
  });

  it('crawls HTTPS with the CA it is given', async () => {
    const secure = await startCrawlSite({ pages: 20, https: true });
    try {
      const [result] = await crawlBatch(
        [{ url: secure.url, depth: 0 }],
        { ...job(), scope: validateCrawlScope({ hosts: ['localhost'] }) },
        { sinkFactory: newTempFileSinkFactory(dir), ca: secure.ca },
      );
      assert.equal(result?.outcome, 'fetched');
      assert.ok(result.links.length >= 10);
    } finally {
      await secure.close();
    }
  });
});
