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
      if (byNumber.get(earlier)?.state !== 'reported') {
        return false;
      }
    }
    return true;
  };
  const fresh: number[] = [];
  const leased: number[] = [];
  for (let number = 0; number < task.trials; number++) {
    const trial = byNumber.get(number);
    if (trial?.state === 'reported' || !reportedUpTo(number - task.parallelism)) {
      continue;
    }
    (trial === undefined ? fresh : leased).push(number);
  }
  return [...fresh, ...leased];
}

/** Whether every trial of the task is reported. */
export function allReported(task: TrainingTask, trials: readonly Trial[]): boolean {
  return trials.filter((trial) => trial.state === 'reported').length === task.trials;
}

/** The search history of reported trials: configuration and accuracy (to maximise). */
export function searchHistory(trials: readonly Trial[]): SearchRecord[] {
  return trials.flatMap((trial) =>
    trial.state === 'reported' && trial.result !== null
      ? [
          {
            trialNumber: trial.number,
            configuration: JSON.parse(trial.result.configuration) as SearchRecord['configuration'],
            value: trial.result.accuracyBasisPoints,
          },
        ]
      : [],
  );
}
