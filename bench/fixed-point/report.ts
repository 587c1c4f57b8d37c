/**
 * The benchmark's figures as text: the accuracy table (float32 baseline and fixed-point runs
 * of the same configuration), the verdict on the white paper's finding, and the accumulation
 * micro-benchmark.
 */
import { formatTable } from '../ledger/text-table';

/** SR counts as matching float32 within this many percentage points. */
export const SR_TOLERANCE_PP = 1;
/** RN counts as visibly short when it trails float32 by at least this many percentage points. */
export const RN_SHORTFALL_PP = 2;

/** The outcome of the trials (seeds) of one configuration. */
export interface RunFigures {
  readonly label: string;
  /** Test accuracy of each trial, basis points. */
  readonly accuracyBasisPoints: readonly number[];
  /** Fraction of parameters that changed in each trial's last epoch. */
  readonly changedInLastEpoch: readonly number[];
  /** Wall-clock seconds of each trial. */
  readonly seconds: readonly number[];
}

/** The mean of a non-empty list. */
export function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
}

/** Mean test accuracy in percent. */
export function meanAccuracyPercent(figures: RunFigures): number {
  return mean(figures.accuracyBasisPoints) / 100;
}

/** Table rows: float32 first (the baseline), then each fixed-point run against it. */
export function formatAccuracyTable(baseline: RunFigures, runs: readonly RunFigures[]): string[] {
  const base = meanAccuracyPercent(baseline);
  const row = (figures: RunFigures): string[] => {
    const accuracy = meanAccuracyPercent(figures);
    const low = Math.min(...figures.accuracyBasisPoints) / 100;
    const high = Math.max(...figures.accuracyBasisPoints) / 100;
    return [
      figures.label,
      accuracy.toFixed(2),
      `${low.toFixed(2)}-${high.toFixed(2)}`,
      figures === baseline ? 'baseline' : signed(accuracy - base),
      (accuracy / base).toFixed(3),
      `${(100 * mean(figures.changedInLastEpoch)).toFixed(1)}%`,
      mean(figures.seconds).toFixed(1),
    ];
  };
  return formatTable(
    ['arithmetic', 'test acc %', 'range', 'vs float32 pp', 'ratio', 'changed last epoch', 's/run'],
    [row(baseline), ...runs.map(row)],
  );
}

/**
 * The white paper's finding for one format: SR within {@link SR_TOLERANCE_PP} of float32, RN
 * short by at least {@link RN_SHORTFALL_PP}.
 */
export function findingVerdict(
  baseline: RunFigures,
  nearest: RunFigures,
  stochastic: RunFigures,
): string {
  const base = meanAccuracyPercent(baseline);
  const srGap = base - meanAccuracyPercent(stochastic);
  const rnGap = base - meanAccuracyPercent(nearest);
  const srOk = srGap <= SR_TOLERANCE_PP;
  const rnShort = rnGap >= RN_SHORTFALL_PP;
  const verdict =
    srOk && rnShort ? 'FINDING HOLDS' : srOk ? 'SR ok, RN not visibly short' : 'SR NOT within 1 pp';
  return `SR ${signed(-srGap)} pp, RN ${signed(-rnGap)} pp vs float32: ${verdict}`;
}

/** One measured accumulation strategy. */
export interface AccumulationFigures {
  readonly strategy: string;
  readonly words: string;
  readonly nanosecondsPerMac: number;
}

/** The accumulation micro-benchmark, each strategy against the first (the baseline). */
export function formatAccumulationTable(figures: readonly AccumulationFigures[]): string[] {
  const base = figures[0]?.nanosecondsPerMac ?? 1;
  return formatTable(
    ['strategy', 'words', 'ns/MAC', 'x baseline'],
    figures.map((entry) => [
      entry.strategy,
      entry.words,
      entry.nanosecondsPerMac.toFixed(2),
      (entry.nanosecondsPerMac / base).toFixed(1),
    ]),
  );
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;
}
