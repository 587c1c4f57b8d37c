import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { newRandomStream } from '../random/index.js';
import { newNumericDomain } from './numeric-domain.js';
import { fitParzenEstimator, type ParzenSettings } from './parzen-estimator.js';

const SETTINGS: ParzenSettings = {
  priorWeight: 1,
  magicClip: true,
  considerEndpoints: false,
  scottBandwidth: false,
};

describe('Parzen estimator', () => {
  it('has a density that integrates to 1 over a continuous range', () => {
    const domain = newNumericDomain({
      type: 'uniform',
      low: -5,
      high: 10,
      step: undefined,
      log: false,
    });
    const estimator = fitParzenEstimator(
      [{ kind: 'numeric', domain }],
      [[1], [2], [7.5], [9.9]],
      [1, 1, 1, 1],
      SETTINGS,
    );
    const steps = 15000;
    const width = 15 / steps;
    const points = Array.from({ length: steps }, (_, index) => [-5 + (index + 0.5) * width]);
    const total = estimator
      .logDensity(points)
      .reduce((sum, logDensity) => sum + Math.exp(logDensity) * width, 0);
    assert.ok(Math.abs(total - 1) < 1e-6, `integral ${String(total)}`);
  });

  it('gives grid masses that sum to 1 and samples them at those frequencies', () => {
    const domain = newNumericDomain({ type: 'int', low: 1, high: 64, step: 1, log: true });
    const observed = [2, 3, 40].map((value) => [domain.toInternal(value)]);
    const estimator = fitParzenEstimator(
      [{ kind: 'numeric', domain }],
      observed,
      [1, 1, 1],
      SETTINGS,
    );
    const grid = Array.from({ length: domain.gridSize }, (_, index) => [
      domain.toInternal(domain.gridValue(index)),
    ]);
    const masses = estimator.logDensity(grid).map((logMass) => Math.exp(logMass));
    assert.ok(Math.abs(masses.reduce((sum, mass) => sum + mass, 0) - 1) < 1e-9);
    const count = 20000;
    const counts = new Array<number>(domain.gridSize).fill(0);
    for (const [internal] of estimator.sample(newRandomStream('parzen-grid'), count)) {
      const index = domain.gridIndex(domain.fromInternal(internal ?? 0));
      counts[index] = (counts[index] ?? 0) + 1;
    }
    masses.forEach((mass, index) => {
      assert.ok(
        Math.abs((counts[index] ?? 0) / count - mass) < 0.015,
        `grid point ${String(index)}`,
      );
    });
  });

  it('samples categories at the frequencies of its masses, jointly with a numeric dimension', () => {
    const domain = newNumericDomain({
      type: 'uniform',
      low: 0,
      high: 1,
      step: undefined,
      log: false,
    });
    const estimator = fitParzenEstimator(
      [
        { kind: 'categorical', size: 3 },
        { kind: 'numeric', domain },
      ],
      [
        [0, 0.1],
        [0, 0.2],
        [2, 0.9],
      ],
      [1, 1, 1],
      { ...SETTINGS, scottBandwidth: true },
    );
    const count = 20000;
    const samples = estimator.sample(newRandomStream('parzen-joint'), count);
    for (let option = 0; option < 3; option += 1) {
      // Marginal mass of the option: integrate the joint density over the numeric dimension.
      const steps = 2000;
      const points = Array.from({ length: steps }, (_, index) => [option, (index + 0.5) / steps]);
      const mass = estimator
        .logDensity(points)
        .reduce((sum, logDensity) => sum + Math.exp(logDensity) / steps, 0);
      const frequency = samples.filter((sample) => sample[0] === option).length / count;
      assert.ok(
        Math.abs(frequency - mass) < 0.015,
        `option ${String(option)}: ${String(frequency)} vs ${String(mass)}`,
      );
    }
    for (const sample of samples) {
      assert.ok((sample[1] ?? -1) >= 0 && (sample[1] ?? 2) <= 1);
    }
  });
});
