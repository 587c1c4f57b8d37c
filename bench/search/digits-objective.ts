/**
 * A small real objective: train a digits classifier with gPredict's reproducible trainer
 * (gateway/src/gpredict/training) and return its test cross-entropy. The model family is a
 * choice (softmax regression, or an MLP whose hidden size is a branch parameter), with the
 * learning rate, momentum and batch size. Each trial trains 3 epochs in float32 on the
 * scikit-learn digits (1438 train, 359 test images), about 0.1 s. The value is a deterministic
 * function of the configuration: the trainer's random streams are named by a hash of it. The
 * trainer is TypeScript, so Optuna reaches it through the ask/tell bridge (optuna-ask-tell.ts):
 * Optuna picks each configuration, this process trains. It is not in the default set
 * (`--objectives digits` selects it).
 */
import { createHash } from 'node:crypto';

import {
  ensureDigits,
  splitDigits,
  type DigitsSplit,
} from '../../gateway/src/gpredict/datasets/index';
import type { Configuration } from '../../gateway/src/gpredict/search/index';
import {
  LOSS_FORMAT,
  trainModel,
  type TrainingConfig,
} from '../../gateway/src/gpredict/training/index';
import type { BenchObjective } from './objectives';

const EPOCHS = 3;

/** The digits search space. */
export const DIGITS_SPACE = {
  parameters: {
    model: {
      type: 'choice',
      options: [
        'softmax',
        {
          value: 'mlp',
          parameters: { 'mlp.hidden': { type: 'int', low: 4, high: 128, log: true } },
        },
      ],
    },
    learningRate: { type: 'loguniform', low: 0.0001, high: 2 },
    momentum: { type: 'uniform', low: 0, high: 0.95 },
    batchSize: { type: 'choice', options: [8, 16, 32, 64, 128] },
  },
};

let split: Promise<DigitsSplit> | undefined;

/** The training configuration of a search configuration. */
export function digitsTrainingConfig(configuration: Configuration): TrainingConfig {
  const trialId = createHash('sha256')
    .update(JSON.stringify(configuration))
    .digest('hex')
    .slice(0, 16);
  const common = {
    taskId: 'bench-search-digits',
    trialId,
    learningRate: configuration['learningRate'] as number,
    momentum: configuration['momentum'] as number,
    batchSize: configuration['batchSize'] as number,
    epochs: EPOCHS,
    rounding: 'float32' as const,
  };
  return configuration['model'] === 'mlp'
    ? { ...common, model: 'mlp', hiddenSizes: [configuration['mlp.hidden'] as number] }
    : { ...common, model: 'softmax' };
}

/** Train and return the test cross-entropy (null when the trainer reports no test metrics). */
async function evaluateDigits(configuration: Configuration): Promise<number | null> {
  split ??= ensureDigits().then((digits) => splitDigits(digits));
  const data = await split;
  const result = trainModel(digitsTrainingConfig(configuration), data);
  const test = result.metrics.test;
  return test === undefined ? null : test.lossRaw / 2 ** LOSS_FORMAT.fb;
}

/** The digits objective. */
export const digitsObjective: BenchObjective = {
  name: 'digits',
  description: `digits classifier, ${String(EPOCHS)} epochs float32 (model choice, MLP size, learning rate, momentum, batch size); test cross-entropy`,
  space: DIGITS_SPACE,
  direction: 'minimize',
  optimum: undefined,
  optuna: false,
  evaluate: evaluateDigits,
};
