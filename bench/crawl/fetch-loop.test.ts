import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startCrawlSite, type CrawlSite } from '../../gateway/src/testing/crawl-site/index';
import { FETCH_LOOP_MODES, runFetchLoop } from './fetch-loop';
import {
  FETCH_LOOP_DEFAULTS,
  formatFetchLoops,
  median,
  parseFetchLoopArgs,
  summariseFetchLoops,
} from './fetch-loop-report';

describe('crawl fetch loop (no-ledger baseline)', () => {
  let site: CrawlSite;
  before(async () => {
    site = await startCrawlSite({ pages: 30 });
  });
  after(async () => {
    await site.close();
  });

  it('fetches every page in both loops', async () => {
    for (const mode of FETCH_LOOP_MODES) {
      const figures = await runFetchLoop({ mode, siteUrl: site.url, pages: 30, concurrency: 4 });
      assert.equal(figures.fetched, 30, mode);
      assert.ok(figures.bytes > 30 * 300);
      assert.ok(figures.pagesPerSecond > 0);
    }
  });

  it('summarises medians and the ratio', () => {
    const run = { pages: 10, concurrency: 2, fetched: 10, bytes: 1, seconds: 1 };
    const figures = [
      { ...run, mode: 'plain' as const, pagesPerSecond: 100 },
      { ...run, mode: 'crawler' as const, pagesPerSecond: 50 },
      { ...run, mode: 'plain' as const, pagesPerSecond: 300 },
      { ...run, mode: 'crawler' as const, pagesPerSecond: 70 },
    ];
    assert.deepEqual(summariseFetchLoops(figures), { plain: 200, crawler: 60 });
    assert.match(formatFetchLoops(figures).at(-1) ?? '', /no ledger \/ plain: 0\.30x/);
    assert.equal(median([5, 1, 3]), 3);
  });

  it('reads its flags', () => {
    assert.deepEqual(parseFetchLoopArgs([]), FETCH_LOOP_DEFAULTS);
    assert.equal(parseFetchLoopArgs(['--pages', '50']).pages, 50);
    assert.throws(() => parseFetchLoopArgs(['--fast', '1']), /--fast/);
    assert.throws(() => parseFetchLoopArgs(['--concurrency', '0']), /--concurrency/);
    assert.throws(() => parseFetchLoopArgs(['--pages']), /--pages/);
  });
});
