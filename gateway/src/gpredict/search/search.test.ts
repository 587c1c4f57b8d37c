import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { runTrials } from './run-trials.js';
import { isSearchError, type SearchErrorCode } from './search-error.js';
import type { TpeOptions } from './search-options.js';
import { newRandomSearch, newTpeSearch } from './search.js';
import type { Configuration } from './search-space.js';
import { suggestRandomTrial, suggestTpeTrial } from './suggest-trial.js';

const BRANIN_SPACE = {
  parameters: {
    x1: { type: 'uniform', low: -5, high: 10 },
    x2: { type: 'uniform', low: 0, high: 15 },
  },
};

const CONDITIONAL_SPACE = {
  parameters: {
    x1: { type: 'uniform', low: -5, high: 10 },
    family: {
      type: 'choice',
      options: [
        { value: 'a', parameters: { x2: { type: 'uniform', low: 0, high: 15 } } },
        { value: 'b', parameters: { k: { type: 'int', low: 0, high: 15 } } },
      ],
    },
  },
};

function branin(configuration: Configuration): number {
  const x1 = configuration['x1'] as number;
  const x2 = (configuration['x2'] ?? configuration['k']) as number;
  const b = 5.1 / (4 * Math.PI ** 2);
  const c = 5 / Math.PI;
  const t = 1 / (8 * Math.PI);
  const penalty = configuration['family'] === 'b' ? 2 : 0;
  return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10 + penalty;
}

/** Deterministic pseudo-random numbers driving completion orders (not the search's streams). */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 0x100000000;
  };
}

/** Runs trials with `parallelism` in flight, completing them in an order drawn from `orderSeed`. */
function runShuffled(options: TpeOptions, trials: number, orderSeed: number): Configuration[] {
  const search = newTpeSearch(options);
  const parallelism = options.parallelism ?? 1;
  const next = lcg(orderSeed);
  const inFlight: number[] = [];
  let started = 0;
  for (let done = 0; done < trials; done += 1) {
    while (
      inFlight.length < parallelism &&
      started < trials &&
      search.missingResults(started).length === 0
    ) {
      search.suggest(started);
      inFlight.push(started);
      started += 1;
    }
    const [finished] = inFlight.splice(Math.floor(next() * inFlight.length), 1);
    if (finished === undefined) {
      throw new Error('nothing in flight');
    }
    search.observe(finished, branin(search.suggest(finished)));
  }
  return Array.from({ length: trials }, (_, trial) => search.suggest(trial));
}

function bestOf(options: TpeOptions, random: boolean, trials: number): number {
  const search = random ? newRandomSearch(options) : newTpeSearch(options);
  for (let trial = 0; trial < trials; trial += 1) {
    search.observe(trial, branin(search.suggest(trial)));
  }
  return search.best()?.value ?? Infinity;
}

function assertSearchError(
  code: SearchErrorCode,
  check: (error: {
    field?: string | undefined;
    trialNumber?: number | undefined;
    missingTrials: readonly number[];
  }) => boolean = () => true,
) {
  return (error: unknown): boolean => isSearchError(error, code) && check(error);
}

