import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { defaultFixedPointBenchOptions, parseFixedPointBenchOptions, parseFormat } from './options';
import { type RunFigures, findingVerdict, formatAccuracyTable, mean } from './report';

describe('fixed-point bench options', () => {
  it('uses the defaults, then the environment, then the flags', () => {
    assert.deepEqual(parseFixedPointBenchOptions([], {}), defaultFixedPointBenchOptions);
    assert.equal(parseFixedPointBenchOptions([], { DEURO_BENCH_FIXED_SEEDS: '5' }).seeds, 5);
    const parsed = parseFixedPointBenchOptions(
      ['--seeds', '2', '--formats', '8.8,8.24', '--models', 'mlp', '--learning-rates', '0.1'],
      { DEURO_BENCH_FIXED_SEEDS: '5' },
    );
    assert.equal(parsed.seeds, 2);
    assert.deepEqual(parsed.formats, [
      { nb: 8, fb: 8 },
      { nb: 8, fb: 24 },
    ]);
    assert.deepEqual(parsed.models, ['mlp']);
    assert.deepEqual(parsed.learningRates, [0.1]);
  });

  it('rejects unknown flags and invalid values, naming them', () => {
    assert.throws(() => parseFixedPointBenchOptions(['--fast', '1'], {}), /--fast/);
    assert.throws(() => parseFixedPointBenchOptions(['--epochs', '0'], {}), /--epochs/);
    assert.throws(() => parseFixedPointBenchOptions(['--formats', '4.12,20.20'], {}), /20\.20/);
    assert.throws(
      () => parseFixedPointBenchOptions([], { DEURO_BENCH_FIXED_MODELS: 'cnn' }),
      /DEURO_BENCH_FIXED_MODELS/,
    );
    assert.equal(parseFormat('0.8'), undefined);
    assert.deepEqual(parseFormat('2.14'), { nb: 2, fb: 14 });
  });
});

describe('fixed-point bench report', () => {
  const figures = (label: string, accuracy: number[]): RunFigures => ({
    label,
    accuracyBasisPoints: accuracy,
    changedInLastEpoch: accuracy.map(() => 0.5),
    seconds: accuracy.map(() => 1),
  });

  it('states whether SR is within 1 pp and RN at least 2 pp short', () => {
    const float = figures('float32', [9500, 9600]);
    assert.match(
      findingVerdict(float, figures('RN', [9200, 9300]), figures('SR', [9480, 9500])),
      /FINDING HOLDS/,
    );
    assert.match(
      findingVerdict(float, figures('RN', [9500, 9500]), figures('SR', [9480, 9500])),
      /RN not visibly short/,
    );
    assert.match(
      findingVerdict(float, figures('RN', [9000, 9000]), figures('SR', [9300, 9400])),
      /SR NOT within 1 pp/,
    );
  });

  it('tabulates each run against the float32 baseline', () => {
    const float = figures('float32', [9500, 9600]);
    const lines = formatAccuracyTable(float, [figures('SR <8,8>', [9450, 9550])]);
    assert.equal(lines.length, 4);
    assert.match(
      lines[2] ?? '',
      /^float32 +95\.50 +95\.00-96\.00 +baseline +1\.000 +50\.0% +1\.0$/,
    );
    assert.match(lines[3] ?? '', /-0\.50 +0\.995/);
    assert.equal(mean([1, 2, 3]), 2);
  });
});
