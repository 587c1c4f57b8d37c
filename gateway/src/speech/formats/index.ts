/**
 * Output formats of a forced alignment: Praat TextGrid (long text format, tiers `words` and
 * `phones`), CTM and canonical JSON, all on one millisecond grid; and a TextGrid reader for tests
 * and tools. See docs/speech-formats.md.
 */

export {
  FormatError,
  FormatErrorCode,
  formatErrorCatalogue,
  isFormatError,
  type FormatErrorDetails,
} from './errors.js';
export { alignmentToTextGrid, praatString, type TextGridOptions } from './textgrid-writer.js';
export {
  parseTextGrid,
  type TextGrid,
  type TextGridInterval,
  type TextGridPoint,
  type TextGridTier,
} from './textgrid-parser.js';
export { alignmentToCtm, type CtmOptions } from './ctm-writer.js';
export { alignmentToJson } from './json-writer.js';
export { praatAndDeuroReadings } from './praat-textgrid-check.js';
export { fillGaps, formatMs, toGrid, toMs, type GridSegment } from './millisecond-grid.js';
