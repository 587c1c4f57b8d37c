/*
 * The training loop: validate, initialise (or take initial weights to fine-tune), then for each
 * epoch shuffle the training samples with the stream `${taskId}/${trialId}/epoch-${e}/shuffle`
 * (Fisher-Yates), take consecutive batches (the last one may be smaller) and step. Nothing
 * depends on the clock, Math.random or iteration order of a map, so the same configuration and
 * data give the same bytes on every machine; the result carries their SHA-256.
 */
import type { LabelledSamples } from '../datasets/index.js';
import { convertReal, fixedFormat, newNearestRounder } from '../fixed-point/index.js';
import { newRandomStream } from '../random/index.js';
import { serializeCheckpoint, sha256Hex } from './checkpoint.js';
import { newFixedNetwork } from './fixed-network.js';
import { newFloat32Network } from './float32-network.js';
import {
  type LayerParameters,
  type ModelWeights,
  type OptimizerState,
  type ParameterEncoding,
  type ParameterSet,
  checkWeightsFit,
  convertParameters,
  initialParameters,
  isFixedParameterSet,
  zeroParameters,
} from './model-weights.js';
import type { EvaluationCounts, TrainableNetwork } from './network.js';
import {
  type ResolvedTrainingConfig,
  type TrainingConfig,
  resolveTrainingConfig,
} from './training-config.js';
import { type TrainingData, checkSamples, checkTrainingData } from './training-data.js';
import { TrainingError } from './training-error.js';

/** Losses are reported as raw words of <16, 16>: loss = lossRaw / 65536. */
export const LOSS_FORMAT = fixedFormat(16, 16);

/** Accuracy and loss over a set of samples, as integers. */
export interface EvaluationMetrics {
  readonly count: number;
  readonly correct: number;
  /** floor(10000 * correct / count). */
  readonly accuracyBasisPoints: number;
  /** Mean cross-entropy as a raw word of {@link LOSS_FORMAT}. */
  readonly lossRaw: number;
}

/** What {@link TrainOptions.onProgress} receives after each epoch. */
export interface EpochReport {
  /** 1 for the first epoch. */
  readonly epoch: number;
  /** Steps taken so far. */
  readonly steps: number;
  /** Mean cross-entropy of the epoch's training batches (forward passes as trained), raw <16, 16>. */
  readonly trainLossRaw: number;
  /** Metrics on the test samples, when there are some. */
  readonly test: EvaluationMetrics | undefined;
  /**
   * How many parameters (weights and biases) changed during the epoch: under round-to-nearest,
   * updates smaller than theta/2 vanish and parameters freeze.
   */
  readonly changedParameters: number;
  /** The number of parameters. */
  readonly parameterCount: number;
}

/** Options of {@link trainModel}. */
export interface TrainOptions {
  /** Weights to start from (transfer learning); any encoding, converted to the trainer's. */
  readonly initialWeights?: ModelWeights;
  /** Called after each epoch. */
  readonly onProgress?: (report: EpochReport) => void;
}

/** The final metrics of a trial. */
export interface TrainingMetrics {
  readonly epochs: number;
  readonly steps: number;
  /** Mean training-batch loss of the last epoch, raw <16, 16>. */
  readonly trainLossRaw: number;
  /** The trained model on the whole training set. */
  readonly train: EvaluationMetrics;
  /** The trained model on the test set, when given. */
  readonly test: EvaluationMetrics | undefined;
}

/** The outcome of a trial. */
export interface TrainingResult {
  readonly config: ResolvedTrainingConfig;
  readonly weights: ModelWeights;
  readonly optimizerState: OptimizerState;
  readonly metrics: TrainingMetrics;
  readonly history: readonly EpochReport[];
  /** The canonical bytes of the weights and the optimizer state (checkpoint.ts). */
  readonly checkpoint: Uint8Array;
  readonly checkpointSha256: string;
  /** SHA-256 of the canonical bytes of the weights alone. */
  readonly weightsSha256: string;
}

