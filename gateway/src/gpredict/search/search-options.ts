/*
 * The options of a search, checked at the boundary: every invalid or unknown option raises
 * DEURO_SEARCH_INVALID_OPTION naming it. TPE's defaults are Optuna 3.1's TPESampler defaults,
 * except `multivariate`, `clipScottBandwidths`, `startupTrials` (5, not 10) and `gammaFraction`
 * (0.15, not 0.1); see docs/gpredict-search.md for the measurements behind them.
 */
import { SearchError } from './search-error.js';
import { isSearchSpace, validateSearchSpace, type SearchSpace } from './search-space.js';

/** Options every search takes. */
export interface SearchOptions {
  /** The search-space description (parsed JSON), or a space from `validateSearchSpace`. */
  readonly space: unknown;
  /** Seed of every random draw: a string of 1 to 256 characters, or a safe integer. */
  readonly seed: string | number;
  /**
   * Trials evaluated at once (default 1). Trial k's suggestion uses the results of trials
   * 0..k-parallelism exactly, whatever order trials finish in.
   */
  readonly parallelism?: number;
  /** Whether smaller (default) or larger objective values are better. */
  readonly direction?: 'minimize' | 'maximize';
}

/** The settings of the Tree-structured Parzen Estimator. */
export interface TpeSettings {
  /**
   * Trials drawn from the prior before TPE starts (5; Optuna 10). Every estimator holds the prior
   * as a component, so TPE's first suggestions are still broad.
   */
  readonly startupTrials: number;
  /** Candidates drawn from l(x) per suggestion; the best l(x)/g(x) wins (24). */
  readonly candidates: number;
  /**
   * Fraction of the completed trials that form l(x), rounded up (0.15; Optuna 0.1): 2 to 5 good
   * trials, not 1 to 3, between 10 and 30 trials.
   */
  readonly gammaFraction: number;
  /** Most trials in l(x) (25). */
  readonly maxBelow: number;
  /** The newest observations of an estimator weigh 1; older ones ramp down linearly (25). */
  readonly fullWeightTrials: number;
  /** Weight of the prior component, an observation weighing 1 (1). */
  readonly priorWeight: number;
  /**
   * Floor the neighbour-rule bandwidths (independent mode) at range / min(100, components), the
   * magic clip of Hyperopt and Optuna (true).
   */
  readonly magicClip: boolean;
  /** Let the outermost observations' bandwidth reach the bounds (false). */
  readonly considerEndpoints: boolean;
  /** One joint estimator per group of parameters active together, instead of one each (true). */
  readonly multivariate: boolean;
  /**
   * Apply the magic clip to the Scott's-rule bandwidths of multivariate mode too, as Optuna does
   * (false: Scott's rule needs no floor, and the clip widens l(x) while it has few trials).
   */
  readonly clipScottBandwidths: boolean;
  /** Count the configurations of trials still running (k-P+1..k-1) as bad ones in g(x) (false). */
  readonly constantLiar: boolean;
}

/** Options of a TPE search: the common ones and any TPE setting. */
export type TpeOptions = SearchOptions & Partial<TpeSettings>;

/** The defaults of {@link TpeSettings}. */
export const TPE_DEFAULTS: TpeSettings = {
  startupTrials: 5,
  candidates: 24,
  gammaFraction: 0.15,
  maxBelow: 25,
  fullWeightTrials: 25,
  priorWeight: 1,
  magicClip: true,
  considerEndpoints: false,
  multivariate: true,
  clipScottBandwidths: false,
  constantLiar: false,
};

/** Options after validation. */
export interface ResolvedSearchOptions {
  readonly space: SearchSpace;
  readonly seed: string;
  readonly parallelism: number;
  /** 1 to minimise, -1 to maximise: losses are `sign * value`. */
  readonly sign: 1 | -1;
  readonly tpe: TpeSettings;
}

const MAX_SEED_LENGTH = 256;
const MAX_PARALLELISM = 1024;
const MAX_COUNT = 1_000_000;
const COMMON_KEYS = ['space', 'seed', 'parallelism', 'direction'];

interface Range {
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  /** Whether `min` itself is excluded. */
  readonly openMin?: boolean;
}

