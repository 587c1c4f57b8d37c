import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { defaultSearchBenchOptions, parseSearchBenchOptions } from './options';
import { formatObjectiveTable, formatTrials, formatVerdict } from './report';
import type { AlgorithmSummary } from './trials-to-target';

/**
 * Ten seeds spread by `spread` around `medianTrials`, which stays their median; `descending`
 * gives the seeds the values in the other order, so two summaries are not paired seed by seed.
 */
function summary(medianTrials: number, spread = 1, descending = false): AlgorithmSummary {
  const offsets = Array.from({ length: 10 }, (_, seed) => seed - 4.5);
  return {
    trialsPerSeed: (descending ? offsets.reverse() : offsets).map(
      (offset) => medianTrials + spread * offset,
    ),
    medianTrials,
    quartileTrials: [medianTrials - 1, medianTrials + 1],
    reached: 10,
    seeds: 10,
    medianBestOfReference: 0.5,
    millisecondsPerTrial: 1,
  };
}

describe('search bench options', () => {
  it('uses the defaults, then the environment, then the flags', () => {
    assert.deepEqual(parseSearchBenchOptions([], {}), defaultSearchBenchOptions);
    assert.equal(parseSearchBenchOptions([], { DEURO_BENCH_SEARCH_SEEDS: '5' }).seeds, 5);
    assert.equal(
      parseSearchBenchOptions(['--seeds', '3'], { DEURO_BENCH_SEARCH_SEEDS: '5' }).seeds,
      3,
    );
    assert.deepEqual(parseSearchBenchOptions(['--objectives', 'branin,hartmann6'], {}).objectives, [
      'branin',
      'hartmann6',
    ]);
    assert.equal(parseSearchBenchOptions(['--optuna', 'no'], {}).optuna, false);
    assert.equal(parseSearchBenchOptions(['--optuna-bridge', 'yes'], {}).optunaBridge, true);
    assert.equal(
      parseSearchBenchOptions([], { DEURO_BENCH_SEARCH_OPTUNA_BRIDGE: 'yes' }).optunaBridge,
      true,
    );
  });

  it('reads a first seed and extra TPE settings, checked by the search', () => {
    assert.equal(parseSearchBenchOptions(['--first-seed', '100'], {}).firstSeed, 100);
    assert.deepEqual(
      parseSearchBenchOptions(['--tpe-settings', '{"clipScottBandwidths":true}'], {}).tpeSettings,
      [{ clipScottBandwidths: true }],
    );
    assert.deepEqual(
      parseSearchBenchOptions(['--tpe-settings', '[{"multivariate":false},{"candidates":48}]'], {})
        .tpeSettings,
      [{ multivariate: false }, { candidates: 48 }],
    );
    assert.throws(() => parseSearchBenchOptions(['--tpe-settings', '[1]'], {}), /--tpe-settings/);
    assert.throws(() => parseSearchBenchOptions(['--tpe-settings', '{x'], {}), /--tpe-settings/);
    assert.throws(
      () => parseSearchBenchOptions(['--tpe-settings', '{"candidates":0}'], {}),
      /--tpe-settings: .*candidates/,
    );
  });

  it('rejects unknown flags and values out of range, naming them', () => {
    assert.throws(() => parseSearchBenchOptions(['--fast', '1'], {}), /--fast/);
    assert.throws(() => parseSearchBenchOptions(['--seeds', '0'], {}), /--seeds/);
    assert.throws(() => parseSearchBenchOptions(['--optuna', 'maybe'], {}), /--optuna/);
    assert.throws(
      () => parseSearchBenchOptions([], { DEURO_BENCH_SEARCH_BUDGET: 'x' }),
      /DEURO_BENCH_SEARCH_BUDGET/,
    );
    assert.throws(() => parseSearchBenchOptions(['--budget', '50'], {}), /--reference-trials/);
  });
});

describe('search bench report', () => {
  it('prints trials, the budget when not reached, and the verdicts', () => {
    assert.equal(formatTrials(31.5, 200), '31.5');
    assert.equal(formatTrials(Infinity, 200), '>200');
    const table = formatObjectiveTable(
      [{ label: 'random', summary: summary(100) }],
      summary(100),
      200,
      100,
    );
    assert.match(table[2] ?? '', /^random\s+100\s+99-101\s+10\/10\s+1\.00x/);
    const pass = formatVerdict(
      { random: summary(100), deuro: summary(30), optuna: summary(40) },
      200,
    );
    assert.match(pass[0] ?? '', /3\.33x .*PASS/);
    assert.match(pass[1] ?? '', /ratio 1\.33x .*PASS/);
    const below = formatVerdict(
      { random: summary(100), deuro: summary(50), optuna: summary(40) },
      200,
    );
    assert.match(below[1] ?? '', /ratio 0\.80x \(95% interval 0\.\d\dx to 0\.\d\dx; .*\): BELOW$/);
    const noisy = formatVerdict(
      { random: summary(100), deuro: summary(42, 8), optuna: summary(40, 8, true) },
      200,
    );
    assert.match(noisy[1] ?? '', /ratio 0\.95x .*BELOW, within the seeds' noise$/);
  });
});
