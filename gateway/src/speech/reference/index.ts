/**
 * The reference forced aligner, CMU pocketsphinx 5prealpha with a transcript-only JSGF grammar,
 * run as a program, and the word-boundary agreement measure used to compare aligners. See
 * docs/speech-formats.md.
 */

export {
  ReferenceAlignerError,
  ReferenceAlignerErrorCode,
  isReferenceAlignerError,
  referenceAlignerErrorCatalogue,
  type ReferenceAlignerErrorDetails,
} from './errors.js';
export { transcriptGrammar, transcriptWords } from './transcript-grammar.js';
export {
  isFillerLabel,
  parsePocketsphinxOutput,
  type PocketsphinxOutput,
} from './pocketsphinx-output.js';
export {
  DEBIAN_EN_US,
  DEFAULT_POCKETSPHINX_BEAMS,
  WIDE_POCKETSPHINX_BEAMS,
  beamArguments,
  resolvePocketsphinxOptions,
  type PocketsphinxBeams,
  type PocketsphinxOptions,
  type ResolvedPocketsphinxOptions,
} from './pocketsphinx-options.js';
export { alignWithPocketsphinx, type PocketsphinxAlignment } from './pocketsphinx-aligner.js';
export { boundaryAgreement, type BoundaryAgreement } from './boundary-agreement.js';
