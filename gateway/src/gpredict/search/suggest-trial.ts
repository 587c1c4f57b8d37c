/*
 * Suggestions as pure functions of (options, trial number, history). Reproducibility under
 * parallelism comes from a fixed dependency rule: with parallelism P, trial k uses the results of
 * trials 0..k-P exactly, no more and no fewer, so its suggestion cannot depend on which of the
 * trials k-P+1..k-1 (the ones that may still be running beside it) happen to have finished. With
 * the constant liar, those running trials contribute their configurations (which are themselves
 * fixed by the same rule) as bad points, never their values. Anyone holding the history (a
 * ledger, for one) can recompute and so check every suggestion.
 */
import { decodePoint, encodeConfiguration } from './configuration.js';
import type { ModelObservation } from './observation-split.js';
import { samplePrior } from './prior-sampler.js';
import { SearchError } from './search-error.js';
import {
  resolveSearchOptions,
  type ResolvedSearchOptions,
  type SearchOptions,
  type TpeOptions,
} from './search-options.js';
import type { Configuration } from './search-space.js';
import { sampleTpe } from './tpe-sampler.js';

/** A trial's configuration and result. */
export interface TrialRecord {
  readonly trialNumber: number;
  readonly configuration: Configuration;
  /** The objective value; null when the trial failed. */
  readonly value: number | null;
}

/** History by trial number. */
export type TrialHistory = ReadonlyMap<number, TrialRecord>;

/** Number of trials whose results trial `trialNumber` uses: trials 0..k-P, so max(0, k-P+1). */
export function requiredResultCount(trialNumber: number, parallelism: number): number {
  return Math.max(0, trialNumber - parallelism + 1);
}

/**
 * Random search's configuration for trial `trialNumber` (it uses no results).
 * @throws SearchError `DEURO_SEARCH_INVALID_OPTION`, `DEURO_SEARCH_INVALID_SPACE` or
 * `DEURO_SEARCH_INVALID_TRIAL` (a trial number that is not a non-negative safe integer).
 */
export function suggestRandomTrial(options: SearchOptions, trialNumber: number): Configuration {
  const resolved = resolveSearchOptions(options);
  checkTrialNumber(trialNumber);
  return decodePoint(resolved.space, samplePrior(resolved.space, resolved.seed, trialNumber));
}

/**
 * TPE's configuration for trial `trialNumber`. `history` must hold the records of trials
 * 0..k-P (P the parallelism); records of later trials are ignored, except that the
 * configurations of trials k-P+1..k-1 serve the constant liar (those missing are recomputed).
 * Configurations in `history` are trusted to be the ones suggested.
 * @throws SearchError `DEURO_SEARCH_NOT_READY` listing the trials whose records are missing;
 * `DEURO_SEARCH_INVALID_TRIAL` for a bad trial number, a duplicate record, a value that is not a
 * finite number or null, or a configuration outside the space; `DEURO_SEARCH_INVALID_OPTION` or
 * `DEURO_SEARCH_INVALID_SPACE` for the options.
 */
export function suggestTpeTrial(
  options: TpeOptions,
  trialNumber: number,
  history: readonly TrialRecord[],
): Configuration {
  const resolved = resolveSearchOptions(options);
  checkTrialNumber(trialNumber);
  return suggestResolved(resolved, trialNumber, indexHistory(history), new Map());
}

/**
 * TPE's configuration for a validated setting; `suggestions` memoises configurations computed
 * for the constant liar.
 * @throws SearchError as {@link suggestTpeTrial}.
 */
