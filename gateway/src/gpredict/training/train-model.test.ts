import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import {
  type DigitsSplit,
  type LabelledSamples,
  ensureDigits,
  splitDigits,
} from '../datasets/index.js';
import { deserializeCheckpoint } from './checkpoint.js';
import { type EpochReport, evaluateModel, trainModel } from './train-model.js';
import type { TrainingConfig } from './training-config.js';
import { isTrainingError } from './training-error.js';

/** The digits moved `by` pixels to the right: the "new data" of a fine-tuning. */
function shiftRight(samples: LabelledSamples, by: number): LabelledSamples {
  const features = new Float64Array(samples.features.length);
  for (let sample = 0; sample < samples.count; sample += 1) {
    for (let row = 0; row < 8; row += 1) {
      for (let column = by; column < 8; column += 1) {
        features[sample * 64 + row * 8 + column] =
          samples.features[sample * 64 + row * 8 + column - by] ?? 0;
      }
    }
  }
  return { ...samples, features };
}

describe('trainModel', () => {
  let digits: DigitsSplit;

  before(async () => {
    digits = splitDigits(await ensureDigits());
  });

  it('trains bit-identical weights for the same configuration, others for another trial', () => {
    const config: TrainingConfig = {
      model: 'softmax',
      taskId: 'task-7',
      trialId: 'trial-1',
      epochs: 2,
    };
    const first = trainModel(config, digits);
    const second = trainModel(config, digits);
    assert.equal(first.checkpointSha256, second.checkpointSha256);
    assert.deepEqual(first.checkpoint, second.checkpoint);
    const other = trainModel({ ...config, trialId: 'trial-2' }, digits);
    assert.notEqual(other.weightsSha256, first.weightsSha256);
    assert.equal(first.optimizerState.step, 2 * Math.ceil(1438 / 32));
    assert.equal(first.weights.encoding.kind, 'fixed');
  });

  it('reproduces the white paper finding: with 16-bit words SR matches float32, RN falls short', () => {
    // <8, 8>: theta/2 = 2^-9; with learning rate 0.01 most late updates are smaller.
    const config: TrainingConfig = {
      model: 'softmax',
      taskId: 'finding',
      trialId: 'unit-test',
      learningRate: 0.01,
      epochs: 30,
      format: { nb: 8, fb: 8 },
    };
    const float = trainModel({ ...config, rounding: 'float32' }, digits);
    const nearest = trainModel({ ...config, rounding: 'nearest' }, digits);
    const stochastic = trainModel({ ...config, rounding: 'stochastic' }, digits);
    const accuracy = (result: typeof float): number =>
      result.metrics.test?.accuracyBasisPoints ?? 0;
    assert.ok(accuracy(float) >= 9400, `float32 ${String(accuracy(float))} bp`);
    assert.ok(
      accuracy(float) - accuracy(stochastic) <= 100,
      `SR ${String(accuracy(stochastic))} bp`,
    );
    assert.ok(accuracy(float) - accuracy(nearest) >= 250, `RN ${String(accuracy(nearest))} bp`);
    // The mechanism: under RN most parameters stop moving.
    const lastChanged = (result: typeof float): number =>
      result.history[result.history.length - 1]?.changedParameters ?? 0;
    assert.ok(
      lastChanged(nearest) * 5 < lastChanged(stochastic),
      `${String(lastChanged(nearest))} changed under RN`,
    );
  });

  it('trains a multi-layer perceptron in fixed point and reports every epoch', () => {
    const reports: EpochReport[] = [];
    const result = trainModel(
      { model: 'mlp', taskId: 'mlp', trialId: 'unit-test', hiddenSizes: [16], epochs: 4 },
      digits,
      { onProgress: (report) => reports.push(report) },
    );
    assert.deepEqual(reports, result.history);
    assert.deepEqual(
      reports.map((report) => report.epoch),
      [1, 2, 3, 4],
    );
    assert.deepEqual(result.weights.layerSizes, [64, 16, 10]);
    assert.equal(reports[0]?.parameterCount, 64 * 16 + 16 + 16 * 10 + 10);
    assert.ok(
      (result.metrics.test?.accuracyBasisPoints ?? 0) > 9000,
      JSON.stringify(result.metrics.test),
    );
    assert.ok((reports.at(-1)?.trainLossRaw ?? 0) < (reports.at(0)?.trainLossRaw ?? 0));
  });

  it('evaluates weights as trained, also after a checkpoint round trip', () => {
    const result = trainModel(
      { model: 'mlp', taskId: 'eval', trialId: 'one', hiddenSizes: [8], epochs: 2 },
      digits,
    );
    assert.deepEqual(evaluateModel(result.weights, digits.train), result.metrics.train);
    const restored = deserializeCheckpoint(result.checkpoint);
    assert.deepEqual(evaluateModel(restored.weights, digits.test), result.metrics.test);
    assert.deepEqual(restored.state, result.optimizerState);
  });

  it('fine-tunes registered weights on new data and improves on it', () => {
    const base = {
      model: 'softmax',
      taskId: 'transfer',
      learningRate: 0.03,
      format: { nb: 8, fb: 8 },
    } as const;
    const registered = trainModel({ ...base, trialId: 'registered', epochs: 10 }, digits);
    const shifted = { train: shiftRight(digits.train, 1), test: shiftRight(digits.test, 1) };
    const before = evaluateModel(registered.weights, shifted.test);
    const tuned = trainModel({ ...base, trialId: 'fine-tune', epochs: 2 }, shifted, {
      initialWeights: registered.weights,
    });
    const after = tuned.metrics.test?.accuracyBasisPoints ?? 0;
    assert.ok(
      after >= before.accuracyBasisPoints + 2000,
      `${String(before.accuracyBasisPoints)} -> ${String(after)} bp`,
    );
    // The fine-tuning starts from the registered weights: with a learning rate too small to
    // survive rounding to nearest they come back unchanged.
    const frozen = trainModel(
      { ...base, trialId: 'frozen', epochs: 1, learningRate: 2 ** -20, rounding: 'nearest' },
      shifted,
      {
        initialWeights: registered.weights,
      },
    );
    assert.equal(frozen.weightsSha256, registered.weightsSha256);
    // Weights of another arithmetic are converted: float32 weights fine-tuned in fixed point.
    const floatModel = trainModel(
      { ...base, trialId: 'float', epochs: 3, rounding: 'float32' },
      digits,
    );
    const converted = trainModel(
      { ...base, trialId: 'from-float', epochs: 1, learningRate: 2 ** -20, rounding: 'nearest' },
      digits,
      {
        initialWeights: floatModel.weights,
      },
    );
    const floatAccuracy = floatModel.metrics.test?.accuracyBasisPoints ?? 0;
    assert.ok(Math.abs((converted.metrics.test?.accuracyBasisPoints ?? 0) - floatAccuracy) <= 100);
  });

  it('rejects bad data, oversized batches and initial weights of another shape', () => {
    const config: TrainingConfig = {
      model: 'softmax',
      taskId: 'errors',
      trialId: 'one',
      epochs: 1,
    };
    const badLabels = {
      ...digits.test,
      labels: digits.test.labels.map((label, index) => (index === 3 ? 10 : label)),
    };
    const badFeatures = {
      ...digits.test,
      features: digits.test.features.map((value, index) => (index === 5 ? Number.NaN : value)),
    };
    const cases: [() => unknown, string, string][] = [
      [
        () => trainModel(config, { train: badLabels }),
        'DEURO_TRAINING_INVALID_DATA',
        'data.train.labels[3]',
      ],
      [
        () => trainModel(config, { train: digits.train, test: badFeatures }),
        'DEURO_TRAINING_INVALID_DATA',
        'data.test.features[5]',
      ],
      [
        () => trainModel({ ...config, batchSize: 2000 }, digits),
        'DEURO_TRAINING_INVALID_CONFIG',
        'batchSize',
      ],
    ];
    for (const [run, code, field] of cases) {
      assert.throws(
        run,
        (error: unknown) => isTrainingError(error) && error.code === code && error.field === field,
        field,
      );
    }
    const mlp = trainModel(
      { model: 'mlp', taskId: 'errors', trialId: 'mlp', hiddenSizes: [4], epochs: 1 },
      digits,
    );
    assert.throws(
      () => trainModel(config, digits, { initialWeights: mlp.weights }),
      (error: unknown) =>
        isTrainingError(error, 'DEURO_TRAINING_INCOMPATIBLE_WEIGHTS') &&
        error.field === 'initialWeights.model',
    );
    assert.throws(
      () =>
        trainModel(
          { model: 'mlp', taskId: 'errors', trialId: 'mlp', hiddenSizes: [5], epochs: 1 },
          digits,
          { initialWeights: mlp.weights },
        ),
      (error: unknown) =>
        isTrainingError(error, 'DEURO_TRAINING_INCOMPATIBLE_WEIGHTS') &&
        error.field === 'initialWeights.layerSizes',
    );
  });
});
