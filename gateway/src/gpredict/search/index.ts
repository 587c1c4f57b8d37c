/**
 * gPredict hyper-parameter search: a JSON search-space language (choices with conditional
 * branches, uniform, log-uniform, quantized and integer ranges), random search, and a
 * Tree-structured Parzen Estimator whose suggestions are reproducible from the seed whatever
 * order parallel trials finish in. See docs/gpredict-search.md.
 */

export {
  SearchError,
  isSearchError,
  searchErrorCatalogue,
  type SearchErrorCode,
  type SearchErrorDetails,
} from './search-error.js';
export {
  PARAMETER_TYPES,
  SPACE_LIMITS,
  findSpaceProblem,
  type SpaceProblem,
} from './space-validator.js';
export {
  isSearchSpace,
  parseSearchSpace,
  validateSearchSpace,
  type ChoiceOption,
  type ChoiceParameter,
  type Configuration,
  type NumericParameter,
  type OptionLabel,
  type ParameterGroup,
  type ParameterValue,
  type SearchParameter,
  type SearchSpace,
} from './search-space.js';
export type { NumericBounds, NumericDomain, NumericType } from './numeric-domain.js';
export { encodeConfiguration, decodePoint, type InternalPoint } from './configuration.js';
export {
  TPE_DEFAULTS,
  resolveSearchOptions,
  type ResolvedSearchOptions,
  type SearchOptions,
  type TpeOptions,
  type TpeSettings,
} from './search-options.js';
export {
  indexHistory,
  requiredResultCount,
  suggestRandomTrial,
  suggestTpeTrial,
  type TrialHistory,
  type TrialRecord,
} from './suggest-trial.js';
export { newRandomSearch, newTpeSearch, type Search } from './search.js';
export {
  CURRENT_SEARCH_VERSION,
  UNRECORDED_SEARCH_VERSION,
  tpeSettingsOfVersion,
} from './search-versions.js';
export { runTrials, type ObjectiveFunction, type RunTrialsOptions } from './run-trials.js';
