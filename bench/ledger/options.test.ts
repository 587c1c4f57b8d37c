import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { defaultBenchOptions, parseBenchOptions } from './options';

void describe('bench options', () => {
  it('defaults without flags or environment', () => {
    assert.deepEqual(parseBenchOptions([], {}), defaultBenchOptions);
  });

  it('takes flags over environment variables', () => {
    const options = parseBenchOptions(['--concurrency', '16', '--warmup=0', '--baseline-only'], {
      DEURO_BENCH_CONCURRENCY: '4',
      DEURO_BENCH_TRANSACTIONS: '100',
    });
    assert.equal(options.concurrency, 16);
    assert.equal(options.transactions, 100);
    assert.equal(options.warmup, 0);
    assert.equal(options.baselineOnly, true);
  });

  it('names the flag or variable it rejects', () => {
    assert.throws(() => parseBenchOptions(['--concurrency', '0'], {}), /--concurrency/);
    assert.throws(() => parseBenchOptions([], { DEURO_BENCH_ROUNDS: '2.5' }), /DEURO_BENCH_ROUNDS/);
    assert.throws(() => parseBenchOptions(['--rounds'], {}), /--rounds needs a value/);
    assert.throws(() => parseBenchOptions(['--fast'], {}), /unknown option --fast/);
    assert.throws(
      () => parseBenchOptions(['--transactions', '2', '--rounds', '3'], {}),
      /--transactions/,
    );
  });
});
