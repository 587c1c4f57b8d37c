/*
 * Check against Optuna 3.1 (Debian's python3-optuna), the reference implementation of TPE: the
 * Parzen estimator's log densities for the same observations, through
 * scripts/reference/gpredict-optuna-parzen.py (which applies Optuna's own later fix of its
 * truncated-normal density, optuna/optuna#5110). Fails with a clear message when python3 or
 * optuna is missing.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { encodeConfiguration } from './configuration.js';
import { observationWeights } from './observation-split.js';
import { fitParzenEstimator, type EstimatorDimension } from './parzen-estimator.js';
import { TPE_DEFAULTS } from './search-options.js';
import { validateSearchSpace, type Configuration } from './search-space.js';

const PYTHON = '/usr/bin/python3';
const REFERENCE = join(__dirname, '../../../../scripts/reference');

function runPython(script: string, args: readonly string[], input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      PYTHON,
      [join(REFERENCE, script), ...args],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error !== null) {
          reject(
            new Error(
              `${script} failed (needs ${PYTHON} with Debian's python3-optuna 3.1): ${stderr.trim() || error.message}`,
            ),
          );
          return;
        }
        resolve(stdout);
      },
    );
    child.stdin?.end(input);
  });
}

interface ParzenCase {
  readonly space: { parameters: Record<string, unknown> };
  readonly observations: readonly Configuration[];
  readonly points: readonly Configuration[];
  readonly multivariate: boolean;
  /** Whether the magic clip floors the bandwidths (Optuna's default; Deuro's only with the neighbour rule). */
  readonly magicClip: boolean;
}

/** Deterministic pseudo-random numbers for the fixtures (not the search's streams). */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 0x100000000;
  };
}

function configurations(
  count: number,
  seed: number,
  make: (next: () => number) => Configuration,
): Configuration[] {
  const next = lcg(seed);
  return Array.from({ length: count }, () => make(next));
}

/** Four dimensions estimated jointly (Scott's rule), with Optuna's magic clip. */
const multivariateCase: ParzenCase = {
  space: {
    parameters: {
      x: { type: 'uniform', low: -1, high: 1 },
      lr: { type: 'loguniform', low: 0.001, high: 10 },
      k: { type: 'int', low: 1, high: 20 },
      c: { type: 'choice', options: ['relu', 'tanh', 'gelu'] },
    },
  },
  observations: configurations(12, 3, (next) => ({
    x: -1 + 2 * next(),
    lr: 10 ** (-3 + 4 * next()),
    k: 1 + Math.floor(20 * next()),
    c: ['relu', 'tanh', 'gelu'][Math.floor(3 * next())] ?? 'relu',
  })),
  points: configurations(6, 4, (next) => ({
    x: -1 + 2 * next(),
    lr: 10 ** (-3 + 4 * next()),
    k: 1 + Math.floor(20 * next()),
    c: ['relu', 'tanh', 'gelu'][Math.floor(3 * next())] ?? 'relu',
  })),
  multivariate: true,
  magicClip: true,
};

