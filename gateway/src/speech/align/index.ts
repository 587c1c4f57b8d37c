/**
 * The forced aligner: transcript to word graph to context-dependent phone HMMs, a beam Viterbi
 * search with bounded backtrace memory, a free phone loop in the same pass for the verdict, and
 * the word and phone timings. See docs/speech.md.
 */

export {
  alignTranscript,
  alignTranscriptWithStatistics,
  loadSpeechModel,
  type AlignInput,
  type AlignmentRun,
  type LoadedSpeechModel,
  type SpeechModelPaths,
} from './align-transcript.js';
export { ALIGN_DEFAULTS, resolveAlignOptions, type AlignOptions } from './align-options.js';
export type { AlignedPhone, AlignedWord, Alignment, TimedSegment, Verdict } from './alignment.js';
export {
  buildAlignmentNetwork,
  type AlignmentNetwork,
  type GapPenalties,
} from './alignment-network.js';
export type { SearchStatistics } from './alignment-search.js';
export { HistoryPool, type SettledPhone } from './history.js';
export type { HmmNetwork } from './hmm-network.js';
export {
  SpeechError,
  SpeechErrorCode,
  isSpeechError,
  speechErrorCatalogue,
  type SpeechErrorDetails,
} from './speech-error.js';
export { transcriptWords, type TranscriptWord } from './transcript.js';
export {
  CONFIDENCE_CENTER,
  CONFIDENCE_WIDTH,
  spanRatio,
  verdictScore,
  wordConfidence,
  type ScoredSpan,
} from './verdict.js';
