import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeCharacterReferences, htmlTags } from './html-tokenizer.js';
import { discoverLinks, extractPageLinks, srcsetUrls } from './links.js';
import { validateCrawlScope } from './scope.js';
import { transcriptHints } from './transcript-hints.js';

const PAGE = 'http://site.example/dir/page.html';

function urls(html: string, pageUrl = PAGE): string[] {
  return extractPageLinks(html, pageUrl).map((link) => link.url);
}

describe('HTML tokenizer', () => {
  it('reads quoted, unquoted and valueless attributes, first duplicate wins', () => {
    const [tag] = htmlTags(`<A HREF=/x Title='it''s' data-x="1" data-x="2" hidden>`);
    assert.deepEqual(tag, {
      type: 'start',
      name: 'a',
      attributes: new Map([
        ['href', '/x'],
        ['title', 'it'],
        ["'s'", ''],
        ['data-x', '1'],
        ['hidden', ''],
      ]),
    });
  });

  it('skips comments, doctypes, script and style contents, and reads end tags', () => {
    const html =
      '<!DOCTYPE html><!-- <a href="/c"> --><script>if (a<b) document.write("<a href=\'/s\'>")</script >' +
      '<style>a[href="/t"]{}</style><TEXTAREA><a href="/u"></textarea><a href="/ok"></A>';
    const tags = [...htmlTags(html)].map((tag) =>
      tag.type === 'start' ? `<${tag.name} ${tag.attributes.get('href') ?? ''}>` : `</${tag.name}>`,
    );
    assert.deepEqual(tags, [
      '<script >',
      '</script>',
      '<style >',
      '</style>',
      '<textarea >',
      '</textarea>',
      '<a /ok>',
      '</a>',
    ]);
  });

  it('never throws on broken markup', () => {
    for (const html of [
      '<',
      '<a',
      '<a href="x',
      '<!--',
      '<script>',
      '</',
      '<<a>>',
      '<a =x>',
      '&#xZZ;',
    ]) {
      assert.doesNotThrow(() => [...htmlTags(html)]);
    }
  });

  it('decodes character references as in attribute values', () => {
    assert.equal(decodeCharacterReferences('/a?b=1&amp;c=2&#x26;d=&#51;'), '/a?b=1&c=2&d=3');
    assert.equal(decodeCharacterReferences('/a?x=1&copy=2&amp=3&ampx'), '/a?x=1&copy=2&amp=3&ampx');
    assert.equal(
      decodeCharacterReferences('&lt;&gt&quot;&#0;&constructor;'),
      '<>"\ufffd&constructor;',
    );
  });
});

describe('extractPageLinks', () => {
  it('finds the links of every element kind and resolves them', () => {
    const html = `
      <a href="a.html">a</a> <area href="/area">
      <link rel="stylesheet" href="/style.css"><link rel="preconnect" href="https://cdn.example/">
      <img src="/img.png" srcset="/img-2x.png 2x, /img-3x.png 3x">
      <video src="v.mp4" poster="poster.jpg"></video>
      <audio><source src="s.ogg" srcset="ignored-for-audio.ogg"></audio>
      <iframe src="/frame.html"></iframe>`;
    assert.deepEqual(urls(html), [
      'http://site.example/dir/a.html',
      'http://site.example/area',
      'http://site.example/style.css',
      'http://site.example/img.png',
      'http://site.example/img-2x.png',
      'http://site.example/img-3x.png',
      'http://site.example/dir/v.mp4',
      'http://site.example/dir/poster.jpg',
      'http://site.example/dir/s.ogg',
      'http://site.example/dir/ignored-for-audio.ogg',
    ]);
  });

  it('drops javascript:, mailto:, data:, malformed and self links, and normalises', () => {
    const html = `
      <a href="javascript:alert(1)">x</a><a href="mailto:a@b.example">x</a>
      <a href="data:text/plain,hi">x</a><a href="http://[bad/">x</a><a href="#top">x</a>
      <a href="">x</a><a href="  ./x/../B%7e.html#f  ">x</a><a href="HTTP://Other.Example:80">x</a>`;
    assert.deepEqual(urls(html), ['http://site.example/dir/B~.html', 'http://other.example/']);
  });

  it('resolves against the first <base href>, wherever it is', () => {
    const html =
      '<a href="x.html"></a><base href="/other/"><base href="/ignored/"><a href="y.html">';
    assert.deepEqual(urls(html), [
      'http://site.example/other/x.html',
      'http://site.example/other/y.html',
    ]);
    assert.deepEqual(urls('<base href="javascript:x"><a href="y.html">'), [
      'http://site.example/dir/y.html',
    ]);
  });

  it('groups the sources and tracks of each audio and video', () => {
    const html = `
      <audio src="one.wav"><track kind="captions" src="one.vtt"></audio>
      <video><source src="two.mp4"><track src="two.en.vtt"><track kind="chapters" src="c.vtt"></video>
      <track src="orphan.vtt">`;
    const links = extractPageLinks(html, PAGE);
    assert.deepEqual(
      links.map((link) => [link.url.split('/').at(-1), link.mediaGroup, link.trackKind]),
      [
        ['one.wav', 0, undefined],
        ['one.vtt', 0, 'captions'],
        ['two.mp4', 1, undefined],
        ['two.en.vtt', 1, 'subtitles'],
        ['c.vtt', 1, 'chapters'],
        ['orphan.vtt', undefined, 'subtitles'],
      ],
    );
  });

  it('parses srcset candidates as HTML does (a URL runs to whitespace)', () => {
    assert.deepEqual(srcsetUrls(' a.png 1x,b.png 2x , c,d.png 100w,, e.png,f.png'), [
      'a.png',
      'b.png',
      'c,d.png',
      'e.png,f.png',
    ]);
  });
});

