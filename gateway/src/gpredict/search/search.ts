/*
 * A search as an object that keeps its history: suggest trial k once its inputs are in, observe
 * its result, wait for a trial to become ready. Suggestions are memoised, so asking again for a
 * trial gives the same configuration, and every suggestion is the pure function of
 * suggest-trial.ts applied to the trials it depends on.
 */
import { decodePoint } from './configuration.js';
import { samplePrior } from './prior-sampler.js';
import { SearchError } from './search-error.js';
import {
  resolveSearchOptions,
  type ResolvedSearchOptions,
  type SearchOptions,
  type TpeOptions,
} from './search-options.js';
import type { Configuration, SearchSpace } from './search-space.js';
import {
  checkTrialNumber,
  checkValue,
  requiredResultCount,
  suggestResolved,
  type TrialRecord,
} from './suggest-trial.js';

/** A hyper-parameter search in progress. */
export interface Search {
  /** The validated space. */
  readonly space: SearchSpace;
  /**
   * Trials evaluated at once: TPE's trial k waits for the results of trials 0..k-parallelism;
   * random search never waits.
   */
  readonly parallelism: number;
  /**
   * The trials whose results trial `trialNumber` still waits for (empty when it is ready).
   * @throws SearchError `DEURO_SEARCH_INVALID_TRIAL` for a bad trial number.
   */
  missingResults(trialNumber: number): number[];
  /**
   * Resolves once trial `trialNumber` can be suggested.
   * @throws SearchError `DEURO_SEARCH_INVALID_TRIAL` for a bad trial number (rejects).
   */
  whenReady(trialNumber: number): Promise<void>;
  /**
   * The configuration of trial `trialNumber` (the same on every call).
   * @throws SearchError `DEURO_SEARCH_NOT_READY` listing missing results, or
   * `DEURO_SEARCH_INVALID_TRIAL` for a bad trial number.
   */
  suggest(trialNumber: number): Configuration;
  /**
   * Record the result of a suggested trial: a finite number, or null when it failed.
   * @throws SearchError `DEURO_SEARCH_INVALID_TRIAL` when the trial was never suggested, already
   * has a result, or the value is not finite.
   */
  observe(trialNumber: number, value: number | null): void;
  /** The results so far, in trial order. */
  results(): TrialRecord[];
  /** The best result so far (the earliest of equal ones), if any trial succeeded. */
  best(): TrialRecord | undefined;
}

/**
 * A Tree-structured Parzen Estimator search.
 * @throws SearchError `DEURO_SEARCH_INVALID_OPTION` naming the option, or
 * `DEURO_SEARCH_INVALID_SPACE` with the JSON Pointer of the fault.
 */
export function newTpeSearch(options: TpeOptions): Search {
  return new HistorySearch(resolveSearchOptions(options), 'tpe');
}

/**
 * A random search: every trial drawn from the prior, independently of any result (TPE's start-up
 * trials are the same draws).
 * @throws SearchError as {@link newTpeSearch}.
 */
export function newRandomSearch(options: SearchOptions): Search {
  return new HistorySearch(resolveSearchOptions(options), 'random');
}

interface Waiter {
  readonly trialNumber: number;
  readonly resolve: () => void;
}

class HistorySearch implements Search {
  readonly space: SearchSpace;
  readonly parallelism: number;
  readonly #resolved: ResolvedSearchOptions;
  readonly #algorithm: 'tpe' | 'random';
  readonly #suggestions = new Map<number, Configuration>();
  readonly #results = new Map<number, TrialRecord>();
  #waiters: Waiter[] = [];

  constructor(resolved: ResolvedSearchOptions, algorithm: 'tpe' | 'random') {
    this.#resolved = resolved;
    this.#algorithm = algorithm;
    this.space = resolved.space;
    this.parallelism = resolved.parallelism;
  }

  missingResults(trialNumber: number): number[] {
    checkTrialNumber(trialNumber);
    if (this.#algorithm === 'random') {
      return [];
    }
    const missing: number[] = [];
    for (let index = 0; index < requiredResultCount(trialNumber, this.parallelism); index += 1) {
      if (!this.#results.has(index)) {
        missing.push(index);
      }
    }
    return missing;
  }

  whenReady(trialNumber: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.missingResults(trialNumber).length === 0) {
        resolve();
      } else {
        this.#waiters.push({ trialNumber, resolve });
      }
    });
  }

  suggest(trialNumber: number): Configuration {
    checkTrialNumber(trialNumber);
    const known = this.#suggestions.get(trialNumber);
    if (known !== undefined) {
      return known;
    }
    const { space, seed } = this.#resolved;
    const configuration =
      this.#algorithm === 'random'
        ? decodePoint(space, samplePrior(space, seed, trialNumber))
        : suggestResolved(this.#resolved, trialNumber, this.#results, this.#suggestions);
    this.#suggestions.set(trialNumber, configuration);
    return configuration;
  }

  observe(trialNumber: number, value: number | null): void {
    checkTrialNumber(trialNumber);
    checkValue(trialNumber, value);
    const configuration = this.#suggestions.get(trialNumber);
    if (configuration === undefined) {
      throw invalidTrial(trialNumber, 'was never suggested');
    }
    if (this.#results.has(trialNumber)) {
      throw invalidTrial(trialNumber, 'already has a result');
    }
    this.#results.set(trialNumber, { trialNumber, configuration, value });
    this.#wakeReady();
  }

  results(): TrialRecord[] {
    return [...this.#results.values()].sort((a, b) => a.trialNumber - b.trialNumber);
  }

  best(): TrialRecord | undefined {
    let best: TrialRecord | undefined;
    for (const record of this.results()) {
      if (record.value === null) {
        continue;
      }
      const better =
        best?.value === undefined ||
        best.value === null ||
        this.#resolved.sign * record.value < this.#resolved.sign * best.value;
      if (better) {
        best = record;
      }
    }
    return best;
  }

  #wakeReady(): void {
    const waiting: Waiter[] = [];
    for (const waiter of this.#waiters) {
      if (this.missingResults(waiter.trialNumber).length === 0) {
        waiter.resolve();
      } else {
        waiting.push(waiter);
      }
    }
    this.#waiters = waiting;
  }
}

function invalidTrial(trialNumber: number, reason: string): SearchError {
  return new SearchError('DEURO_SEARCH_INVALID_TRIAL', `trial ${String(trialNumber)} ${reason}`, {
    trialNumber,
  });
}
