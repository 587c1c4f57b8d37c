/**
 * A synthetic English speech corpus from espeak-ng, for testing and measuring the forced
 * aligner: words spoken separately and joined with pauses of known length (ground-truth word
 * boundaries), whole sentences spoken continuously, built-in sentences whose words are all in
 * the CMU dictionary, and wrong transcripts of four kinds for the verdict. Deterministic for
 * equal options. See docs/speech-formats.md.
 */

export {
  CorpusError,
  CorpusErrorCode,
  corpusErrorCatalogue,
  isCorpusError,
  type CorpusErrorDetails,
} from './errors.js';
export {
  synthesizeSentence,
  synthesizeWords,
  type SynthesizedSentence,
  type SynthesizedWords,
} from './synthesize.js';
export type { TimedSegment } from '../align/index.js';
export {
  DEFAULT_GAP_RANGE_MS,
  SYNTHESIS_DEFAULTS,
  resolveSynthesisOptions,
  type ResolvedSynthesisOptions,
  type SynthesisOptions,
  type SynthesizeWordsOptions,
} from './synthesis-options.js';
export {
  soundSpan,
  TRIM_FLOOR_DBFS,
  TRIM_FRAME_MS,
  TRIM_RELATIVE_DB,
  type SoundSpan,
} from './silence-trim.js';
export {
  SUBSTITUTED_FRACTION,
  mismatchedTranscripts,
  type MismatchKind,
  type MismatchedTranscript,
} from './mismatched-transcripts.js';
export { ENGLISH_SENTENCES, SUBSTITUTE_WORDS } from './sentences.js';
export { newSeededRandom, seededShuffle, type SeededRandom } from './seeded-random.js';
