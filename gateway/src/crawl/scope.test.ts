import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CrawlError, type CrawlErrorCode } from './crawl-error.js';
import { FETCH_OPTION_DEFAULTS, productToken, validateFetchOptions } from './fetch-options.js';
import { isMediaRange, mediaRangeMatches, parseContentType } from './media-type.js';
import { CRAWL_POLITENESS_DEFAULTS, validateCrawlPoliteness } from './politeness.js';
import {
  CRAWL_SCOPE_DEFAULTS,
  isInScope,
  scopeAcceptsMediaType,
  scopeExclusion,
  validateCrawlScope,
} from './scope.js';

function rejects(code: CrawlErrorCode, field: string, run: () => unknown): void {
  assert.throws(run, (err: unknown) => {
    assert.ok(err instanceof CrawlError, String(err));
    assert.equal(err.code, code);
    assert.equal(err.field, field);
    return true;
  });
}

describe('validateCrawlScope', () => {
  it('fills in defaults and normalises hosts and prefixes', () => {
    const scope = validateCrawlScope({
      hosts: ['Example.COM', '*.B\u00dcCHER.example', '127.0.0.1:8080', '[::1]'],
      pathPrefixes: ['/%7eusers/'],
    });
    assert.deepEqual(scope, {
      hosts: ['example.com', '*.xn--bcher-kva.example', '127.0.0.1:8080', '[::1]'],
      pathPrefixes: ['/~users/'],
      maxDepth: CRAWL_SCOPE_DEFAULTS.maxDepth,
      mediaTypes: ['*/*'],
      maxBytes: CRAWL_SCOPE_DEFAULTS.maxBytes,
    });
    assert.deepEqual(JSON.parse(JSON.stringify(scope)), scope);
  });

  it('keeps what it is given', () => {
    const given = {
      hosts: ['example.com'],
      pathPrefixes: ['/audio/', '/pages/'],
      maxDepth: 0,
      mediaTypes: ['text/html', 'audio/*'],
      maxBytes: 1,
    };
    assert.deepEqual(validateCrawlScope(given), given);
  });

  const invalid: [string, unknown][] = [
    ['scope', null],
    ['scope', ['example.com']],
    ['hosts', {}],
    ['hosts', { hosts: [] }],
    ['hosts', { hosts: 'example.com' }],
    ['hosts[1]', { hosts: ['example.com', ''] }],
    ['hosts[0]', { hosts: ['http://example.com/'] }],
    ['hosts[0]', { hosts: ['example.com:99999'] }],
    ['hosts[0]', { hosts: ['a b'] }],
    ['pathPrefixes[0]', { hosts: ['a.example'], pathPrefixes: ['audio/'] }],
    ['pathPrefixes[0]', { hosts: ['a.example'], pathPrefixes: ['/a?b'] }],
    ['maxDepth', { hosts: ['a.example'], maxDepth: -1 }],
    ['maxDepth', { hosts: ['a.example'], maxDepth: 1.5 }],
    ['maxDepth', { hosts: ['a.example'], maxDepth: '2' }],
    ['mediaTypes[1]', { hosts: ['a.example'], mediaTypes: ['audio/*', 'audio'] }],
    ['mediaTypes[0]', { hosts: ['a.example'], mediaTypes: ['*/html'] }],
    ['maxBytes', { hosts: ['a.example'], maxBytes: 0 }],
    ['maxBytes', { hosts: ['a.example'], maxBytes: 2 ** 53 }],
    ['depth', { hosts: ['a.example'], depth: 2 }],
  ];
  for (const [field, value] of invalid) {
    it(`rejects ${JSON.stringify(value)} naming ${field}`, () => {
      rejects('DEURO_CRAWL_INVALID_SCOPE', field, () => validateCrawlScope(value));
    });
  }
});

