import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  TRAINING_DEFAULTS,
  type TrainingConfig,
  resolveTrainingConfig,
} from './training-config.js';
import { isTrainingError } from './training-error.js';

const base: TrainingConfig = { model: 'mlp', taskId: 'task-1', trialId: 'trial-1' };

describe('resolveTrainingConfig', () => {
  it('fills in the documented defaults', () => {
    const resolved = resolveTrainingConfig(base);
    assert.deepEqual(resolved.hiddenSizes, [32]);
    assert.equal(resolved.learningRate, TRAINING_DEFAULTS.learningRate);
    assert.equal(resolved.momentum, 0.9);
    assert.equal(resolved.batchSize, 32);
    assert.equal(resolved.epochs, 30);
    assert.equal(resolved.rounding, 'stochastic');
    assert.deepEqual(resolved.formats, {
      weights: { nb: 4, fb: 12 },
      activations: { nb: 4, fb: 12 },
      gradients: { nb: 4, fb: 12 },
    });
    assert.deepEqual(resolveTrainingConfig({ ...base, model: 'softmax' }).hiddenSizes, []);
  });

  it('lets each kind of word have its own format', () => {
    const resolved = resolveTrainingConfig({
      ...base,
      format: { nb: 2, fb: 14 },
      formats: { activations: { nb: 6, fb: 10 } },
    });
    assert.deepEqual(resolved.formats.weights, { nb: 2, fb: 14 });
    assert.deepEqual(resolved.formats.activations, { nb: 6, fb: 10 });
    assert.deepEqual(resolved.formats.gradients, { nb: 2, fb: 14 });
  });

  it('rejects each invalid option with DEURO_TRAINING_INVALID_CONFIG naming its field', () => {
    const cases: [Partial<Record<keyof TrainingConfig | 'learningrate', unknown>>, string][] = [
      [{ model: 'cnn' }, 'model'],
      [{ taskId: '' }, 'taskId'],
      [{ trialId: 7 }, 'trialId'],
      [{ taskId: 'task/1' }, 'taskId'],
      [{ learningRate: 0 }, 'learningRate'],
      [{ learningRate: Number.NaN }, 'learningRate'],
      [{ learningRate: 1e-9 }, 'learningRate'],
      [{ momentum: 1 }, 'momentum'],
      [{ momentum: -0.1 }, 'momentum'],
      [{ batchSize: 0 }, 'batchSize'],
      [{ epochs: 2.5 }, 'epochs'],
      [{ rounding: 'up' }, 'rounding'],
      [{ hiddenSizes: [] }, 'hiddenSizes'],
      [{ hiddenSizes: [16, 0] }, 'hiddenSizes[1]'],
      [{ model: 'softmax', hiddenSizes: [8] }, 'hiddenSizes'],
      [{ format: { nb: 4, fb: 29 } }, 'format.fb'],
      [{ formats: { gradients: { nb: 0, fb: 8 } } }, 'formats.gradients.nb'],
      [{ formats: { bias: { nb: 4, fb: 8 } } }, 'formats.bias'],
      [{ learningrate: 0.1 }, 'learningrate'],
    ];
    for (const [change, field] of cases) {
      assert.throws(
        () => resolveTrainingConfig({ ...base, ...(change as Partial<TrainingConfig>) }),
        (error: unknown) =>
          isTrainingError(error, 'DEURO_TRAINING_INVALID_CONFIG') && error.field === field,
        JSON.stringify(change),
      );
    }
    // A float32 trial takes learning rates below the fixed-point coefficient resolution.
    assert.equal(
      resolveTrainingConfig({ ...base, rounding: 'float32', learningRate: 1e-9 }).learningRate,
      1e-9,
    );
  });
});
