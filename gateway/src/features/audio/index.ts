/**
 * Audio feature extraction: WAV decoding (whole files or streamed), band-limited resampling,
 * and the Sphinx front end (MFCC, log mel, deltas, CMN) with its file formats, as pure functions
 * of typed input and an options object; the streaming pipeline from a WAV byte stream to a
 * feature file; and the parameter table the CLI and the docs share. See docs/features-audio.md.
 */

export {
  AudioError,
  AudioErrorCode,
  audioErrorCatalogue,
  isAudioError,
  type AudioErrorDetails,
} from './errors.js';
export {
  decodeWav,
  type DecodedAudio,
  type DecodeWavOptions,
  type WavSampleFormat,
} from './wav-decoder.js';
export {
  newWavStreamDecoder,
  type WavStreamDecoder,
  type WavStreamFormat,
} from './wav-stream-decoder.js';
export { encodeWav, type EncodeWavOptions } from './wav-encoder.js';
export { newResampler, resample, type Resampler, type ResamplerOptions } from './resampler.js';
export {
  POCKETSPHINX_EN_US,
  POCKETSPHINX_EN_US_CMN_INIT,
  SPHINX_DEFAULTS,
  resolveMfccOptions,
  type CepstralTransform,
  type MfccOptions,
  type MfccParameters,
  type ResolvedMfccParameters,
} from './mfcc-options.js';
export { applyMelFilterBank, melFilterBank, type MelFilterBank } from './mel-filter-bank.js';
export {
  applyLifter,
  cepstra,
  cepstralTables,
  inverseCepstra,
  lifterWeights,
  removeLifter,
  type CepstralTables,
} from './cepstral-transforms.js';
export { newSphinxFrontEnd, sphinxFrameCount, type SphinxFrontEnd } from './sphinx-front-end.js';
export { mfcc, newMfccExtractor, type MfccExtractor } from './mfcc.js';
export { logMelSpectrogram, newLogMelExtractor, type LogMelExtractor } from './log-mel.js';
export { regressionDeltas, sphinxDeltas, type RegressionDeltaOptions } from './deltas.js';
export {
  newStreamingRegressionDeltas,
  newStreamingSphinxDeltas,
  type StreamingDeltas,
} from './streaming-deltas.js';
export {
  batchCmn,
  newLiveCmn,
  type BatchCmnOptions,
  type LiveCmn,
} from './cepstral-mean-normalization.js';
export { frameAt, newFeatureMatrix, stackFrames, type FeatureMatrix } from './feature-matrix.js';
export {
  MFC_MAX_VALUES,
  readSphinxMfc,
  sphinxMfcHeader,
  writeSphinxMfc,
  type ByteOrder,
  type SphinxMfcFile,
} from './sphinx-mfc-format.js';
export { npyHeader, readNpy, writeNpy } from './npy-format.js';
export { featureAgreement, type FeatureAgreement } from './feature-agreement.js';
export { featuresToJson, type FeatureMatrixJson } from './json-format.js';
export {
  MFCC_PIPELINE_DEFAULTS,
  resolveMfccPipelineOptions,
  type ChannelChoice,
  type FeatureFileFormat,
  type FeatureFileOptions,
  type MfccCmn,
  type MfccDeltas,
  type MfccPipelineExtras,
  type MfccPipelineOptions,
  type ResolvedMfccPipelineParameters,
} from './mfcc-pipeline-options.js';
export {
  formatMfccParameterTable,
  formatParameterDefault,
  parseMfccParameterValue,
} from './mfcc-parameter-text.js';
export {
  MFCC_OUTPUT_DEFAULTS,
  MFCC_PARAMETERS,
  type MfccOutputChoices,
  type MfccParameterGroup,
  type MfccParameterSpec,
  type MfccParameterType,
  type MfccParameterValue,
} from './mfcc-parameters.js';
export {
  AUDIO_EXTRACTOR_NAME,
  AUDIO_EXTRACTOR_VERSION,
  canonicalJson,
  canonicalParameterHash,
} from './extractor-identity.js';
export {
  expectedFrameCount,
  newMfccFeatureStream,
  type MfccFeatureStream,
} from './mfcc-feature-stream.js';
export {
  extractMfcc,
  extractMfccStream,
  writeFeatureFile,
  type MfccStreamOutputOptions,
  type MfccStreamResult,
} from './mfcc-stream.js';
