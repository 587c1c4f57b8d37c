import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CrawlError, isCrawlError } from './crawl-error.js';
import {
  MAX_URL_LENGTH,
  hostOf,
  normalisePercentEncoding,
  normaliseUrl,
  originOf,
} from './url-normalisation.js';

describe('normaliseUrl', () => {
  const cases: [string, string][] = [
    ['HTTP://Example.COM/a', 'http://example.com/a'],
    ['http://example.com:80/a', 'http://example.com/a'],
    ['https://example.com:443/a', 'https://example.com/a'],
    ['https://example.com:80/a', 'https://example.com:80/a'],
    ['http://example.com', 'http://example.com/'],
    ['http://example.com/a/./b/../c', 'http://example.com/a/c'],
    ['http://example.com/a/%2e%2E/c', 'http://example.com/c'],
    ['http://example.com/%7euser/%41%62', 'http://example.com/~user/Ab'],
    ['http://example.com/a%2fb%3F', 'http://example.com/a%2Fb%3F'],
    ['http://example.com/a b', 'http://example.com/a%20b'],
    ['http://example.com/caf\u00e9', 'http://example.com/caf%C3%A9'],
    ['http://example.com/a#frag', 'http://example.com/a'],
    ['http://example.com/a?', 'http://example.com/a'],
    ['http://example.com/a?b=2&a=1', 'http://example.com/a?b=2&a=1'],
    ['http://example.com/a?q=%7e%2f', 'http://example.com/a?q=~%2F'],
    ['http://b\u00fccher.example/', 'http://xn--bcher-kva.example/'],
    ['http://example.com./a', 'http://example.com/a'],
    ['http://example.com.:8080/a', 'http://example.com:8080/a'],
    ['http://[::1]:8080/', 'http://[::1]:8080/'],
    ['  http://example.com/a  ', 'http://example.com/a'],
    ['http://example.com/%zz', 'http://example.com/%zz'],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} -> ${expected}`, () => {
      assert.equal(normaliseUrl(input), expected);
    });
  }

  it('is idempotent', () => {
    for (const [input] of cases) {
      const once = normaliseUrl(input);
      assert.equal(normaliseUrl(once), once);
    }
  });

  it('resolves against a base', () => {
    assert.equal(normaliseUrl('../c?x#y', 'http://example.com/a/b/'), 'http://example.com/a/c?x');
    assert.equal(
      normaliseUrl('//other.example/z', 'https://example.com/'),
      'https://other.example/z',
    );
  });

  const invalidUrls: [string, string][] = [
    ['not a url', 'unparseable'],
    ['ftp://example.com/a', 'another scheme'],
    ['mailto:someone@example.com', 'mailto'],
    ['javascript:void(0)', 'javascript'],
    ['http://user:pass@example.com/', 'credentials'],
    [`http://example.com/${'a'.repeat(MAX_URL_LENGTH)}`, 'too long'],
  ];
  for (const [input, why] of invalidUrls) {
    it(`rejects ${why} with DEURO_CRAWL_INVALID_URL`, () => {
      assert.throws(
        () => normaliseUrl(input),
        (err: unknown) =>
          err instanceof CrawlError &&
          isCrawlError(err, 'DEURO_CRAWL_INVALID_URL') &&
          !err.retryable &&
          err.url !== undefined,
      );
    });
  }
});

describe('URL helpers', () => {
  it('normalisePercentEncoding decodes unreserved and uppercases the rest', () => {
    assert.equal(normalisePercentEncoding('%7e%2d%2E%5F%41%2f%c3%a9'), '~-._A%2F%C3%A9');
  });

  it('originOf and hostOf keep non-default ports', () => {
    assert.equal(originOf('https://example.com:8443/a?b'), 'https://example.com:8443');
    assert.equal(hostOf('http://example.com:8080/a'), 'example.com:8080');
    assert.equal(hostOf('http://example.com/a'), 'example.com');
  });
});
