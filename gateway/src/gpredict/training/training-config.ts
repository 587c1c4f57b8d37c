/*
 * The hyper-parameters of a training trial, their defaults, and their validation. A trial is
 * named by its task and trial ids: they name every random stream the trial draws from (the
 * initial weights, each epoch's shuffle, each step's stochastic rounding), so the same
 * configuration trains the same weights on every machine.
 */
import {
  type FixedFormat,
  checkFixedFormat,
  isFixedPointError,
  powerOfTwo,
} from '../fixed-point/index.js';
import { TrainingError } from './training-error.js';

/** The model: softmax regression, or a multi-layer perceptron with ReLU hidden layers. */
export type ModelKind = 'softmax' | 'mlp';

/** The arithmetic: fixed point rounding to nearest or stochastically, or float32. */
export type TrainingRounding = 'nearest' | 'stochastic' | 'float32';

/** Formats of the three kinds of fixed-point words. */
export interface TrainingFormats {
  /** Weights and biases. */
  readonly weights: FixedFormat;
  /** Inputs, hidden activations, logits and softmax outputs. */
  readonly activations: FixedFormat;
  /** Output errors, back-propagated errors, gradients and momentum buffers. */
  readonly gradients: FixedFormat;
}

/** A training trial's configuration; everything but `model`, `taskId` and `trialId` is optional. */
export interface TrainingConfig {
  readonly model: ModelKind;
  /** Names the trial's random streams together with `trialId`. */
  readonly taskId: string;
  readonly trialId: string;
  /** Hidden layer sizes of an MLP (not allowed for softmax). */
  readonly hiddenSizes?: readonly number[];
  readonly learningRate?: number;
  readonly momentum?: number;
  readonly batchSize?: number;
  readonly epochs?: number;
  readonly rounding?: TrainingRounding;
  /** The format of every fixed-point word, unless `formats` overrides it. */
  readonly format?: FixedFormat;
  /** Per-kind formats, each defaulting to `format`. */
  readonly formats?: Partial<TrainingFormats>;
}

/** A configuration with every default filled in. */
export interface ResolvedTrainingConfig {
  readonly model: ModelKind;
  readonly taskId: string;
  readonly trialId: string;
  readonly hiddenSizes: readonly number[];
  readonly learningRate: number;
  readonly momentum: number;
  readonly batchSize: number;
  readonly epochs: number;
  readonly rounding: TrainingRounding;
  readonly formats: TrainingFormats;
}

/** The defaults, documented in docs/gpredict-training.md. */
export const TRAINING_DEFAULTS: {
  readonly mlpHiddenSizes: readonly number[];
  readonly learningRate: number;
  readonly momentum: number;
  readonly batchSize: number;
  readonly epochs: number;
  readonly rounding: TrainingRounding;
  readonly format: FixedFormat;
} = Object.freeze({
  mlpHiddenSizes: Object.freeze([32]),
  learningRate: 0.03,
  momentum: 0.9,
  batchSize: 32,
  epochs: 30,
  rounding: 'stochastic',
  format: Object.freeze({ nb: 4, fb: 12 }),
});

/**
 * Hyper-parameter coefficients (learning rate, momentum) are words of <8, 24>: the product of
 * a coefficient and a gradient is then exact before its one conversion.
 */
export const COEFFICIENT_FORMAT: FixedFormat = Object.freeze({ nb: 8, fb: 24 });

const KNOWN_KEYS = new Set([
  'model',
  'taskId',
  'trialId',
  'hiddenSizes',
  'learningRate',
  'momentum',
  'batchSize',
  'epochs',
  'rounding',
  'format',
  'formats',
]);

const MAX_HIDDEN_LAYERS = 8;
const MAX_LAYER_SIZE = 4096;

/**
 * `config` with its defaults, validated.
 * @throws TrainingError `DEURO_TRAINING_INVALID_CONFIG` naming the first field that is
 * missing, unknown or out of range.
 */
export function resolveTrainingConfig(config: TrainingConfig): ResolvedTrainingConfig {
  const unknown = Object.keys(config).find((key) => !KNOWN_KEYS.has(key));
  if (unknown !== undefined) {
    throw invalid(unknown, `${unknown} is not a training option`);
  }
  const model = checkChoice(config.model, 'model', ['softmax', 'mlp'] as const);
  const rounding = checkChoice(config.rounding ?? TRAINING_DEFAULTS.rounding, 'rounding', [
    'nearest',
    'stochastic',
    'float32',
  ] as const);
  return {
    model,
    taskId: checkName(config.taskId, 'taskId'),
    trialId: checkName(config.trialId, 'trialId'),
    hiddenSizes: resolveHiddenSizes(model, config.hiddenSizes),
    learningRate: resolveLearningRate(config.learningRate, rounding),
    momentum: checkRange(config.momentum ?? TRAINING_DEFAULTS.momentum, 'momentum', 0, 1, true),
    batchSize: checkInteger(config.batchSize ?? TRAINING_DEFAULTS.batchSize, 'batchSize', 1, 65536),
    epochs: checkInteger(config.epochs ?? TRAINING_DEFAULTS.epochs, 'epochs', 1, 100000),
    rounding,
    formats: resolveFormats(config),
  };
}

