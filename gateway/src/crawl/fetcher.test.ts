import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import {
  manifestEntry,
  startCrawlSite,
  type CrawlSite,
  type CrawlSiteEntry,
} from '../testing/crawl-site/index.js';
import { newTestFetcher, type TestFetcher } from '../testing/crawl-site/test-fetcher.js';
import { CrawlError, type CrawlErrorCode } from './crawl-error.js';
import type { FetchedBody } from './fetch-request.js';

function entry(site: CrawlSite, path: string): CrawlSiteEntry {
  const found = manifestEntry(site.manifest, path);
  assert.ok(found, `the manifest has ${path}`);
  return found;
}

function requestsFor(site: CrawlSite, path: string): number {
  return site.requests().filter((request) => request.path === path).length;
}

async function fetchPath(t: TestFetcher, site: CrawlSite, path: string): Promise<FetchedBody> {
  return t.fetcher.fetch({ url: `${site.origin}${path}`, depth: 0, sinkFactory: t.sinkFactory });
}

async function assertFails(
  promise: Promise<unknown>,
  code: CrawlErrorCode,
  fields: Partial<Pick<CrawlError, 'retryable' | 'status' | 'url'>> = {},
): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof CrawlError, String(err));
    assert.equal(err.code, code, err.message);
    for (const [key, value] of Object.entries(fields)) {
      assert.equal(err[key as keyof typeof fields], value, `${key} of ${err.message}`);
    }
    return true;
  });
}