/**
 * Train a model on `data.train` as `config` says, reporting each epoch.
 * @throws TrainingError `DEURO_TRAINING_INVALID_CONFIG` (naming the field),
 * `DEURO_TRAINING_INVALID_DATA`, `DEURO_TRAINING_INCOMPATIBLE_WEIGHTS`.
 */
export function trainModel(
  config: TrainingConfig,
  data: TrainingData,
  options: TrainOptions = {},
): TrainingResult {
  const resolved = resolveTrainingConfig(config);
  checkTrainingData(data);
  const { train, test } = data;
  if (resolved.batchSize > train.count) {
    throw new TrainingError(
      'DEURO_TRAINING_INVALID_CONFIG',
      `batchSize ${String(resolved.batchSize)} exceeds the ${String(train.count)} training samples`,
      'batchSize',
    );
  }
  const layerSizes = [train.featureCount, ...resolved.hiddenSizes, train.classCount];
  const network = newNetwork(resolved, train, layerSizes, options.initialWeights);
  const history: EpochReport[] = [];
  let steps = 0;
  for (let epoch = 0; epoch < resolved.epochs; epoch += 1) {
    const order = shuffledIndices(
      train.count,
      `${resolved.taskId}/${resolved.trialId}/epoch-${String(epoch)}/shuffle`,
    );
    const before = network.parameters();
    let lossSum = 0;
    for (let start = 0; start < order.length; start += resolved.batchSize) {
      lossSum += network.step(order.slice(start, start + resolved.batchSize), steps);
      steps += 1;
    }
    const report: EpochReport = {
      epoch: epoch + 1,
      steps,
      trainLossRaw: lossRaw(lossSum / train.count),
      test: test === undefined ? undefined : metricsOf(network.evaluate(test), test.count),
      ...countChanges(before, network.parameters()),
    };
    history.push(report);
    options.onProgress?.(report);
  }
  const weights: ModelWeights = {
    ...network.parameters(),
    model: resolved.model,
    layerSizes,
    activations: activationEncoding(resolved),
  };
  const optimizerState: OptimizerState = { step: steps, momentum: network.momentum() };
  const checkpoint = serializeCheckpoint(weights, optimizerState);
  return {
    config: resolved,
    weights,
    optimizerState,
    metrics: {
      epochs: resolved.epochs,
      steps,
      trainLossRaw: history[history.length - 1]?.trainLossRaw ?? 0,
      train: metricsOf(network.evaluate(train), train.count),
      test: history[history.length - 1]?.test,
    },
    history,
    checkpoint,
    checkpointSha256: sha256Hex(checkpoint),
    weightsSha256: sha256Hex(serializeCheckpoint(weights)),
  };
}

/**
 * Accuracy and loss of `weights` on `samples`, computed in the weights' own arithmetic
 * (fixed point rounding to nearest, or float32).
 * @throws TrainingError `DEURO_TRAINING_INVALID_DATA` for inconsistent samples,
 * `DEURO_TRAINING_INCOMPATIBLE_WEIGHTS` when they do not fit the weights.
 */
export function evaluateModel(weights: ModelWeights, samples: LabelledSamples): EvaluationMetrics {
  checkSamples(samples, 'samples');
  const sizes = weights.layerSizes;
  checkWeightsFit(weights, weights.model, [
    samples.featureCount,
    ...sizes.slice(1, -1),
    samples.classCount,
  ]);
  const config = resolveTrainingConfig({
    model: weights.model,
    taskId: 'evaluation',
    trialId: 'evaluation',
    hiddenSizes: weights.model === 'mlp' ? sizes.slice(1, -1) : undefined,
    rounding: weights.encoding.kind === 'float32' ? 'float32' : 'nearest',
    ...(weights.encoding.kind === 'fixed'
      ? {
          format: weights.encoding.format,
          formats:
            weights.activations.kind === 'fixed' ? { activations: weights.activations.format } : {},
        }
      : {}),
  });
  const network = buildNetwork(config, samples, weights, zeroParameters(sizes, weights.encoding));
  return metricsOf(network.evaluate(samples), samples.count);
}

