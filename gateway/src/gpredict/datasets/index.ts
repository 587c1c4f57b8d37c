/**
 * Data sets for gPredict's trainer: the handwritten digits bundled with scikit-learn, exported
 * by scripts/reference/gpredict-export-digits.py into a cache, checked against pinned hashes,
 * and split deterministically. See docs/gpredict-training.md.
 */

export {
  DatasetError,
  datasetErrorCatalogue,
  isDatasetError,
  type DatasetErrorCode,
} from './dataset-error.js';
export { indicesWhere, selectSamples, type LabelledSamples } from './labelled-samples.js';
export {
  DIGITS_FORMAT,
  DIGITS_SHA256,
  digitsSamples,
  readDigits,
  splitDigits,
  type DigitsDataset,
  type DigitsSplit,
  type DigitsSplitOptions,
} from './digits.js';
export {
  defaultDigitsCacheDir,
  digitsExportScript,
  ensureDigits,
  type EnsureDigitsOptions,
} from './digits-cache.js';
