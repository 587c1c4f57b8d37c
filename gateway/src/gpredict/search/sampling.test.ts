import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { encodeConfiguration } from './configuration.js';
import { isSearchError } from './search-error.js';
import { newRandomSearch, newTpeSearch, type Search } from './search.js';
import { validateSearchSpace, type Configuration } from './search-space.js';

const SPACE = {
  parameters: {
    lr: { type: 'loguniform', low: 1e-5, high: 1 },
    dropout: { type: 'quniform', low: 0, high: 0.9, q: 0.05 },
    batch: { type: 'qloguniform', low: 16, high: 500, q: 16 },
    units: { type: 'int', low: 8, high: 1024, log: true },
    stride: { type: 'int', low: 0, high: 13, step: 3 },
    model: {
      type: 'choice',
      options: [
        'linear',
        {
          value: 'svm',
          parameters: {
            'svm.C': { type: 'uniform', low: -2, high: 3 },
            'svm.kernel': {
              type: 'choice',
              options: [
                {
                  value: 'rbf',
                  parameters: { 'svm.gamma': { type: 'loguniform', low: 0.001, high: 10 } },
                },
                'poly',
              ],
            },
          },
        },
        { value: 7, parameters: { 'seven.depth': { type: 'int', low: 1, high: 3 } } },
      ],
    },
  },
};

function isOnGrid(value: number, low: number, step: number): boolean {
  const index = Math.round((value - low) / step);
  return Math.abs(low + index * step - value) < 1e-9 * step;
}

/** The names a configuration must have, given its choices. */
function activeNames(configuration: Configuration): string[] {
  const names = ['batch', 'dropout', 'lr', 'model', 'stride', 'units'];
  if (configuration['model'] === 'svm') {
    names.push('svm.C', 'svm.kernel');
    if (configuration['svm.kernel'] === 'rbf') {
      names.push('svm.gamma');
    }
  }
  if (configuration['model'] === 7) {
    names.push('seven.depth');
  }
  return names.sort();
}

function assertInSpace(configuration: Configuration): void {
  const number = (name: string): number => configuration[name] as number;
  assert.deepEqual(Object.keys(configuration).sort(), activeNames(configuration));
  assert.ok(number('lr') >= 1e-5 && number('lr') <= 1);
  assert.ok(number('dropout') >= 0 && number('dropout') <= 0.9);
  assert.ok(isOnGrid(number('dropout'), 0, 0.05));
  assert.ok(number('batch') >= 16 && number('batch') <= 496 && isOnGrid(number('batch'), 16, 16));
  assert.ok(Number.isInteger(number('units')) && number('units') >= 8 && number('units') <= 1024);
  assert.ok([0, 3, 6, 9, 12].includes(number('stride')));
  assert.ok(['linear', 'svm', 7].includes(configuration['model'] as string | number));
  assertBranchInSpace(configuration);
}

function assertBranchInSpace(configuration: Configuration): void {
  const number = (name: string): number => configuration[name] as number;
  if (configuration['model'] === 'svm') {
    assert.ok(number('svm.C') >= -2 && number('svm.C') <= 3);
  }
  if (configuration['svm.kernel'] === 'rbf') {
    assert.ok(number('svm.gamma') >= 0.001 && number('svm.gamma') <= 10);
  }
  if (configuration['model'] === 7) {
    assert.ok([1, 2, 3].includes(number('seven.depth')));
  }
}

/** A made-up objective over the space, so that TPE has something to model. */
function objective(configuration: Configuration): number {
  const lr = Math.log10(configuration['lr'] as number);
  const base = configuration['model'] === 'svm' ? 0 : 1;
  return base + (lr + 2) ** 2 + ((configuration['dropout'] as number) - 0.3) ** 2;
}

function drive(search: Search, trials: number): Configuration[] {
  const configurations: Configuration[] = [];
  for (let trial = 0; trial < trials; trial += 1) {
    const configuration = search.suggest(trial);
    configurations.push(configuration);
    search.observe(trial, objective(configuration));
  }
  return configurations;
}

describe('sampling', () => {
  it('draws random configurations inside bounds, on grids, with only the active parameters', () => {
    const configurations = drive(newRandomSearch({ space: SPACE, seed: 'bounds' }), 600);
    configurations.forEach(assertInSpace);
    const models = new Map<unknown, number>();
    const strides = new Map<unknown, number>();
    for (const configuration of configurations) {
      models.set(configuration['model'], (models.get(configuration['model']) ?? 0) + 1);
      strides.set(configuration['stride'], (strides.get(configuration['stride']) ?? 0) + 1);
    }
    // Uniform over 3 options and 5 grid points: expected 200 and 120, about 5 sigma.
    for (const count of models.values()) {
      assert.ok(Math.abs(count - 200) < 60);
    }
    assert.equal(strides.size, 5);
    for (const count of strides.values()) {
      assert.ok(Math.abs(count - 120) < 50);
    }
    // Log-uniform: about half the learning rates are below 10^-2.5.
    const small = configurations.filter(
      (configuration) => (configuration['lr'] as number) < 10 ** -2.5,
    );
    assert.ok(Math.abs(small.length - 300) < 70);
  });

  it('keeps TPE suggestions inside the space too', () => {
    drive(newTpeSearch({ space: SPACE, seed: 'tpe-bounds', multivariate: false }), 40).forEach(
      assertInSpace,
    );
    drive(newTpeSearch({ space: SPACE, seed: 'tpe-bounds' }), 40).forEach(assertInSpace);
  });

  it('checks that a configuration belongs to the space, naming the parameter', () => {
    const space = validateSearchSpace(SPACE);
    const good: Configuration = {
      lr: 0.01,
      dropout: 0.3,
      batch: 32,
      units: 100,
      stride: 3,
      model: 'linear',
    };
    assert.equal(encodeConfiguration(space, good).size, 6);
    const cases: readonly (readonly [Configuration, string])[] = [
      [{ ...good, dropout: 0.31 }, 'dropout'],
      [{ ...good, stride: 4 }, 'stride'],
      [{ ...good, units: 2000 }, 'units'],
      [{ ...good, model: 'tree' }, 'model'],
      [{ ...good, 'svm.C': 1 }, 'svm.C'],
      [{ ...good, model: 'svm' }, 'svm.C'],
      [{ ...good, lr: '0.1' }, 'lr'],
    ];
    for (const [configuration, field] of cases) {
      assert.throws(
        () => encodeConfiguration(space, configuration, 4),
        (error: unknown) =>
          isSearchError(error, 'DEURO_SEARCH_INVALID_TRIAL') &&
          error.field === field &&
          error.trialNumber === 4,
        field,
      );
    }
  });
});