const TPE_RANGES: Record<keyof TpeSettings, Range | 'boolean'> = {
  startupTrials: { min: 0, max: MAX_COUNT, integer: true },
  candidates: { min: 1, max: 10000, integer: true },
  gammaFraction: { min: 0, max: 1, integer: false, openMin: true },
  maxBelow: { min: 1, max: MAX_COUNT, integer: true },
  fullWeightTrials: { min: 1, max: MAX_COUNT, integer: true },
  priorWeight: { min: 0, max: 1e6, integer: false, openMin: true },
  magicClip: 'boolean',
  considerEndpoints: 'boolean',
  multivariate: 'boolean',
  clipScottBandwidths: 'boolean',
  constantLiar: 'boolean',
};

/**
 * Validate the options of a search (random search ignores the TPE settings, but checks them).
 * @throws SearchError `DEURO_SEARCH_INVALID_OPTION` naming the option (`field`), or
 * `DEURO_SEARCH_INVALID_SPACE` for the space.
 */
export function resolveSearchOptions(options: TpeOptions): ResolvedSearchOptions {
  const record = options as unknown as Record<string, unknown>;
  const unknownKey = Object.keys(record).find(
    (key) => !COMMON_KEYS.includes(key) && !Object.hasOwn(TPE_RANGES, key),
  );
  if (unknownKey !== undefined) {
    throw invalidOption(unknownKey, 'is not an option of the search');
  }
  const tpe: Record<string, number | boolean> = { ...TPE_DEFAULTS };
  for (const [key, range] of Object.entries(TPE_RANGES)) {
    const value = record[key];
    if (value !== undefined) {
      tpe[key] = checkSetting(key, value, range);
    }
  }
  return {
    space: isSearchSpace(options.space) ? options.space : validateSearchSpace(options.space),
    seed: resolveSeed(options.seed),
    parallelism: resolveParallelism(options.parallelism),
    sign: resolveSign(options.direction),
    tpe: tpe as unknown as TpeSettings,
  };
}

function checkSetting(key: string, value: unknown, range: Range | 'boolean'): number | boolean {
  if (range !== 'boolean') {
    return checkNumber(key, value, range);
  }
  if (typeof value !== 'boolean') {
    throw invalidOption(key, 'must be true or false');
  }
  return value;
}

function checkNumber(key: string, value: unknown, range: Range): number {
  const number = typeof value === 'number' ? value : NaN;
  const ok =
    (range.integer ? Number.isInteger(number) : Number.isFinite(number)) &&
    (range.openMin === true ? number > range.min : number >= range.min) &&
    number <= range.max;
  if (!ok) {
    const kind = range.integer ? 'an integer' : 'a number';
    const from =
      range.openMin === true ? `above ${String(range.min)}` : `from ${String(range.min)}`;
    throw invalidOption(key, `must be ${kind} ${from} to ${String(range.max)}`);
  }
  return number;
}

function resolveSeed(seed: unknown): string {
  if (typeof seed === 'string' && seed.length > 0 && seed.length <= MAX_SEED_LENGTH) {
    return seed;
  }
  if (Number.isSafeInteger(seed)) {
    return String(seed);
  }
  throw invalidOption(
    'seed',
    `must be a string of 1 to ${String(MAX_SEED_LENGTH)} characters or a safe integer`,
  );
}

function resolveParallelism(parallelism: unknown): number {
  if (parallelism === undefined) {
    return 1;
  }
  if (
    Number.isInteger(parallelism) &&
    (parallelism as number) >= 1 &&
    (parallelism as number) <= MAX_PARALLELISM
  ) {
    return parallelism as number;
  }
  throw invalidOption('parallelism', `must be an integer from 1 to ${String(MAX_PARALLELISM)}`);
}

function resolveSign(direction: unknown): 1 | -1 {
  if (direction === undefined || direction === 'minimize') {
    return 1;
  }
  if (direction === 'maximize') {
    return -1;
  }
  throw invalidOption('direction', "must be 'minimize' or 'maximize'");
}

function invalidOption(field: string, reason: string): SearchError {
  return new SearchError('DEURO_SEARCH_INVALID_OPTION', `${field} ${reason}`, { field });
}
