import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { manifestEntry, startCrawlSite, type CrawlSite } from '../testing/crawl-site/index.js';
import { newTestFetcher, type TestFetcher } from '../testing/crawl-site/test-fetcher.js';
import { isCrawlError } from './crawl-error.js';
import { fetchTranscript } from './transcripts.js';
import { parseWebVtt, webVttToText } from './webvtt.js';

describe('WebVTT', () => {
  const vtt = [
    '\uFEFFWEBVTT Kind: captions',
    'Language: en',
    '',
    'STYLE',
    '::cue { color: red }',
    '',
    'NOTE a comment',
    'over two lines',
    '',
    '1',
    '00:01.000 --> 00:04.250 position:10% align:start',
    '<v.loud Roger Bingham>We are in New York City</v>',
    '',
    '00:00:04.250 --> 00:00:06.000',
    "We're <i>actually</i> at the <c.hl>Lucern</c> Hotel,",
    'just &lt;down&gt; the street &amp; <00:00:05.500>over',
    '',
    'no timing here',
    'so not a cue',
    '',
    '01:00:00.000 --> 01:00:01.500',
    '&#x263A; &nbsp;&lrm;end',
    '',
  ].join('\r\n');

  it('parses cues with their times and text', () => {
    const cues = parseWebVtt(vtt);
    assert.deepEqual(cues, [
      { start: 1, end: 4.25, text: 'We are in New York City' },
      {
        start: 4.25,
        end: 6,
        text: "We're actually at the Lucern Hotel, just <down> the street & over",
      },
      { start: 3600, end: 3601.5, text: '\u263a \u200eend' },
    ]);
  });

  it('gives plain text, one line per cue', () => {
    assert.equal(
      webVttToText(
        'WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n\n00:01.000 --> 00:02.000\n<b></b>\n\n00:02.000 --> 00:03.000\nworld',
      ),
      'Hello\nworld',
    );
  });

  it('rejects a file without the WEBVTT signature', () => {
    for (const text of ['', 'WEBVTTX\n', '1\n00:00.000 --> 00:01.000\nhi']) {
      assert.throws(
        () => parseWebVtt(text),
        (err: unknown) => isCrawlError(err, 'DEURO_CRAWL_INVALID_TRANSCRIPT'),
      );
    }
  });
});

describe('fetchTranscript against the crawl site', () => {
  let site: CrawlSite;
  let t: TestFetcher;
  before(async () => {
    site = await startCrawlSite({ pages: 40 });
    t = await newTestFetcher({ scope: { hosts: ['127.0.0.1'], mediaTypes: ['audio/*'] } });
  });
  after(async () => {
    await t.close();
    await site.close();
  });

  it('reads every clip transcript of the manifest, WebVTT and plain text alike', async () => {
    const clips = site.manifest.entries.filter((entry) => entry.transcript !== undefined);
    assert.ok(clips.length >= 4);
    const formats = new Set<string>();
    for (const clip of clips) {
      const expected = clip.transcript;
      assert.ok(expected);
      const { transcript, failure } = await fetchTranscript(t.fetcher, [expected.url], 4096);
      assert.equal(failure, undefined);
      assert.ok(transcript);
      assert.equal(transcript.text, expected.text);
      assert.equal(transcript.sha256, manifestEntry(site.manifest, expected.url)?.sha256);
      formats.add(transcript.format);
    }
    assert.deepEqual([...formats].sort(), ['text', 'webvtt'], 'the scope media types do not apply');
  });

  it('falls back to the next candidate and reports the last failure', async () => {
    const clip = site.manifest.entries.find((entry) => entry.transcript !== undefined);
    const good = clip?.transcript?.url ?? '';
    const missing = `${site.origin}/media/missing.vtt`;
    const found = await fetchTranscript(t.fetcher, [missing, good], 4096);
    assert.equal(found.transcript?.url, good);
    const none = await fetchTranscript(t.fetcher, [missing, `${site.origin}/private/0.html`], 4096);
    assert.ok(isCrawlError(none.failure, 'DEURO_CRAWL_ROBOTS_DISALLOWED'));
    const tooBig = await fetchTranscript(t.fetcher, [good], 10);
    assert.ok(isCrawlError(tooBig.failure, 'DEURO_CRAWL_TOO_LARGE'));
    const notText = await fetchTranscript(t.fetcher, [`${site.origin}/img/0.png`], 4096);
    assert.ok(isCrawlError(notText.failure, 'DEURO_CRAWL_MEDIA_TYPE'));
  });
});