describe('fetcher against the crawl site', () => {
  let site: CrawlSite;
  let t: TestFetcher;

  before(async () => {
    site = await startCrawlSite({ pages: 40, slowMs: 1500, largeBytes: 256 * 1024 });
    t = await newTestFetcher({ scope: { hosts: ['127.0.0.1'], maxBytes: 100_000 } });
  });
  after(async () => {
    await t.close();
    await site.close();
  });

  it('fetches a page into its sink with the SHA-256 of the manifest', async () => {
    const fetched = await fetchPath(t, site, '/pages/3.html');
    const expected = entry(site, '/pages/3.html');
    assert.equal(fetched.status, 200);
    assert.equal(fetched.mediaType, 'text/html');
    assert.equal(fetched.charset, 'utf-8');
    assert.equal(fetched.size, expected.size);
    assert.equal(fetched.sha256, expected.sha256);
    assert.equal(fetched.finalUrl, expected.url);
    assert.deepEqual(fetched.redirects, []);
    assert.equal(fetched.attempts, 1);
    assert.equal(fetched.fetchedAt, t.time.clock());
    const stored = await readFile(fetched.location);
    assert.equal(createHash('sha256').update(stored).digest('hex'), expected.sha256);
  });

  it('keeps the start of the body when asked', async () => {
    const fetched = await t.fetcher.fetch({
      url: `${site.origin}/pages/4.html`,
      depth: 0,
      sinkFactory: t.sinkFactory,
      captureBytes: () => 15,
    });
    assert.equal(fetched.captured.toString(), '<!DOCTYPE html>');
  });

  it('follows a redirect chain (302, 307, 308) and records the final URL', async () => {
    const fetched = await fetchPath(t, site, '/go/chain');
    assert.equal(fetched.url, `${site.origin}/go/chain`);
    assert.deepEqual(
      fetched.redirects.map((url) => new URL(url).pathname),
      ['/go/chain-2', '/go/chain-3', '/pages/1.html'],
    );
    assert.equal(fetched.finalUrl, `${site.origin}/pages/1.html`);
    assert.equal(fetched.sha256, entry(site, '/pages/1.html').sha256);
  });

  it('stops a redirect loop and a chain longer than maxRedirects', async () => {
    await assertFails(fetchPath(t, site, '/go/loop-a'), 'DEURO_CRAWL_REDIRECT_LIMIT', {
      retryable: false,
    });
    await assertFails(fetchPath(t, site, '/go/long'), 'DEURO_CRAWL_REDIRECT_LIMIT');
    assert.equal(requestsFor(site, '/go/long-6'), 0, 'the sixth redirect is not followed');
    const patient = await newTestFetcher({
      scope: { hosts: ['127.0.0.1'] },
      options: { maxRedirects: 7 },
    });
    try {
      const fetched = await fetchPath(patient, site, '/go/long');
      assert.equal(fetched.redirects.length, 7);
    } finally {
      await patient.close();
    }
  });

  it('checks every redirect hop against the scope and robots.txt', async () => {
    await assertFails(fetchPath(t, site, '/go/away'), 'DEURO_CRAWL_OUT_OF_SCOPE', {
      url: 'http://example.invalid/away.html',
    });
    await assertFails(fetchPath(t, site, '/go/private'), 'DEURO_CRAWL_ROBOTS_DISALLOWED', {
      url: `${site.origin}/private/1.html`,
    });
    await assertFails(fetchPath(t, site, '/private/0.html'), 'DEURO_CRAWL_ROBOTS_DISALLOWED');
    await assertFails(fetchPath(t, site, '/media/notes.bak'), 'DEURO_CRAWL_ROBOTS_DISALLOWED');
    const open = await fetchPath(t, site, '/private/open.html');
    assert.equal(open.sha256, entry(site, '/private/open.html').sha256);
    for (const url of site.manifest.robotsExcluded) {
      assert.equal(requestsFor(site, new URL(url).pathname), 0, `${url} was never requested`);
    }
  });

  it('refuses a body over the size limit, announced or streamed, and leaves no file', async () => {
    const filesBefore = await t.files();
    await assertFails(fetchPath(t, site, '/big/declared.bin'), 'DEURO_CRAWL_TOO_LARGE', {
      retryable: false,
    });
    await assertFails(fetchPath(t, site, '/big/chunked.bin'), 'DEURO_CRAWL_TOO_LARGE');
    assert.equal(requestsFor(site, '/big/chunked.bin'), 1, 'too large is not retried');
    const roomy = await t.fetcher.fetch({
      url: `${site.origin}/big/chunked.bin`,
      depth: 0,
      sinkFactory: t.sinkFactory,
      maxBytes: 256 * 1024,
    });
    assert.equal(roomy.size, 256 * 1024);
    const files = (await t.files()).filter((file) => !filesBefore.includes(file));
    assert.deepEqual(files, [roomy.location.split('/').at(-1)]);
  });

  it("refuses a media type outside the scope's", async () => {
    const htmlOnly = await newTestFetcher({
      scope: { hosts: ['127.0.0.1'], mediaTypes: ['text/html', 'audio/*'] },
    });
    try {
      await assertFails(fetchPath(htmlOnly, site, '/img/1.png'), 'DEURO_CRAWL_MEDIA_TYPE');
      const clip = await fetchPath(htmlOnly, site, '/media/clip-1.wav');
      assert.equal(clip.mediaType, 'audio/wav');
      assert.deepEqual(await htmlOnly.files(), [clip.location.split('/').at(-1)]);
    } finally {
      await htmlOnly.close();
    }
  });

  it('times out slow headers and a stalled body, retrying with exponential backoff', async () => {
    const sleepsBefore = t.time.sleeps.length;
    await assertFails(fetchPath(t, site, '/slow/0.html'), 'DEURO_CRAWL_TIMEOUT', {
      retryable: true,
    });
    assert.equal(requestsFor(site, '/slow/0.html'), 3, 'retries: 2');
    // base 100 ms, jitter 0.5: d/2 + 0.5 * d/2 for d = 100, 200
    assert.deepEqual(t.time.sleeps.slice(sleepsBefore), [75, 150]);
    const once = await newTestFetcher({ scope: { hosts: ['127.0.0.1'] }, options: { retries: 0 } });
    try {
      await assertFails(fetchPath(once, site, '/slow/stall.html'), 'DEURO_CRAWL_TIMEOUT');
      assert.equal(requestsFor(site, '/slow/stall.html'), 1);
    } finally {
      await once.close();
    }
  });

  it('retries 503s and honours Retry-After of a 429', async () => {
    const flaky = await fetchPath(t, site, '/fail/flaky.html');
    assert.equal(flaky.attempts, 3);
    assert.equal(flaky.sha256, entry(site, '/fail/flaky.html').sha256);
    const sleepsBefore = t.time.sleeps.length;
    const throttled = await fetchPath(t, site, '/fail/throttled.html');
    assert.equal(throttled.attempts, 2);
    assert.deepEqual(t.time.sleeps.slice(sleepsBefore), [1000], 'Retry-After: 1 beats 75 ms');
  });

  it('fails 500s as retryable after the retries, 404s at once, resets as network errors', async () => {
    await assertFails(fetchPath(t, site, '/fail/500.html'), 'DEURO_CRAWL_HTTP_STATUS', {
      status: 500,
      retryable: true,
    });
    assert.equal(requestsFor(site, '/fail/500.html'), 3);
    await assertFails(fetchPath(t, site, '/missing/0.html'), 'DEURO_CRAWL_HTTP_STATUS', {
      status: 404,
      retryable: false,
    });
    assert.equal(requestsFor(site, '/missing/0.html'), 1);
    await assertFails(fetchPath(t, site, '/fail/reset.html'), 'DEURO_CRAWL_NETWORK', {
      retryable: true,
    });
    assert.equal(requestsFor(site, '/fail/reset.html'), 3);
  });

  it('checks the URL itself against the scope', async () => {
    const narrow = await newTestFetcher({
      scope: { hosts: ['127.0.0.1'], pathPrefixes: ['/pages/'], maxDepth: 1 },
    });
    try {
      await assertFails(fetchPath(narrow, site, '/img/1.png'), 'DEURO_CRAWL_OUT_OF_SCOPE');
      await assertFails(
        narrow.fetcher.fetch({
          url: `${site.origin}/pages/1.html`,
          depth: 2,
          sinkFactory: narrow.sinkFactory,
        }),
        'DEURO_CRAWL_OUT_OF_SCOPE',
      );
    } finally {
      await narrow.close();
    }
  });

  it('sends its User-Agent', () => {
    const agents = new Set(site.requests().map((request) => request.userAgent));
    assert.deepEqual([...agents], ['DeuroCrawler/0.1']);
  });
});

