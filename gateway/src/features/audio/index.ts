/**
 * Audio feature extraction: WAV decoding, band-limited resampling, and the Sphinx front end
 * (MFCC, log mel, deltas, CMN) with its file formats. Every extractor is a pure function of
 * typed input and an options object; see docs/features-audio.md.
 */

export { AudioError, AudioErrorCode, isAudioError, type AudioErrorDetails } from './errors.js';
export {
  decodeWav,
  type DecodedAudio,
  type DecodeWavOptions,
  type WavSampleFormat,
} from './wav-decoder.js';
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
  batchCmn,
  newLiveCmn,
  type BatchCmnOptions,
  type LiveCmn,
} from './cepstral-mean-normalization.js';
export { frameAt, newFeatureMatrix, stackFrames, type FeatureMatrix } from './feature-matrix.js';
export {
  readSphinxMfc,
  writeSphinxMfc,
  type ByteOrder,
  type SphinxMfcFile,
} from './sphinx-mfc-format.js';
export { readNpy, writeNpy } from './npy-format.js';
export { featureAgreement, type FeatureAgreement } from './feature-agreement.js';
export { featuresToJson, type FeatureMatrixJson } from './json-format.js';