function newNetwork(
  config: ResolvedTrainingConfig,
  train: LabelledSamples,
  layerSizes: readonly number[],
  initialWeights: ModelWeights | undefined,
): TrainableNetwork {
  const encoding: ParameterEncoding =
    config.rounding === 'float32'
      ? { kind: 'float32' }
      : { kind: 'fixed', format: config.formats.weights };
  const momentumEncoding: ParameterEncoding =
    config.rounding === 'float32'
      ? { kind: 'float32' }
      : { kind: 'fixed', format: config.formats.gradients };
  let parameters: ParameterSet;
  if (initialWeights === undefined) {
    parameters = initialParameters(layerSizes, encoding, `${config.taskId}/${config.trialId}/init`);
  } else {
    checkWeightsFit(initialWeights, config.model, layerSizes);
    parameters = convertParameters(initialWeights, encoding);
  }
  return buildNetwork(config, train, parameters, zeroParameters(layerSizes, momentumEncoding));
}

function buildNetwork(
  config: ResolvedTrainingConfig,
  train: LabelledSamples,
  parameters: ParameterSet,
  momentum: ParameterSet,
): TrainableNetwork {
  if (isFixedParameterSet(parameters) && isFixedParameterSet(momentum)) {
    return newFixedNetwork(config, train, parameters, momentum);
  }
  if (!isFixedParameterSet(parameters) && !isFixedParameterSet(momentum)) {
    return newFloat32Network(config, train, parameters, momentum);
  }
  throw new TrainingError(
    'DEURO_TRAINING_INCOMPATIBLE_WEIGHTS',
    'weights and momentum differ in encoding',
    'momentum',
  );
}

function activationEncoding(config: ResolvedTrainingConfig): ParameterEncoding {
  return config.rounding === 'float32'
    ? { kind: 'float32' }
    : { kind: 'fixed', format: config.formats.activations };
}

/** 0 .. count-1 shuffled by Fisher-Yates with draws from the stream `streamName`. */
export function shuffledIndices(count: number, streamName: string): number[] {
  const stream = newRandomStream(streamName);
  const order = Array.from({ length: count }, (_, index) => index);
  for (let index = count - 1; index > 0; index -= 1) {
    const other = stream.nextBelow(index + 1);
    const kept = order[index] ?? 0;
    order[index] = order[other] ?? 0;
    order[other] = kept;
  }
  return order;
}

function countChanges(
  before: ParameterSet,
  after: ParameterSet,
): { changedParameters: number; parameterCount: number } {
  let changedParameters = 0;
  let parameterCount = 0;
  before.layers.forEach((layer: LayerParameters<Int32Array | Float32Array>, index) => {
    const next: LayerParameters<Int32Array | Float32Array> | undefined = after.layers[index];
    for (const [old, now] of [
      [layer.weights, next?.weights],
      [layer.bias, next?.bias],
    ] as const) {
      parameterCount += old.length;
      old.forEach((value, position) => {
        // Object.is: a float32 weight moving from 0 to -0 changed its bits.
        changedParameters += Object.is(value, now?.[position]) ? 0 : 1;
      });
    }
  });
  return { changedParameters, parameterCount };
}

function metricsOf(counts: EvaluationCounts, count: number): EvaluationMetrics {
  return {
    count,
    correct: counts.correct,
    accuracyBasisPoints: Math.floor((counts.correct * 10000) / count),
    lossRaw: lossRaw(counts.lossSum / count),
  };
}

function lossRaw(loss: number): number {
  return convertReal(loss, LOSS_FORMAT, newNearestRounder());
}