describe('TPE search', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const run = (seed: string | number): Configuration[] =>
      runShuffled({ space: CONDITIONAL_SPACE, seed }, 30, 1);
    assert.deepEqual(run('s1'), run('s1'));
    assert.notDeepEqual(run('s1'), run('s2'));
    assert.deepEqual(run(7), run('7'));
  });

  it('suggests the same configurations whatever order parallel trials finish in', () => {
    for (const options of [
      { space: CONDITIONAL_SPACE, seed: 'order', parallelism: 4, startupTrials: 5 },
      {
        space: CONDITIONAL_SPACE,
        seed: 'order',
        parallelism: 3,
        startupTrials: 5,
        constantLiar: true,
      },
      {
        space: CONDITIONAL_SPACE,
        seed: 'order',
        parallelism: 3,
        startupTrials: 5,
        multivariate: false,
      },
    ]) {
      const reference = runShuffled(options, 36, 1);
      for (const orderSeed of [2, 3, 4, 5]) {
        assert.deepEqual(runShuffled(options, 36, orderSeed), reference);
      }
    }
  });

  it('gives the same configurations to asynchronous workers finishing out of order', async () => {
    const options = { space: BRANIN_SPACE, seed: 'async', parallelism: 4, startupTrials: 4 };
    const next = lcg(9);
    const records = await runTrials(
      newTpeSearch(options),
      async (configuration) => {
        const hops = Math.floor(next() * 20);
        for (let hop = 0; hop < hops; hop += 1) {
          await new Promise((resolve) => setImmediate(resolve));
        }
        return branin(configuration);
      },
      { trials: 24 },
    );
    assert.deepEqual(
      records.map((record) => record.configuration),
      runShuffled(options, 24, 1),
    );
  });

  it('waits for trials 0..k-P: not ready before, ready after', async () => {
    const search = newTpeSearch({ space: BRANIN_SPACE, seed: 'ready', parallelism: 2 });
    search.suggest(0);
    search.suggest(1);
    assert.deepEqual(search.missingResults(3), [0, 1]);
    assert.throws(
      () => search.suggest(3),
      assertSearchError(
        'DEURO_SEARCH_NOT_READY',
        (error) => error.trialNumber === 3 && error.missingTrials.join() === '0,1',
      ),
    );
    let ready = false;
    const waiting = search.whenReady(3).then(() => {
      ready = true;
    });
    search.observe(1, 3);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(ready, false);
    search.observe(0, 2);
    await waiting;
    assert.equal(ready, true);
    assert.equal(search.best()?.trialNumber, 0);
  });

  it('is the pure function of the results it depends on, ignoring later ones', () => {
    const options = { space: CONDITIONAL_SPACE, seed: 'pure', parallelism: 3, startupTrials: 4 };
    const search = newTpeSearch(options);
    for (let trial = 0; trial < 20; trial += 1) {
      search.observe(trial, branin(search.suggest(trial)));
    }
    const history = search.results();
    assert.deepEqual(suggestTpeTrial(options, 20, history), search.suggest(20));
    // Trial 20 with parallelism 3 uses trials 0..17: the values of 18 and 19 do not matter.
    const altered = history.map((record) =>
      record.trialNumber >= 18 ? { ...record, value: -1e9 } : record,
    );
    assert.deepEqual(suggestTpeTrial(options, 20, altered), search.suggest(20));
    assert.deepEqual(suggestTpeTrial(options, 20, history.slice(0, 18)), search.suggest(20));
    assert.throws(
      () => suggestTpeTrial(options, 20, history.slice(1, 18)),
      assertSearchError('DEURO_SEARCH_NOT_READY', (error) => error.missingTrials.join() === '0'),
    );
    assert.deepEqual(suggestRandomTrial(options, 3), newRandomSearch(options).suggest(3));
  });

  it('maximises -f exactly as it minimises f', () => {
    const minimise = newTpeSearch({ space: BRANIN_SPACE, seed: 'direction' });
    const maximise = newTpeSearch({
      space: BRANIN_SPACE,
      seed: 'direction',
      direction: 'maximize',
    });
    for (let trial = 0; trial < 25; trial += 1) {
      const configuration = minimise.suggest(trial);
      assert.deepEqual(maximise.suggest(trial), configuration);
      minimise.observe(trial, branin(configuration));
      maximise.observe(trial, -branin(configuration));
    }
    assert.equal(maximise.best()?.trialNumber, minimise.best()?.trialNumber);
  });

  it('finds better Branin values than random search in 100 trials (10 seeds)', () => {
    const median = (values: number[]): number => {
      const sorted = values.sort((a, b) => a - b);
      return ((sorted[4] ?? Infinity) + (sorted[5] ?? Infinity)) / 2;
    };
    const seeds = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const tpe = median(seeds.map((seed) => bestOf({ space: BRANIN_SPACE, seed }, false, 100)));
    const random = median(seeds.map((seed) => bestOf({ space: BRANIN_SPACE, seed }, true, 100)));
    assert.ok(tpe < random, `TPE median best ${String(tpe)}, random ${String(random)}`);
    assert.ok(tpe < 0.55, `TPE median best ${String(tpe)} (optimum 0.398)`);
  });

  it('treats failed trials as bad ones and keeps going', () => {
    const search = newTpeSearch({ space: BRANIN_SPACE, seed: 'failures', startupTrials: 3 });
    for (let trial = 0; trial < 15; trial += 1) {
      const configuration = search.suggest(trial);
      search.observe(trial, trial % 3 === 0 ? null : branin(configuration));
    }
    assert.equal(search.results().length, 15);
    assert.notEqual(search.best()?.value, null);
  });
});

