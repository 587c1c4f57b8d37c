/**
 * i-vectors for speaker verification: a diagonal-covariance UBM trained by EM from a
 * deterministic k-means++ start, Baum-Welch statistics, the total-variability matrix T trained by
 * EM, i-vector extraction, LDA then WCCN, and cosine scoring; the model and i-vector file
 * formats; and the synthetic espeak-ng corpus and protocol the system is evaluated on. See
 * docs/speech.md.
 */

export {
  IvectorError,
  IvectorErrorCode,
  ivectorErrorCatalogue,
  isIvectorError,
  type IvectorErrorDetails,
} from './errors.js';
export { concatenateFrames, framesFromFeatureMatrix, newFrames, type Frames } from './frames.js';
export {
  SPEAKER_FEATURE_DEFAULTS,
  resolveSpeakerFeatureOptions,
  speakerFeatures,
  speechFrames,
  type ResolvedSpeakerFeatureOptions,
  type SpeakerFeatureOptions,
} from './speaker-features.js';
export {
  averageLogLikelihood,
  newDiagonalGmm,
  newGmmScorer,
  type DiagonalGmm,
  type GmmScorer,
} from './diagonal-gmm.js';
export { kmeansPlusPlusInit, type KmeansInitOptions } from './kmeans-init.js';
export {
  UBM_TRAINING_DEFAULTS,
  refineGmm,
  resolveUbmTrainingOptions,
  trainUbm,
  type ResolvedUbmTrainingOptions,
  type UbmTrainingOptions,
  type UbmTrainingResult,
} from './ubm-training.js';
export { baumWelchStatistics, type BaumWelchStatistics } from './baum-welch.js';
export {
  newTotalVariability,
  prepareTotalVariability,
  type IvectorPosterior,
  type PreparedTotalVariability,
  type TotalVariability,
} from './total-variability.js';
export {
  TOTAL_VARIABILITY_TRAINING_DEFAULTS,
  resolveTotalVariabilityTrainingOptions,
  trainTotalVariability,
  type ResolvedTotalVariabilityTrainingOptions,
  type TotalVariabilityTrainingOptions,
  type TotalVariabilityTrainingResult,
} from './total-variability-training.js';
export {
  cosine,
  newCosineBackend,
  projectIvector,
  scoreIvectors,
  trainCosineBackend,
  type CosineBackend,
  type CosineBackendOptions,
} from './cosine-backend.js';
export {
  extractIvector,
  newIvectorExtractor,
  newIvectorModel,
  type IvectorExtractor,
  type IvectorModel,
} from './ivector-model.js';
export {
  trainIvectorModel,
  type IvectorTrainingOptions,
  type IvectorTrainingResult,
  type TrainingRecording,
} from './ivector-training.js';
export {
  IVECTOR_MODEL_FORMAT,
  IVECTOR_MODEL_VERSION,
  joinIvectorModel,
  loadIvectorModel,
  readIvectorModel,
  readIvectors,
  splitIvectorModel,
  writeIvectorModel,
  writeIvectors,
  type IvectorModelParts,
} from './model-format.js';
export {
  IVECTOR_EXTRACTOR_NAME,
  IVECTOR_EXTRACTOR_VERSION,
  ivectorFeatureSet,
  registeredIvector,
  scoreRegisteredIvectors,
  type IvectorFeatureSet,
  type IvectorModelReference,
  type RegisteredAsset,
  type RegisteredIvector,
} from './ivector-feature-set.js';
export { readNpyFloat64, writeNpyFloat64, type NdArray } from './npy-float64.js';
export { readNpz, writeNpz } from './npz-archive.js';
export {
  CORPUS_VARIANTS,
  SESSION_CONDITIONS,
  addNoise,
  corpusSession,
  corpusSpeakers,
  synthesizeSession,
  type CorpusSession,
  type CorpusSpeaker,
  type SessionCondition,
  type SynthesisOptions,
} from './voice-corpus.js';
export {
  CORPUS_LANGUAGES,
  CORPUS_SENTENCES,
  sessionText,
  type CorpusLanguage,
} from './voice-corpus-texts.js';
export {
  isHeldOutSpeaker,
  runVerificationExperiment,
  type VerificationExperimentOptions,
  type VerificationExperimentResult,
  type VerificationTrial,
} from './verification-experiment.js';
