import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffDelayMs, isRetryableStatus, parseRetryAfterMs } from './retry-policy.js';

describe('retry policy', () => {
  const options = { retryBaseDelayMs: 500, retryMaxDelayMs: 3000 };

  it('doubles the backoff up to the cap, with half of it jittered', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5].map((retry) => backoffDelayMs(options, retry, () => 0)),
      [250, 500, 1000, 1500, 1500],
    );
    assert.deepEqual(
      [1, 2, 3, 4, 5].map((retry) => backoffDelayMs(options, retry, () => 0.999999)),
      [500, 1000, 2000, 3000, 3000],
    );
  });

  it('retries 429 and transient 5xx only', () => {
    assert.deepEqual(
      [200, 301, 404, 408, 429, 500, 501, 502, 503, 504, 505, 599].filter(isRetryableStatus),
      [429, 500, 502, 503, 504, 599],
    );
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2024-01-01T00:00:00Z');
    assert.equal(parseRetryAfterMs('120', now), 120_000);
    assert.equal(parseRetryAfterMs(' 0 ', now), 0);
    assert.equal(parseRetryAfterMs('Mon, 01 Jan 2024 00:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfterMs('Sun, 31 Dec 2023 23:00:00 GMT', now), 0);
    assert.equal(parseRetryAfterMs('-5', now), undefined);
    assert.equal(parseRetryAfterMs('soon', now), undefined);
    assert.equal(parseRetryAfterMs(undefined, now), undefined);
  });
});