describe('search errors', () => {
  it('rejects results that do not fit, naming the trial', () => {
    const search = newTpeSearch({ space: BRANIN_SPACE, seed: 'errors' });
    assert.throws(
      () => {
        search.observe(0, 1);
      },
      assertSearchError('DEURO_SEARCH_INVALID_TRIAL', (error) => error.trialNumber === 0),
    );
    search.suggest(0);
    assert.throws(
      () => {
        search.observe(0, NaN);
      },
      assertSearchError('DEURO_SEARCH_INVALID_TRIAL', (error) => error.field === 'value'),
    );
    assert.throws(() => {
      search.observe(0, Infinity);
    }, assertSearchError('DEURO_SEARCH_INVALID_TRIAL'));
    search.observe(0, 1);
    assert.throws(() => {
      search.observe(0, 1);
    }, assertSearchError('DEURO_SEARCH_INVALID_TRIAL'));
    assert.throws(
      () => search.suggest(-1),
      assertSearchError('DEURO_SEARCH_INVALID_TRIAL', (error) => error.field === 'trialNumber'),
    );
    assert.throws(() => search.suggest(1.5), assertSearchError('DEURO_SEARCH_INVALID_TRIAL'));
    assert.throws(
      () =>
        suggestTpeTrial({ space: BRANIN_SPACE, seed: 1 }, 0, [
          { trialNumber: 0, configuration: {}, value: 1 },
          { trialNumber: 0, configuration: {}, value: 2 },
        ]),
      assertSearchError('DEURO_SEARCH_INVALID_TRIAL', (error) => error.trialNumber === 0),
    );
  });

  it('rejects invalid options, naming them', async () => {
    const cases: readonly (readonly [Record<string, unknown>, string])[] = [
      [{ seed: '' }, 'seed'],
      [{ seed: 1.5 }, 'seed'],
      [{ seed: 's', parallelism: 0 }, 'parallelism'],
      [{ seed: 's', direction: 'up' }, 'direction'],
      [{ seed: 's', candidate: 10 }, 'candidate'],
      [{ seed: 's', candidates: 0 }, 'candidates'],
      [{ seed: 's', gammaFraction: 0 }, 'gammaFraction'],
      [{ seed: 's', priorWeight: -1 }, 'priorWeight'],
      [{ seed: 's', multivariate: 'yes' }, 'multivariate'],
      [{ seed: 's', startupTrials: 2.5 }, 'startupTrials'],
    ];
    for (const [options, field] of cases) {
      assert.throws(
        () => newTpeSearch({ space: BRANIN_SPACE, ...options } as unknown as TpeOptions),
        assertSearchError('DEURO_SEARCH_INVALID_OPTION', (error) => error.field === field),
        field,
      );
    }
    assert.throws(
      () => newRandomSearch({ space: { parameters: {} }, seed: 1 }),
      assertSearchError('DEURO_SEARCH_INVALID_SPACE'),
    );
    await assert.rejects(
      runTrials(newRandomSearch({ space: BRANIN_SPACE, seed: 1 }), () => 0, { trials: -1 }),
      assertSearchError('DEURO_SEARCH_INVALID_OPTION', (error) => error.field === 'trials'),
    );
  });
});
