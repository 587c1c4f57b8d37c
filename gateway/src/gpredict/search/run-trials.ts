/*
 * A driver for a search: `parallelism` workers take trial numbers in order, wait until their trial
 * is ready, evaluate it and report. Whatever order evaluations finish in, every trial gets the
 * configuration the dependency rule fixes, so a run is reproducible from its seed.
 */
import { SearchError } from './search-error.js';
import type { Search } from './search.js';
import type { Configuration } from './search-space.js';
import type { TrialRecord } from './suggest-trial.js';

/** An objective: the value of a configuration (null when the trial failed). */
export type ObjectiveFunction = (
  configuration: Configuration,
  trialNumber: number,
) => number | null | Promise<number | null>;

/** How many trials to run and how many at once. */
export interface RunTrialsOptions {
  /** Trials to run, numbered from `firstTrial` (default 0). */
  readonly trials: number;
  readonly firstTrial?: number;
  /** Workers evaluating at once (default the search's parallelism). */
  readonly workers?: number;
}

/**
 * Run trials of `search` with `objective` and return their records in trial order. An objective
 * that throws stops the run with its error.
 * @throws SearchError `DEURO_SEARCH_INVALID_OPTION` naming `trials`, `firstTrial` or `workers`.
 */
export async function runTrials(
  search: Search,
  objective: ObjectiveFunction,
  options: RunTrialsOptions,
): Promise<TrialRecord[]> {
  const first = options.firstTrial ?? 0;
  const workers = options.workers ?? search.parallelism;
  checkCount('trials', options.trials, 0);
  checkCount('firstTrial', first, 0);
  checkCount('workers', workers, 1);
  const end = first + options.trials;
  let next = first;
  const work = async (): Promise<void> => {
    while (next < end) {
      const trialNumber = next;
      next += 1;
      await search.whenReady(trialNumber);
      const configuration = search.suggest(trialNumber);
      search.observe(trialNumber, await objective(configuration, trialNumber));
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, Math.max(options.trials, 1)) }, work));
  return search
    .results()
    .filter((record) => record.trialNumber >= first && record.trialNumber < end);
}

function checkCount(field: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new SearchError(
      'DEURO_SEARCH_INVALID_OPTION',
      `${field} must be an integer of at least ${String(min)}`,
      { field },
    );
  }
}
