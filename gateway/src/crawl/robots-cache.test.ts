import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { BLOCKED_AGENT, startCrawlSite, type CrawlSite } from '../testing/crawl-site/index.js';
import { newTestFetcher, type TestFetcher } from '../testing/crawl-site/test-fetcher.js';
import { isCrawlError } from './crawl-error.js';

function robotsRequests(site: CrawlSite): number {
  return site.requests().filter((request) => request.path === '/robots.txt').length;
}

async function withSite(
  siteOptions: Parameters<typeof startCrawlSite>[0],
  fetcherSettings: Omit<Parameters<typeof newTestFetcher>[0], 'scope'>,
  run: (site: CrawlSite, t: TestFetcher) => Promise<void>,
): Promise<void> {
  const site = await startCrawlSite({ pages: 20, ...siteOptions });
  const t = await newTestFetcher({ scope: { hosts: ['127.0.0.1'] }, ...fetcherSettings });
  try {
    await run(site, t);
  } finally {
    await t.close();
    await site.close();
  }
}

function fetchAll(t: TestFetcher, site: CrawlSite, paths: readonly string[]): Promise<unknown[]> {
  return Promise.all(
    paths.map((path) =>
      t.fetcher
        .fetch({ url: `${site.origin}${path}`, depth: 0, sinkFactory: t.sinkFactory })
        .catch((err: unknown) => err),
    ),
  );
}

describe('robots.txt cache', () => {
  it('fetches robots.txt once per origin, however many fetches wait for it', async () => {
    await withSite({}, {}, async (site, t) => {
      const paths = Array.from({ length: 10 }, (_, i) => `/pages/${String(i)}.html`);
      const outcomes = await fetchAll(t, site, [...paths, '/private/2.html']);
      assert.equal(outcomes.filter((outcome) => outcome instanceof Error).length, 1);
      assert.ok(isCrawlError(outcomes.at(-1), 'DEURO_CRAWL_ROBOTS_DISALLOWED'));
      await fetchAll(t, site, ['/pages/11.html']);
      assert.equal(robotsRequests(site), 1);
      assert.equal(site.requests()[0]?.path, '/robots.txt', 'robots.txt comes first');
    });
  });

  it('allows everything when robots.txt is 404', async () => {
    await withSite({ robotsStatus: 404 }, {}, async (site, t) => {
      const [outcome] = await fetchAll(t, site, ['/private/0.html']);
      assert.ok(!(outcome instanceof Error), String(outcome));
    });
  });

  it('disallows everything, retryably, when robots.txt is 503, and asks again after robotsErrorTtlMs', async () => {
    await withSite(
      { robotsStatus: 503 },
      { options: { robotsErrorTtlMs: 5000 } },
      async (site, t) => {
        const outcomes = await fetchAll(t, site, ['/pages/1.html', '/pages/2.html']);
        for (const outcome of outcomes) {
          assert.ok(isCrawlError(outcome, 'DEURO_CRAWL_ROBOTS_UNAVAILABLE'), String(outcome));
          assert.equal(outcome.retryable, true);
        }
        await t.time.sleep(4000);
        await fetchAll(t, site, ['/pages/3.html']);
        assert.equal(robotsRequests(site), 1, 'cached for robotsErrorTtlMs');
        await t.time.sleep(2000);
        await fetchAll(t, site, ['/pages/3.html']);
        assert.equal(robotsRequests(site), 2);
        assert.equal(
          site.requests().filter((request) => request.path !== '/robots.txt').length,
          0,
          'no page was requested',
        );
      },
    );
  });

  it('disallows everything when the host cannot be reached', async () => {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    server.close();
    await once(server, 'close');
    const t = await newTestFetcher({ scope: { hosts: ['127.0.0.1'] } });
    try {
      const outcome: unknown = await t.fetcher
        .fetch({ url: `http://127.0.0.1:${String(port)}/a`, depth: 0, sinkFactory: t.sinkFactory })
        .catch((err: unknown) => err);
      assert.ok(isCrawlError(outcome, 'DEURO_CRAWL_ROBOTS_UNAVAILABLE'), String(outcome));
      assert.match(outcome.detail, /ECONNREFUSED/);
    } finally {
      await t.close();
    }
  });

  it('honours the group of our product token', async () => {
    await withSite({}, { options: { userAgent: `${BLOCKED_AGENT}/2.0` } }, async (site, t) => {
      const [outcome] = await fetchAll(t, site, ['/pages/1.html']);
      assert.ok(isCrawlError(outcome, 'DEURO_CRAWL_ROBOTS_DISALLOWED'));
      assert.equal(site.requests().length, 1, 'only robots.txt');
    });
  });

  it('raises the per-host delay to Crawl-delay, capped by maxCrawlDelayMs', async () => {
    for (const [maxCrawlDelayMs, gap] of [
      [60_000, 2000],
      [1500, 1500],
    ] as const) {
      await withSite(
        { crawlDelaySeconds: 2 },
        { politeness: { perHostDelayMs: 100, maxCrawlDelayMs } },
        async (site, t) => {
          const times: number[] = [];
          for (const path of ['/pages/1.html', '/pages/2.html', '/pages/3.html']) {
            const fetched = await t.fetcher.fetch({
              url: `${site.origin}${path}`,
              depth: 0,
              sinkFactory: t.sinkFactory,
            });
            times.push(fetched.fetchedAt);
          }
          assert.deepEqual(
            times.slice(1).map((time, i) => time - (times[i] ?? 0)),
            [gap, gap],
          );
        },
      );
    }
  });
});