describe('fetcher and Retry-After beyond maxRetryAfterMs', () => {
  it('gives up at once, retryable', async () => {
    const site = await startCrawlSite({ pages: 20 });
    const t = await newTestFetcher({
      scope: { hosts: ['127.0.0.1'] },
      options: { maxRetryAfterMs: 500 },
    });
    try {
      await assertFails(fetchPath(t, site, '/fail/throttled.html'), 'DEURO_CRAWL_HTTP_STATUS', {
        status: 429,
        retryable: true,
      });
      assert.equal(requestsFor(site, '/fail/throttled.html'), 1);
    } finally {
      await t.close();
      await site.close();
    }
  });
});

describe('fetcher over HTTPS', () => {
  let site: CrawlSite;
  before(async () => {
    site = await startCrawlSite({ pages: 20, https: true });
  });
  after(async () => {
    await site.close();
  });

  it('fetches with the site CA trusted', async () => {
    const t = await newTestFetcher({ scope: { hosts: ['localhost'] }, ca: site.ca });
    try {
      const fetched = await fetchPath(t, site, '/go/0');
      assert.ok(fetched.finalUrl.startsWith('https://localhost:'));
      assert.equal(fetched.sha256, entry(site, fetched.finalUrl).sha256);
    } finally {
      await t.close();
    }
  });

  it('fails with DEURO_CRAWL_TLS when the certificate is not trusted', async () => {
    const t = await newTestFetcher({ scope: { hosts: ['localhost'] } });
    try {
      await assertFails(fetchPath(t, site, '/pages/1.html'), 'DEURO_CRAWL_TLS', {
        retryable: false,
      });
    } finally {
      await t.close();
    }
  });
});