export function suggestResolved(
  resolved: ResolvedSearchOptions,
  trialNumber: number,
  history: TrialHistory,
  suggestions: Map<number, Configuration>,
): Configuration {
  const required = requiredResultCount(trialNumber, resolved.parallelism);
  const missing = missingTrials(required, history);
  if (missing.length > 0) {
    throw new SearchError(
      'DEURO_SEARCH_NOT_READY',
      `trial ${String(trialNumber)} needs the results of trials 0..${String(required - 1)}; missing ${formatTrials(missing)}`,
      { trialNumber, missingTrials: missing },
    );
  }
  if (required < resolved.tpe.startupTrials) {
    return decodePoint(resolved.space, samplePrior(resolved.space, resolved.seed, trialNumber));
  }
  const observations: ModelObservation[] = [];
  for (let index = 0; index < required; index += 1) {
    const record = history.get(index) as TrialRecord;
    observations.push({
      trialNumber: index,
      point: encodeConfiguration(resolved.space, record.configuration, index),
      loss: record.value === null ? undefined : resolved.sign * record.value,
    });
  }
  if (resolved.tpe.constantLiar) {
    for (let index = required; index < trialNumber; index += 1) {
      const configuration = pendingConfiguration(resolved, index, history, suggestions);
      const point = encodeConfiguration(resolved.space, configuration, index);
      observations.push({ trialNumber: index, point, loss: undefined });
    }
  }
  const point = sampleTpe(resolved.space, resolved.seed, trialNumber, observations, resolved.tpe);
  return decodePoint(resolved.space, point);
}

function pendingConfiguration(
  resolved: ResolvedSearchOptions,
  trialNumber: number,
  history: TrialHistory,
  suggestions: Map<number, Configuration>,
): Configuration {
  const known = history.get(trialNumber)?.configuration ?? suggestions.get(trialNumber);
  if (known !== undefined) {
    return known;
  }
  const configuration = suggestResolved(resolved, trialNumber, history, suggestions);
  suggestions.set(trialNumber, configuration);
  return configuration;
}

/**
 * Index records by trial number, checking them.
 * @throws SearchError `DEURO_SEARCH_INVALID_TRIAL` for a bad or repeated trial number or value.
 */
export function indexHistory(history: readonly TrialRecord[]): TrialHistory {
  const byTrial = new Map<number, TrialRecord>();
  for (const record of history) {
    checkTrialNumber(record.trialNumber);
    checkValue(record.trialNumber, record.value);
    if (byTrial.has(record.trialNumber)) {
      throw new SearchError(
        'DEURO_SEARCH_INVALID_TRIAL',
        `trial ${String(record.trialNumber)} appears twice in the history`,
        { trialNumber: record.trialNumber },
      );
    }
    byTrial.set(record.trialNumber, record);
  }
  return byTrial;
}

/**
 * @throws SearchError `DEURO_SEARCH_INVALID_TRIAL` unless `trialNumber` is a non-negative safe
 * integer.
 */
export function checkTrialNumber(trialNumber: number): void {
  if (!Number.isSafeInteger(trialNumber) || trialNumber < 0) {
    throw new SearchError(
      'DEURO_SEARCH_INVALID_TRIAL',
      `trial number must be a non-negative integer, got ${String(trialNumber)}`,
      { field: 'trialNumber' },
    );
  }
}

/** @throws SearchError `DEURO_SEARCH_INVALID_TRIAL` unless `value` is finite or null. */
export function checkValue(trialNumber: number, value: unknown): void {
  if (value !== null && !(typeof value === 'number' && Number.isFinite(value))) {
    throw new SearchError(
      'DEURO_SEARCH_INVALID_TRIAL',
      `trial ${String(trialNumber)}: value must be a finite number, or null for a failed trial`,
      { trialNumber, field: 'value' },
    );
  }
}

function missingTrials(required: number, history: TrialHistory): number[] {
  const missing: number[] = [];
  for (let index = 0; index < required; index += 1) {
    if (!history.has(index)) {
      missing.push(index);
    }
  }
  return missing;
}

function formatTrials(trials: readonly number[]): string {
  const shown = trials.slice(0, 10).map(String).join(', ');
  return trials.length > 10 ? `${shown} and ${String(trials.length - 10)} more` : shown;
}