const cases: ParzenCase[] = [
  {
    space: { parameters: { x: { type: 'uniform', low: -5, high: 10 } } },
    observations: configurations(7, 1, (next) => ({ x: -5 + 15 * next() })),
    points: [-5, -4.99, 0, 3.3, 9.999, 10].map((x) => ({ x })),
    multivariate: false,
    magicClip: true,
  },
  {
    space: { parameters: { lr: { type: 'loguniform', low: 0.0001, high: 1 } } },
    observations: configurations(31, 2, (next) => ({ lr: 10 ** (-4 + 4 * next()) })),
    points: [0.0001, 0.00031, 0.01, 0.5, 1].map((lr) => ({ lr })),
    multivariate: false,
    magicClip: true,
  },
  {
    space: { parameters: { d: { type: 'quniform', low: 0, high: 0.9, q: 0.05 } } },
    observations: [0.05, 0.35, 0.35, 0.9, 0].map((d) => ({ d })),
    points: [0, 0.05, 0.3, 0.35, 0.85, 0.9].map((d) => ({ d })),
    multivariate: false,
    magicClip: true,
  },
  {
    space: { parameters: { n: { type: 'int', low: 0, high: 31, step: 3 } } },
    observations: [0, 3, 30, 12, 12, 15].map((n) => ({ n })),
    points: [0, 3, 6, 27, 30].map((n) => ({ n })),
    multivariate: false,
    magicClip: true,
  },
  {
    space: { parameters: { c: { type: 'choice', options: ['a', 1, true, { value: 'b' }] } } },
    observations: ['a', 1, 1, true].map((c) => ({ c })),
    points: ['a', 1, true, 'b'].map((c) => ({ c })),
    multivariate: false,
    magicClip: true,
  },
  {
    space: { parameters: { x: { type: 'uniform', low: 0, high: 1 } } },
    observations: [],
    points: [0, 0.5, 1].map((x) => ({ x })),
    multivariate: false,
    magicClip: true,
  },
  multivariateCase,
  // Two observations, where the clip (range / 4) is wider than Scott's rule (0.18 of the range):
  // with it as in Optuna, and without it, Deuro's default for Scott's rule.
  { ...multivariateCase, observations: multivariateCase.observations.slice(0, 2) },
  {
    ...multivariateCase,
    observations: multivariateCase.observations.slice(0, 2),
    magicClip: false,
  },
];

function deuroLogDensities(testCase: ParzenCase): number[] {
  const space = validateSearchSpace(testCase.space);
  const parameters = space.root.parameters;
  const dimensions: EstimatorDimension[] = parameters.map((parameter) =>
    parameter.kind === 'choice'
      ? { kind: 'categorical', size: parameter.options.length }
      : { kind: 'numeric', domain: parameter.domain },
  );
  const rows = (list: readonly Configuration[]): number[][] =>
    list.map((configuration) => {
      const point = encodeConfiguration(space, configuration);
      return parameters.map((parameter) => point.get(parameter.name) ?? NaN);
    });
  const observations = rows(testCase.observations);
  const estimator = fitParzenEstimator(
    dimensions,
    observations,
    observationWeights(observations.length, TPE_DEFAULTS.fullWeightTrials),
    {
      priorWeight: TPE_DEFAULTS.priorWeight,
      magicClip: testCase.magicClip,
      considerEndpoints: TPE_DEFAULTS.considerEndpoints,
      scottBandwidth: testCase.multivariate,
    },
  );
  return estimator.logDensity(rows(testCase.points));
}

function columns(
  space: ParzenCase['space'],
  list: readonly Configuration[],
): Record<string, unknown[]> {
  return Object.fromEntries(
    Object.keys(space.parameters).map((name) => [
      name,
      list.map((configuration) => configuration[name]),
    ]),
  );
}

describe('Parzen estimator against Optuna 3.1', () => {
  it('gives the log densities of Optuna for the same observations', async () => {
    const input = cases.map((testCase) => ({
      space: testCase.space,
      observations: columns(testCase.space, testCase.observations),
      points: columns(testCase.space, testCase.points),
      multivariate: testCase.multivariate,
      magicClip: testCase.magicClip,
    }));
    const reference = JSON.parse(
      await runPython('gpredict-optuna-parzen.py', [], JSON.stringify(input)),
    ) as number[][];
    const clipped = reference[cases.length - 2] ?? [];
    const unclipped = reference[cases.length - 1] ?? [];
    assert.ok(
      clipped.some((value, point) => Math.abs(value - (unclipped[point] ?? NaN)) > 1e-3),
      'the magic clip changes the densities of the two-observation case',
    );
    cases.forEach((testCase, index) => {
      const ours = deuroLogDensities(testCase);
      const theirs = reference[index] ?? [];
      assert.equal(ours.length, theirs.length);
      ours.forEach((value, point) => {
        const expected = theirs[point] ?? NaN;
        assert.ok(
          Math.abs(value - expected) <= 1e-9 * Math.max(1, Math.abs(expected)),
          `case ${String(index)} point ${String(point)}: deuro ${String(value)}, optuna ${String(expected)}`,
        );
      });
    });
  });
});
