/**
 * gPredict's reproducible trainer: softmax regression and multi-layer perceptrons trained by
 * SGD with momentum in fixed point (round to nearest or stochastic rounding) or in float32,
 * bit-identical on every machine for the same configuration and data. See
 * docs/gpredict-training.md.
 */

export {
  TrainingError,
  isTrainingError,
  trainingErrorCatalogue,
  type TrainingErrorCode,
} from './training-error.js';
export {
  COEFFICIENT_FORMAT,
  TRAINING_DEFAULTS,
  resolveTrainingConfig,
  type ModelKind,
  type ResolvedTrainingConfig,
  type TrainingConfig,
  type TrainingFormats,
  type TrainingRounding,
} from './training-config.js';
export { checkTrainingData, type TrainingData } from './training-data.js';
export {
  convertParameters,
  isFixedParameterSet,
  type FixedEncoding,
  type FixedParameterSet,
  type Float32Encoding,
  type Float32ParameterSet,
  type LayerParameters,
  type ModelWeights,
  type OptimizerState,
  type ParameterEncoding,
  type ParameterSet,
} from './model-weights.js';
export {
  LOSS_FORMAT,
  evaluateModel,
  shuffledIndices,
  trainModel,
  type EpochReport,
  type EvaluationMetrics,
  type TrainOptions,
  type TrainingMetrics,
  type TrainingResult,
} from './train-model.js';
export {
  canonicalJson,
  deserializeCheckpoint,
  serializeCheckpoint,
  sha256Hex,
  type Checkpoint,
} from './checkpoint.js';
export { deterministicExp, deterministicLog } from './deterministic-math.js';
