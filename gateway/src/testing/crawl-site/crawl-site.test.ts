import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { get } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { decodeWav } from '../../features/audio/wav-decoder.js';
import { manifestEntry, startCrawlSite, type CrawlSite } from './index.js';

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

function fetchRaw(url: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    }).on('error', reject);
  });
}

describe('crawl test site', () => {
  let site: CrawlSite;
  before(async () => {
    site = await startCrawlSite({ pages: 30, slowMs: 50, largeBytes: 100_000 });
  });
  after(async () => {
    await site.close();
  });

  it('is the same for the same seed, and differs for another', async () => {
    const again = await startCrawlSite({ pages: 30 });
    const other = await startCrawlSite({ pages: 30, seed: 2 });
    try {
      const hashes = (s: CrawlSite): (string | undefined)[] =>
        s.manifest.entries.map((entry) => entry.sha256);
      assert.deepEqual(hashes(again), hashes(site));
      assert.notDeepEqual(hashes(other), hashes(site));
    } finally {
      await again.close();
      await other.close();
    }
  });

  it('serves what the manifest says, and records each request', async () => {
    for (const entry of site.manifest.entries.filter((e) => e.behaviour === 'ok')) {
      const answer = await fetchRaw(entry.url);
      assert.equal(answer.status, 200, entry.url);
      assert.equal(String(answer.headers['content-type']).split(';')[0], entry.mediaType);
      assert.equal(createHash('sha256').update(answer.body).digest('hex'), entry.sha256);
    }
    const count = site.manifest.entries.filter((e) => e.behaviour === 'ok').length;
    assert.equal(site.requests().length, count);
    assert.equal(site.requests()[0]?.method, 'GET');
  });

  it('has a few hundred pages by default, with clips, images, transcripts and duplicates', async () => {
    const full = await startCrawlSite();
    try {
      const kinds = new Map<string, number>();
      for (const entry of full.manifest.entries) {
        const kind = entry.mediaType ?? entry.behaviour;
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }
      assert.ok((kinds.get('text/html') ?? 0) >= 200);
      assert.ok((kinds.get('audio/wav') ?? 0) >= 20);
      assert.ok((kinds.get('image/png') ?? 0) >= 20);
      assert.ok((kinds.get('text/vtt') ?? 0) > 0 && (kinds.get('text/plain') ?? 0) > 0);
      assert.ok(full.manifest.duplicateGroups.length >= 7);
    } finally {
      await full.close();
    }
  });

  it('links only to paths it knows, and reaches every page from the root', () => {
    const known = new Set(site.manifest.entries.map((entry) => entry.url));
    for (const entry of site.manifest.entries) {
      for (const link of entry.links.filter((url) => url.startsWith(site.origin))) {
        assert.ok(known.has(link), `${entry.path} links to ${link}`);
      }
    }
    const pages = site.manifest.entries.filter((e) => e.path.startsWith('/pages/'));
    assert.ok(pages.every((page) => page.depth !== undefined));
    assert.equal(manifestEntry(site.manifest, '/')?.depth, 0);
    assert.equal(manifestEntry(site.manifest, '/go/chain-2')?.depth, undefined);
  });

  it('serves valid WAV clips and PNG images', async () => {
    const clip = await fetchRaw(`${site.origin}/media/clip-1.wav`);
    const audio = decodeWav(new Uint8Array(clip.body));
    assert.equal(audio.sampleRate, 8000);
    assert.equal(audio.samples.length, 2000);
    const png = await fetchRaw(`${site.origin}/img/1.png`);
    assert.deepEqual([...png.body.subarray(1, 4)], [0x50, 0x4e, 0x47]);
  });

  it('serves robots.txt, redirects, failures and 404s', async () => {
    const robots = await fetchRaw(`${site.origin}/robots.txt`);
    assert.match(robots.body.toString(), /Disallow: \/private\//);
    const redirect = await fetchRaw(`${site.origin}/go/chain`);
    assert.equal(redirect.status, 302);
    assert.equal(redirect.headers.location, '/go/chain-2');
    assert.equal((await fetchRaw(`${site.origin}/fail/500.html`)).status, 500);
    assert.equal((await fetchRaw(`${site.origin}/missing/0.html`)).status, 404);
    await assert.rejects(fetchRaw(`${site.origin}/fail/reset.html`), /socket hang up|ECONNRESET/);
    const flaky = [1, 2, 3].map(() => fetchRaw(`${site.origin}/fail/flaky.html`));
    const statuses = (await Promise.all(flaky)).map((answer) => answer.status).sort();
    assert.deepEqual(statuses, [200, 503, 503]);
    const large = await fetchRaw(`${site.origin}/big/chunked.bin`);
    assert.equal(large.body.length, 100_000);
    assert.equal(large.headers['content-length'], undefined);
    const slow = await fetchRaw(`${site.origin}/slow/stall.html`);
    assert.equal(slow.body.length, manifestEntry(site.manifest, '/slow/stall.html')?.size);
  });
});