function resolveLearningRate(value: number | undefined, rounding: TrainingRounding): number {
  const learningRate = checkRange(
    value ?? TRAINING_DEFAULTS.learningRate,
    'learningRate',
    0,
    64,
    false,
  );
  if (rounding !== 'float32' && learningRate < powerOfTwo(-COEFFICIENT_FORMAT.fb)) {
    throw invalid(
      'learningRate',
      `learningRate must be at least 2^-24 in fixed point, got ${String(learningRate)}`,
    );
  }
  return learningRate;
}

function checkChoice<Choice extends string>(
  value: unknown,
  field: string,
  choices: readonly Choice[],
): Choice {
  const found = choices.find((choice) => choice === value);
  if (found === undefined) {
    throw invalid(
      field,
      `${field} must be one of ${choices.map((choice) => `'${choice}'`).join(', ')}, got ${String(value)}`,
    );
  }
  return found;
}

function resolveHiddenSizes(
  model: ModelKind,
  hiddenSizes: readonly number[] | undefined,
): readonly number[] {
  const sizes: unknown = hiddenSizes;
  if (model === 'softmax') {
    if (sizes !== undefined && !(Array.isArray(sizes) && sizes.length === 0)) {
      throw invalid(
        'hiddenSizes',
        'softmax regression has no hidden layers; leave hiddenSizes out',
      );
    }
    return [];
  }
  if (sizes === undefined) {
    return TRAINING_DEFAULTS.mlpHiddenSizes;
  }
  if (!Array.isArray(sizes) || sizes.length < 1 || sizes.length > MAX_HIDDEN_LAYERS) {
    throw invalid(
      'hiddenSizes',
      `hiddenSizes must list 1 to ${String(MAX_HIDDEN_LAYERS)} layer sizes`,
    );
  }
  return Object.freeze(
    sizes.map((size, index) =>
      checkInteger(size, `hiddenSizes[${String(index)}]`, 1, MAX_LAYER_SIZE),
    ),
  );
}

function resolveFormats(config: TrainingConfig): TrainingFormats {
  const base = checkFormat(config.format ?? TRAINING_DEFAULTS.format, 'format');
  const overrides: unknown = config.formats ?? {};
  if (typeof overrides !== 'object' || overrides === null) {
    throw invalid('formats', 'formats must be an object {weights?, activations?, gradients?}');
  }
  const given = overrides as Record<string, unknown>;
  const unknown = Object.keys(given).find(
    (key) => !['weights', 'activations', 'gradients'].includes(key),
  );
  if (unknown !== undefined) {
    throw invalid(
      `formats.${unknown}`,
      `formats.${unknown} is not a kind of word (weights, activations, gradients)`,
    );
  }
  const pick = (kind: keyof TrainingFormats): FixedFormat =>
    given[kind] === undefined ? base : checkFormat(given[kind], `formats.${kind}`);
  return Object.freeze({
    weights: pick('weights'),
    activations: pick('activations'),
    gradients: pick('gradients'),
  });
}

function checkFormat(value: unknown, field: string): FixedFormat {
  try {
    return checkFixedFormat(value, field);
  } catch (error) {
    if (isFixedPointError(error)) {
      throw new TrainingError(
        'DEURO_TRAINING_INVALID_CONFIG',
        error.detail,
        error.field ?? field,
        error,
      );
    }
    throw error;
  }
}

function checkName(value: unknown, field: string): string {
  // A slash would let two (task, trial) pairs name the same streams: "a/b" + "c" = "a" + "b/c".
  if (typeof value !== 'string' || value.length < 1 || value.length > 200 || value.includes('/')) {
    throw invalid(field, `${field} must be a string of 1 to 200 characters without '/'`);
  }
  return value;
}

function checkInteger(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(
      field,
      `${field} must be an integer from ${String(min)} to ${String(max)}, got ${String(value)}`,
    );
  }
  return value;
}

function checkRange(
  value: unknown,
  field: string,
  low: number,
  high: number,
  lowIncluded: boolean,
): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    (lowIncluded ? value < low : value <= low) ||
    value >= high
  ) {
    const interval = `${lowIncluded ? '[' : '('}${String(low)}, ${String(high)})`;
    throw invalid(field, `${field} must be a number in ${interval}, got ${String(value)}`);
  }
  return value;
}

function invalid(field: string, detail: string): TrainingError {
  return new TrainingError('DEURO_TRAINING_INVALID_CONFIG', detail, field);
}
