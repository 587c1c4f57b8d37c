/**
 * The benchmark's figures as text: per objective, a table of the median trials each algorithm
 * needs to reach the target, with random search as the baseline, and the verdicts against the
 * goals (Deuro's TPE needs fewer trials than random search, and no more than Optuna's TPE).
 */
import { formatTable } from '../ledger/text-table';
import { medianRatioInterval } from './ratio-interval';
import type { AlgorithmSummary } from './trials-to-target';

/** One row: an algorithm and its figures. */
export interface ReportRow {
  readonly label: string;
  readonly summary: AlgorithmSummary;
}

/** What the verdict lines compare. */
export interface ReportVerdict {
  readonly random: AlgorithmSummary;
  readonly deuro: AlgorithmSummary;
  readonly optuna: AlgorithmSummary | undefined;
}

/** Trials as printed: `>200` when the median run did not reach the target within the budget. */
export function formatTrials(trials: number, budget: number): string {
  return Number.isFinite(trials)
    ? trials.toFixed(Number.isInteger(trials) ? 0 : 1)
    : `>${String(budget)}`;
}

/** The table of one objective. */
export function formatObjectiveTable(
  rows: readonly ReportRow[],
  baseline: AlgorithmSummary,
  budget: number,
  referenceTrials: number,
): string[] {
  return formatTable(
    [
      'algorithm',
      'median trials',
      'quartiles',
      'reached',
      'speed-up',
      `median best-of-${String(referenceTrials)}`,
      'ms/trial',
    ],
    rows.map(({ label, summary }) => [
      label,
      formatTrials(summary.medianTrials, budget),
      summary.quartileTrials.map((trials) => formatTrials(trials, budget)).join('-'),
      `${String(summary.reached)}/${String(summary.seeds)}`,
      speedUp(baseline.medianTrials, summary.medianTrials),
      summary.medianBestOfReference.toPrecision(6),
      summary.millisecondsPerTrial.toFixed(2),
    ]),
  );
}

/** The verdict lines of one objective. */
export function formatVerdict(verdict: ReportVerdict, budget: number): string[] {
  const trials = (summary: AlgorithmSummary): string => formatTrials(summary.medianTrials, budget);
  const beatsRandom = verdict.deuro.medianTrials < verdict.random.medianTrials;
  const lines = [
    `deuro TPE vs random: ${trials(verdict.deuro)} vs ${trials(verdict.random)} trials, ` +
      `${speedUp(verdict.random.medianTrials, verdict.deuro.medianTrials)} (goal: fewer): ${beatsRandom ? 'PASS' : 'FAIL'}`,
  ];
  if (verdict.optuna !== undefined) {
    lines.push(optunaVerdict(verdict.deuro, verdict.optuna, budget));
  }
  return lines;
}

/**
 * Deuro against Optuna: the ratio of medians, its 95% bootstrap interval over the seeds, and the
 * verdict by the ratio itself; a ratio below 1.00x whose interval holds 1.00x is marked as within
 * the seeds' noise.
 */
function optunaVerdict(deuro: AlgorithmSummary, optuna: AlgorithmSummary, budget: number): string {
  const ratio = optuna.medianTrials / deuro.medianTrials;
  const interval = medianRatioInterval(optuna.trialsPerSeed, deuro.trialsPerSeed);
  const noWorse = deuro.medianTrials <= optuna.medianTrials;
  const outcome = noWorse
    ? 'PASS'
    : interval.high >= 1
      ? "BELOW, within the seeds' noise"
      : 'BELOW';
  return (
    `deuro TPE vs optuna TPE: ${formatTrials(deuro.medianTrials, budget)} vs ` +
    `${formatTrials(optuna.medianTrials, budget)} trials, ratio ${formatRatio(ratio)} ` +
    `(95% interval ${formatRatio(interval.low)} to ${formatRatio(interval.high)}; goal >= 1.00x): ${outcome}`
  );
}

function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}x` : '-';
}

function speedUp(baseline: number, trials: number): string {
  const ratio = baseline / trials;
  return Number.isFinite(ratio) && ratio > 0 ? `${ratio.toFixed(2)}x` : '-';
}