describe('isInScope', () => {
  const scope = validateCrawlScope({
    hosts: ['example.com', '*.cdn.example', 'local.example:8080'],
    pathPrefixes: ['/audio/', '/pages'],
    maxDepth: 2,
  });

  const cases: [string, number, ReturnType<typeof scopeExclusion>][] = [
    ['http://example.com/audio/a.wav', 0, undefined],
    ['https://example.com/pages/x.html', 2, undefined],
    ['https://example.com/pagesmore/x.html', 2, undefined],
    ['http://example.com/audio/a.wav', 3, 'depth'],
    ['http://example.com/other/a.wav', 0, 'path'],
    ['http://example.com/', 0, 'path'],
    ['http://www.example.com/audio/a', 0, 'host'],
    ['http://a.cdn.example/audio/a', 0, undefined],
    ['http://a.b.cdn.example/audio/a', 0, undefined],
    ['http://cdn.example/audio/a', 0, 'host'],
    ['http://local.example:8080/audio/a', 0, undefined],
    ['http://local.example/audio/a', 0, 'host'],
    ['http://example.com:8080/audio/a', 0, undefined],
  ];
  for (const [url, depth, exclusion] of cases) {
    it(`${url} at depth ${String(depth)}: ${exclusion ?? 'in scope'}`, () => {
      assert.equal(scopeExclusion(scope, url, depth), exclusion);
      assert.equal(isInScope(scope, url, depth), exclusion === undefined);
    });
  }

  it('an explicit default port matches the scheme', () => {
    const https = validateCrawlScope({ hosts: ['secure.example:443'] });
    assert.equal(isInScope(https, 'https://secure.example/a', 0), true);
    assert.equal(isInScope(https, 'http://secure.example/a', 0), false);
  });
});

describe('media types', () => {
  it('parses Content-Type', () => {
    assert.deepEqual(parseContentType('Text/HTML; Charset="UTF-8"'), {
      mediaType: 'text/html',
      charset: 'utf-8',
    });
    assert.deepEqual(parseContentType(undefined), {
      mediaType: 'application/octet-stream',
      charset: undefined,
    });
    assert.equal(parseContentType('nonsense').mediaType, 'application/octet-stream');
  });

  it('matches ranges with wildcards', () => {
    assert.ok(mediaRangeMatches('*/*', 'audio/wav'));
    assert.ok(mediaRangeMatches('audio/*', 'audio/wav'));
    assert.ok(!mediaRangeMatches('audio/*', 'audiox/wav'));
    assert.ok(!mediaRangeMatches('audio/wav', 'audio/x-wav'));
    assert.ok(isMediaRange('application/vnd.api+json'));
    assert.ok(!isMediaRange('audio/'));
    const scope = validateCrawlScope({
      hosts: ['a.example'],
      mediaTypes: ['text/html', 'audio/*'],
    });
    assert.ok(scopeAcceptsMediaType(scope, 'audio/mpeg'));
    assert.ok(!scopeAcceptsMediaType(scope, 'image/png'));
  });
});

describe('validateCrawlPoliteness', () => {
  it('has defaults', () => {
    assert.deepEqual(validateCrawlPoliteness(), CRAWL_POLITENESS_DEFAULTS);
    assert.deepEqual(validateCrawlPoliteness({ perHostDelayMs: 0, concurrency: 2 }), {
      ...CRAWL_POLITENESS_DEFAULTS,
      perHostDelayMs: 0,
      concurrency: 2,
    });
  });

  for (const [field, value] of [
    ['politeness', 'fast'],
    ['perHostDelayMs', { perHostDelayMs: -1 }],
    ['perHostConcurrency', { perHostConcurrency: 0 }],
    ['concurrency', { concurrency: 1e6 }],
    ['perHostConcurrency', { perHostConcurrency: 4, concurrency: 2 }],
    ['maxCrawlDelayMs', { maxCrawlDelayMs: 0.5 }],
    ['delay', { delay: 1 }],
  ] as const) {
    it(`rejects ${JSON.stringify(value)} naming ${field}`, () => {
      rejects('DEURO_CRAWL_INVALID_POLITENESS', field, () => validateCrawlPoliteness(value));
    });
  }
});

describe('validateFetchOptions', () => {
  it('has defaults and keeps what it is given', () => {
    assert.deepEqual(validateFetchOptions(), FETCH_OPTION_DEFAULTS);
    assert.equal(validateFetchOptions({ retries: 0 }).retries, 0);
    assert.equal(productToken('Deuro-Crawler_2/1.0 (+https://deuro.example)'), 'Deuro-Crawler_');
  });

  for (const [field, value] of [
    ['userAgent', { userAgent: '' }],
    ['userAgent', { userAgent: '/1.0' }],
    ['connectTimeoutMs', { connectTimeoutMs: 0 }],
    ['retries', { retries: 21 }],
    ['maxRedirects', { maxRedirects: -1 }],
    ['timeoutMs', { timeoutMs: 5 }],
  ] as const) {
    it(`rejects ${JSON.stringify(value)} naming ${field}`, () => {
      rejects('DEURO_CRAWL_INVALID_OPTIONS', field, () => validateFetchOptions(value));
    });
  }
});
