import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { defaultIvectorBenchOptions, parseIvectorBenchOptions, usage, wantsHelp } from './options';

describe('i-vector bench options', () => {
  it('takes flags before environment before defaults', () => {
    const options = parseIvectorBenchOptions(
      ['--evaluate', '--speakers', '20', '--plot', '/tmp/x.png'],
      {
        DEURO_BENCH_IVECTOR_SPEAKERS: '30',
        DEURO_BENCH_IVECTOR_RANK: '50',
      },
    );
    assert.equal(options.evaluate, true);
    assert.equal(options.speakers, 20);
    assert.equal(options.rank, 50);
    assert.equal(options.plot, '/tmp/x.png');
    assert.equal(options.components, defaultIvectorBenchOptions.components);
    assert.equal(parseIvectorBenchOptions([], {}).evaluate, false);
  });

  it('names the flag or variable that is wrong', () => {
    assert.throws(
      () => parseIvectorBenchOptions(['--speakers', '200'], {}),
      /--speakers must be a whole number from 5 to 98/,
    );
    assert.throws(
      () => parseIvectorBenchOptions([], { DEURO_BENCH_IVECTOR_RANK: 'x' }),
      /DEURO_BENCH_IVECTOR_RANK/,
    );
    assert.throws(() => parseIvectorBenchOptions(['--nope', '1'], {}), /unknown option --nope/);
    assert.throws(() => parseIvectorBenchOptions(['--rank'], {}), /--rank needs a value/);
  });

  it('documents every flag', () => {
    assert.ok(wantsHelp(['-h']));
    for (const flag of [
      '--evaluate',
      '--speakers',
      '--sessions',
      '--components',
      '--rank',
      '--minutes',
      '--rounds',
      '--cache-dir',
      '--plot',
      '--model-out',
    ]) {
      assert.ok(usage.includes(flag), flag);
    }
  });
});
