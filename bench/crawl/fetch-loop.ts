/**
 * bench/crawl, the no-ledger baseline: how many pages per second a crawler fetches from the
 * local crawl test site when nothing but fetching is done. Two loops over the same N pages
 * (`/pages/0.html` ... ) with the same concurrency c:
 *
 * - `plain`: c workers, each a `GET` on node's http with a keep-alive agent, reading the body
 *   and hashing it (SHA-256), nothing else: the floor of the machine and the test site.
 * - `crawler`: one `crawlBatch` of the N URLs (gateway/src/crawl) with politeness reduced to
 *   the concurrency caps (per-host delay 0, c per host): robots.txt, scope, the politeness
 *   scheduler, SHA-256, bodies streamed to temporary files, link extraction. This is the
 *   crawler a ledger-backed crawler runs, minus the ledger, hence the baseline the full crawl
 *   benchmark compares those with.
 * - `crawler-memory`: the same with bodies kept in memory and dropped, which separates the
 *   cost of the temporary files from the cost of the crawl logic.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newMemorySink, newTempFileSinkFactory } from '../../gateway/src/crawl/body-sink';
import { crawlBatch } from '../../gateway/src/crawl/crawl-batch';
import { validateCrawlPoliteness } from '../../gateway/src/crawl/politeness';
import { validateCrawlScope } from '../../gateway/src/crawl/scope';
import { startCrawlSite } from '../../gateway/src/testing/crawl-site/index';

/** Which loop to run. */
export type FetchLoopMode = 'plain' | 'crawler' | 'crawler-memory';

/** Every mode, in the order runs alternate. */
export const FETCH_LOOP_MODES: readonly FetchLoopMode[] = ['plain', 'crawler', 'crawler-memory'];

/** One run of a loop. */
export interface FetchLoopOptions {
  readonly mode: FetchLoopMode;
  /** The URL of a running crawl test site over HTTP (`startCrawlSite().url`). */
  readonly siteUrl: string;
  /** Pages fetched: `/pages/0.html` to `/pages/<pages - 1>.html` (the site must have them). */
  readonly pages: number;
  /** Requests in flight at most. */
  readonly concurrency: number;
}

/** What one run measured. */
export interface FetchLoopFigures {
  readonly mode: FetchLoopMode;
  readonly pages: number;
  readonly concurrency: number;
  /** Pages fetched with 200 (the others failed). */
  readonly fetched: number;
  readonly bytes: number;
  readonly seconds: number;
  readonly pagesPerSecond: number;
}

/** Run one loop and time it (wall clock, first request to last body). */
export async function runFetchLoop(options: FetchLoopOptions): Promise<FetchLoopFigures> {
  const urls = Array.from(
    { length: options.pages },
    (_, i) => new URL(`/pages/${String(i)}.html`, options.siteUrl).href,
  );
  const started = performance.now();
  const { fetched, bytes } =
    options.mode === 'plain'
      ? await plainLoop(urls, options.concurrency)
      : await crawlerLoop(urls, options.siteUrl, options.concurrency, options.mode === 'crawler');
  const seconds = (performance.now() - started) / 1000;
  return {
    mode: options.mode,
    pages: options.pages,
    concurrency: options.concurrency,
    fetched,
    bytes,
    seconds,
    pagesPerSecond: fetched / seconds,
  };
}

/** Settings of {@link measureFetchLoops}. */
export interface FetchLoopBenchOptions {
  readonly pages: number;
  readonly concurrency: number;
  /** Runs of each loop, alternating; the figures of every run are returned. */
  readonly rounds: number;
}

/**
 * Start a crawl test site of `pages` pages, run both loops `rounds` times each (alternating,
 * after one untimed warm-up of each), and stop the site.
 */
export async function measureFetchLoops(
  options: FetchLoopBenchOptions,
): Promise<FetchLoopFigures[]> {
  const site = await startCrawlSite({ pages: Math.max(20, options.pages) });
  try {
    const run = (mode: FetchLoopMode): Promise<FetchLoopFigures> =>
      runFetchLoop({
        mode,
        siteUrl: site.url,
        pages: options.pages,
        concurrency: options.concurrency,
      });
    for (const mode of FETCH_LOOP_MODES) {
      await run(mode);
    }
    const figures: FetchLoopFigures[] = [];
    for (let round = 0; round < options.rounds; round++) {
      for (const mode of FETCH_LOOP_MODES) {
        figures.push(await run(mode));
      }
    }
    return figures;
  } finally {
    await site.close();
  }
}

async function plainLoop(
  urls: readonly string[],
  concurrency: number,
): Promise<{ fetched: number; bytes: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let next = 0;
  let fetched = 0;
  let bytes = 0;
  const worker = async (): Promise<void> => {
    while (next < urls.length) {
      const url = urls[next++] ?? '';
      const size = await plainGet(url, agent);
      if (size >= 0) {
        fetched++;
        bytes += size;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
  return { fetched, bytes };
}

/** GET a URL, hash its body, and give its size (-1 unless 200). */
function plainGet(url: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        const hash = createHash('sha256');
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          hash.update(chunk);
          size += chunk.length;
        });
        res.on('end', () => {
          hash.digest();
          resolve(res.statusCode === 200 ? size : -1);
        });
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

async function crawlerLoop(
  urls: readonly string[],
  siteUrl: string,
  concurrency: number,
  toFiles: boolean,
): Promise<{ fetched: number; bytes: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'deuro-bench-crawl-'));
  try {
    const job = {
      scope: validateCrawlScope({ hosts: [new URL(siteUrl).host] }),
      politeness: validateCrawlPoliteness({
        perHostDelayMs: 0,
        perHostConcurrency: concurrency,
        concurrency,
      }),
    };
    const results = await crawlBatch(
      urls.map((url) => ({ url, depth: 0 })),
      job,
      {
        sinkFactory: toFiles ? newTempFileSinkFactory(dir) : () => Promise.resolve(newMemorySink()),
      },
    );
    let fetched = 0;
    let bytes = 0;
    for (const result of results) {
      if (result.outcome === 'fetched') {
        fetched++;
        bytes += result.size;
      }
    }
    return { fetched, bytes };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
