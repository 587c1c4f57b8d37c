/*
 * Which trial a worker tries next, and the search history its suggestion is computed from, both
 * read from the ledger's trial records. Trial k may be leased once trials 0..k-P are reported; the
 * ledger enforces it, this only avoids asking for what it would refuse.
 */
import type { TrialRecord as SearchRecord } from '../gpredict/search/index';
import type { TrainingTask, Trial } from '../ledger/training-ledger';

/** Trial numbers worth trying to lease now, in order: never leased, or leased (maybe expired). */
export function leasableTrials(task: TrainingTask, trials: readonly Trial[]): number[] {
  const byNumber = new Map(trials.map((trial) => [trial.number, trial]));
  const reportedUpTo = (last: number): boolean => {
    for (let earlier = 0; earlier <= last; earlier++) {
      const state = byNumber.get(earlier)?.state;
      if (state !== 'reported' && state !== 'failed') {
        return false;
      }
    }
    return true;
  };
  const fresh: number[] = [];
  const leased: number[] = [];
  for (let number = 0; number < task.trials; number++) {
    const trial = byNumber.get(number);
    if (
      trial?.state === 'reported' ||
      trial?.state === 'failed' ||
      !reportedUpTo(number - task.parallelism)
    ) {
      continue;
    }
    (trial === undefined ? fresh : leased).push(number);
  }
  return [...fresh, ...leased];
}

/** Whether every trial of the task has a result or a failure. */
export function allReported(task: TrainingTask, trials: readonly Trial[]): boolean {
  return trials.filter((trial) => trial.state !== 'leased').length === task.trials;
}

/** The search history of reported trials: configuration and accuracy (to maximise). */
export function searchHistory(trials: readonly Trial[]): SearchRecord[] {
  const records: SearchRecord[] = [];
  for (const trial of trials) {
    if (trial.state === 'failed' && trial.failedConfiguration !== null) {
      records.push({
        trialNumber: trial.number,
        configuration: JSON.parse(trial.failedConfiguration) as SearchRecord['configuration'],
        value: null,
      });
    } else if (trial.state === 'reported' && trial.result !== null) {
      records.push({
        trialNumber: trial.number,
        configuration: JSON.parse(trial.result.configuration) as SearchRecord['configuration'],
        value: trial.result.accuracyBasisPoints,
      });
    }
  }
  return records;
}
