/**
 * The CMU Sphinx en-us acoustic model and pronouncing dictionary, read from their files, and
 * the model's features and senone scores. See docs/speech.md.
 */

export {
  DEFAULT_DICTIONARY_PATH,
  DEFAULT_MODEL_DIRECTORY,
  MODEL_PACKAGE,
  loadAcousticModel,
  loadDictionary,
  type AcousticModel,
} from './acoustic-model.js';
export { VARIANCE_FLOOR, buildCodebooks, type Codebooks } from './codebooks.js';
export {
  SUPPORTED_FEATURE_FLAGS,
  checkFeatureParameters,
  parseFeatureParameters,
} from './feature-parameters.js';
export { readGaussianParameters, type GaussianParameters } from './gaussian-parameters.js';
export { LOG_WEIGHT_STEP, readMixtureWeights, type MixtureWeights } from './mixture-weights.js';
export {
  WordPosition,
  readModelDefinition,
  type ModelDefinition,
  type TriphoneMatch,
} from './model-definition.js';
export { DITHER_STEPS, newDither, type Dither } from './dither.js';
export {
  MODEL_FRAME_RATE,
  MODEL_SAMPLE_RATE,
  dynamicFeatureFrame,
  modelCepstra,
  modelFeatures,
  type ModelCepstraOptions,
} from './model-features.js';
export {
  parsePronouncingDictionary,
  type PronouncingDictionary,
} from './pronouncing-dictionary.js';
export {
  DENSITY_FLOOR,
  newSenoneScorer,
  type SenoneScorer,
  type SenoneScorerOptions,
} from './ptm-scorer.js';
export { openS3File, type S3Reader } from './s3-file.js';
export {
  TRANSITION_FLOOR,
  readTransitionMatrices,
  type TransitionMatrices,
} from './transition-matrices.js';
export type { FeatureMatrix } from '../../features/audio/index.js';