describe('discoverLinks', () => {
  const scope = validateCrawlScope({
    hosts: ['site.example'],
    pathPrefixes: ['/dir/', '/media/'],
    maxDepth: 2,
  });

  it('keeps in-scope links once, at depth + 1', () => {
    const links = extractPageLinks(
      '<a href="a.html"><a href="a.html#x"><a href="/elsewhere/b.html"><a href="http://other.example/dir/c">',
      PAGE,
    );
    assert.deepEqual(discoverLinks(links, scope, 1), [
      { url: 'http://site.example/dir/a.html', depth: 2 },
    ]);
    assert.deepEqual(discoverLinks(links, scope, 2), [], 'depth 3 > maxDepth');
  });

  it('attaches the transcripts that come with media files', () => {
    const html = `
      <audio src="/media/talk.wav"><track kind="captions" src="/media/talk.vtt"></audio>
      <a href="/media/song.mp3">song</a> <a href="/media/song.txt">lyrics</a>
      <a href="/media/other/song.vtt">elsewhere</a> <a href="/outside/song.vtt">out of scope</a>
      <video><source src="/media/clip.webm"></video><a href="/media/clip.txt">text</a>
      <a href="/media/notes.txt">no media</a>`;
    const discovered = discoverLinks(extractPageLinks(html, PAGE), scope, 0);
    const hints = Object.fromEntries(
      discovered.map((link) => [
        new URL(link.url).pathname,
        link.transcriptUrls?.map((u) => new URL(u).pathname),
      ]),
    );
    assert.deepEqual(hints, {
      '/media/talk.wav': ['/media/talk.vtt'],
      '/media/talk.vtt': undefined,
      '/media/song.mp3': ['/media/song.txt', '/media/other/song.vtt'],
      '/media/song.txt': undefined,
      '/media/other/song.vtt': undefined,
      '/media/clip.webm': ['/media/clip.txt'],
      '/media/clip.txt': undefined,
      '/media/notes.txt': undefined,
    });
  });

  it('prefers captions to subtitles to descriptions, and leaves chapters out', () => {
    const html = `<video src="/media/v.mp4"><track kind="descriptions" src="/media/d.vtt">
      <track kind="chapters" src="/media/ch.vtt"><track src="/media/s.vtt">
      <track kind="CAPTIONS" src="/media/c.vtt"></video><a href="/media/v.vtt">sidecar</a>`;
    const hints = transcriptHints(extractPageLinks(html, PAGE));
    assert.deepEqual(
      hints.get('http://site.example/media/v.mp4')?.map((url) => url.split('/').at(-1)),
      ['c.vtt', 's.vtt', 'd.vtt', 'v.vtt'],
    );
  });
});
