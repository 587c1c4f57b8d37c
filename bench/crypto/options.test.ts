import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultCryptoBenchOptions, parseCryptoBenchOptions } from './options';
import { formatMemory, formatThroughput, median } from './report';

describe('crypto bench options', () => {
  it('uses the defaults, then the environment, then the flags', () => {
    assert.deepEqual(parseCryptoBenchOptions([], {}), defaultCryptoBenchOptions);
    assert.equal(parseCryptoBenchOptions([], { DEURO_BENCH_CRYPTO_SIZE_MIB: '64' }).sizeMib, 64);
    assert.equal(
      parseCryptoBenchOptions(['--size-mib', '32'], { DEURO_BENCH_CRYPTO_SIZE_MIB: '64' }).sizeMib,
      32,
    );
  });

  it('rejects unknown flags and values out of range, naming them', () => {
    assert.throws(() => parseCryptoBenchOptions(['--fast', '1'], {}), /--fast/);
    assert.throws(() => parseCryptoBenchOptions(['--rounds', '0'], {}), /--rounds/);
    assert.throws(
      () => parseCryptoBenchOptions([], { DEURO_BENCH_CRYPTO_STREAM_MIB: 'x' }),
      /DEURO_BENCH_CRYPTO_STREAM_MIB/,
    );
  });
});

describe('crypto bench report', () => {
  it('reports the median throughput ratio against the goal', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([1, 2, 3, 4]), 2.5);
    const pass = formatThroughput({ sizeMib: 100, deuroSeconds: [1], opensslSeconds: [1] });
    const below = formatThroughput({ sizeMib: 100, deuroSeconds: [2], opensslSeconds: [1] });
    assert.match(pass.at(-1) ?? '', /ratio 1\.00x .*PASS/);
    assert.match(below.at(-1) ?? '', /ratio 0\.50x .*BELOW/);
  });

  it('reports resident memory growth against the limit', () => {
    const mib = 1024 * 1024;
    const lines = formatMemory({
      bytes: 1024 * mib,
      seconds: 2,
      baselineRssBytes: 80 * mib,
      peakRssBytes: 130 * mib,
    });
    assert.match(lines.at(-1) ?? '', /growth 50\.0 MiB .*PASS/);
  });
});
