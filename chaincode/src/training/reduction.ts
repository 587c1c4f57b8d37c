/*
 * The white paper's reducer (§3.e): sum the pairs (s, c) and emit sum / count, here in exact
 * integers (BigInt), so the result does not depend on the order submissions arrive in and every
 * peer computes the same bits. Division is floor division, stated wherever a mean is.
 */
import { invalidArgument } from '../ledger/errors';
import type {
  ContributionRecord,
  RoundReduction,
  TrialRecord,
  TrialReduction,
  TrialResult,
} from './training-records';

/** floor(numerator / denominator) for non-negative or negative numerators, denominator > 0. */
export function floorDivide(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  return numerator % denominator !== 0n && numerator < 0n ? quotient - 1n : quotient;
}

/** Whether trial `a` beats trial `b`: higher accuracy, then the lower number. */
function beats(
  a: TrialRecord & { result: TrialResult },
  b: (TrialRecord & { result: TrialResult }) | undefined,
): boolean {
  if (b === undefined) {
    return true;
  }
  const [accuracyA, accuracyB] = [a.result.accuracyBasisPoints, b.result.accuracyBasisPoints];
  return accuracyA > accuracyB || (accuracyA === accuracyB && a.number < b.number);
}

/** Reduce reported trials: sums of correct predictions and test samples, and the best trial. */
export function reduceTrials(trials: readonly TrialRecord[]): TrialReduction {
  const reported = trials.filter(
    (trial): trial is TrialRecord & { result: TrialResult } =>
      trial.state === 'reported' && trial.result !== null,
  );
  let correct = 0n;
  let count = 0n;
  let best: (TrialRecord & { result: TrialResult }) | undefined;
  for (const trial of reported) {
    correct += BigInt(trial.result.correct);
    count += BigInt(trial.result.count);
    if (beats(trial, best)) {
      best = trial;
    }
  }
  if (best === undefined || count === 0n) {
    throw invalidArgument('no trial reported a result: nothing to reduce');
  }
  return {
    trials: reported.length,
    correctSum: correct.toString(),
    countSum: count.toString(),
    meanAccuracyBasisPoints: Number(floorDivide(10_000n * correct, count)),
    bestTrial: best.number,
    bestAccuracyBasisPoints: best.result.accuracyBasisPoints,
  };
}

/** Reduce a round's contributions element-wise. */
export function reduceContributions(
  taskId: string,
  round: number,
  contributions: readonly ContributionRecord[],
): RoundReduction {
  const [first] = contributions;
  if (first === undefined) {
    throw invalidArgument(`round ${String(round)} has no contributions to reduce`);
  }
  const sum = first.values.map(() => 0n);
  let count = 0n;
  for (const contribution of contributions) {
    if (contribution.values.length !== sum.length) {
      throw invalidArgument(
        `contributions of round ${String(round)} differ in length (${String(contribution.values.length)} and ${String(sum.length)})`,
      );
    }
    contribution.values.forEach((value, index) => {
      sum[index] = (sum[index] ?? 0n) + BigInt(value);
    });
    count += BigInt(contribution.count);
  }
  return {
    taskId,
    round,
    contributions: contributions.length,
    sum: sum.map((value) => value.toString()),
    count: count.toString(),
    mean: sum.map((value) => floorDivide(value, count).toString()),
  };
}
