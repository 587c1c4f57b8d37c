import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { isDeuroError } from '../ledger/errors';
import { batches, splitBudget } from './crawl-admission';
import { parseAlignmentRequest } from './crawl-alignment';
import { mediaTypeAllowed } from './crawl-completion';
import { inScope, scopeField, urlField } from './crawl-fields';
import { parseCompletionRequest, parseCreateJobRequest } from './crawl-requests';
import { taskIdOf } from './crawl-store';

const invalid = (field: RegExp) => (error: unknown) => {
  assert.ok(isDeuroError(error, 'DEURO_INVALID_ARGUMENT'), String(error));
  assert.match(error.message, field);
  return true;
};

describe('crawl budget and batching', () => {
  it('splits a budget into shares that differ by at most one and add up', () => {
    assert.deepEqual(splitBudget(10, 3), [4, 3, 3]);
    assert.deepEqual(splitBudget(2, 4), [1, 1, 0, 0]);
    assert.deepEqual(splitBudget(5, 0), []);
    for (let total = 0; total < 50; total++) {
      for (let parts = 1; parts < 9; parts++) {
        const shares = splitBudget(total, parts);
        assert.equal(
          shares.reduce((a, b) => a + b, 0),
          total,
        );
        assert.ok(Math.max(...shares) - Math.min(...shares) <= 1);
      }
    }
  });

  it('batches in order and names a batch by its job, attempt and URLs', () => {
    assert.deepEqual(batches([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
    const urls = [{ url: 'http://a/', depth: 0 }];
    assert.equal(taskIdOf('j', 0, urls), taskIdOf('j', 0, urls));
    assert.notEqual(taskIdOf('j', 0, urls), taskIdOf('j', 1, urls));
    assert.match(taskIdOf('j', 0, urls), /^[0-9a-f]{32}$/);
  });
});

describe('crawl fields', () => {
  it('accepts http(s) URLs and refuses others with the field named', () => {
    assert.equal(urlField('https://example.com/a?b=1', 'u'), 'https://example.com/a?b=1');
    assert.throws(
      () => urlField('not a url', 'request.seeds[0]'),
      invalid(/request\.seeds\[0\] is not a valid URL/),
    );
    assert.throws(() => urlField('ftp://example.com/', 'u'), invalid(/http or https/));
    assert.throws(() => urlField('http://example.com/#frag', 'u'), invalid(/no fragment/));
  });

  it('refuses an empty scope and fills defaults', () => {
    assert.throws(
      () => scopeField({ hosts: [] }, 'request.scope'),
      invalid(/request\.scope\.hosts is empty/),
    );
    const scope = scopeField({ hosts: ['127.0.0.1:8080', '*.example.com'] }, 's');
    assert.deepEqual(scope.pathPrefixes, ['/']);
    assert.equal(scope.maxDepth, 3);
    assert.throws(() => scopeField({ hosts: ['a'], extra: 1 }, 's'), invalid(/unknown field/));
    assert.throws(
      () => scopeField({ hosts: ['a'], mediaTypes: ['audio'] }, 's'),
      invalid(/mediaTypes\[0\]/),
    );
  });

  it('matches hosts (with ports and wildcards) and path prefixes', () => {
    const scope = scopeField(
      { hosts: ['127.0.0.1:8080', '*.example.com'], pathPrefixes: ['/site/'] },
      's',
    );
    assert.ok(inScope(scope, 'http://127.0.0.1:8080/site/a.html'));
    assert.ok(!inScope(scope, 'http://127.0.0.1:9090/site/a.html'));
    assert.ok(!inScope(scope, 'http://127.0.0.1:8080/other/'));
    assert.ok(inScope(scope, 'https://www.example.com/site/x'));
    assert.ok(!inScope(scope, 'https://example.com/site/x'));
  });

  it('matches media ranges', () => {
    assert.ok(mediaTypeAllowed(['audio/*'], 'audio/wav'));
    assert.ok(mediaTypeAllowed(['*/*'], 'text/html'));
    assert.ok(!mediaTypeAllowed(['audio/*', 'text/html'], 'image/png'));
  });
});

describe('crawl requests', () => {
  it('parses a job request with defaults and refuses bad ones', () => {
    const job = parseCreateJobRequest(
      JSON.stringify({
        id: 'job-1',
        seeds: ['http://127.0.0.1:8080/'],
        scope: { hosts: ['127.0.0.1:8080'] },
      }),
    );
    assert.equal(job.batchSize, 10);
    assert.equal(job.leaseSeconds, 60);
    assert.equal(job.crawlerOrgs, undefined);
    assert.throws(
      () => parseCreateJobRequest(JSON.stringify({ id: 'j', seeds: [], scope: { hosts: ['a'] } })),
      invalid(/seeds is empty/),
    );
    assert.throws(
      () =>
        parseCreateJobRequest(
          JSON.stringify({
            id: 'j',
            seeds: ['http://x/'],
            scope: { hosts: ['x'] },
            leaseSeconds: 1,
          }),
        ),
      invalid(/leaseSeconds/),
    );
  });

  it('parses a completion and names the faulty entry', () => {
    const done = parseCompletionRequest(
      JSON.stringify({
        fetched: [],
        failed: [{ url: 'http://x/a', reason: 'DEURO_CRAWL_HTTP_STATUS', retryable: true }],
        discovered: [{ url: 'http://x/b', depth: 1 }],
      }),
    );
    assert.equal(done.failed[0]?.retryable, true);
    assert.throws(
      () => parseCompletionRequest(JSON.stringify({ fetched: [{ url: 'http://x/a' }] })),
      invalid(/request\.fetched\[0\]\.finalUrl/),
    );
  });
});

describe('alignment requests', () => {
  const verified = {
    verdict: 'verified',
    scoreMicro: 1_250_000,
    thresholdMicro: -500_000,
    words: 7,
    textGridSha256: 'a'.repeat(64),
    textGridAssetId: 'crawl-textgrid-1',
    aligner: 'deuro-align/1 pocketsphinx-en-us',
  };

  it('accepts a verdict that agrees with its score and a rejection with a reason', () => {
    const record = parseAlignmentRequest(JSON.stringify(verified));
    assert.equal(record.verdict, 'verified');
    assert.equal(record.reason, null);
    const unalignable = parseAlignmentRequest(
      JSON.stringify({
        verdict: 'rejected',
        reason: 'DEURO_SPEECH_UNKNOWN_WORDS',
        aligner: 'deuro-align/1',
      }),
    );
    assert.equal(unalignable.scoreMicro, null);
    assert.equal(unalignable.textGridSha256, null);
  });

  it('refuses contradictions, fractions and unknown fields, naming the field', () => {
    const bad = (change: Record<string, unknown>, field: RegExp): void => {
      assert.throws(
        () => parseAlignmentRequest(JSON.stringify({ ...verified, ...change })),
        invalid(field),
      );
    };
    bad({ verdict: 'rejected' }, /contradicts/);
    bad({ verdict: 'maybe' }, /verdict/);
    bad({ scoreMicro: 1.5 }, /scoreMicro/);
    bad({ words: 0 }, /words/);
    bad({ textGridSha256: 'xyz' }, /textGridSha256/);
    bad({ extra: 1 }, /unknown field/);
    bad({ reason: 'DEURO_SPEECH_UNKNOWN_WORDS' }, /rejected|absent/);
    bad({ verdict: 'rejected', scoreMicro: -1_000_000, reason: 'DEURO_X_Y' }, /absent/);
  });
});
