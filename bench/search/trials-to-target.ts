/**
 * The benchmark's measure: how many trials a search needs to reach random search's best-of-100.
 *
 * For one objective, random search runs every seed; each seed's best value over its first
 * `referenceTrials` trials is its best-of-100, and the target is the median of those over the
 * seeds (one number per objective). Every algorithm's run with a seed then needs n trials: the
 * first n whose best value reaches the target (at or below when minimising), or none within the
 * budget. The table reports the median n over seeds.
 */

/** 1 to minimise, -1 to maximise. */
export type Sign = 1 | -1;

/** The best (sign-aware) value among the first `count` values; failed trials (null) skipped. */
export function bestOf(values: readonly (number | null)[], count: number, sign: Sign): number {
  let best = Infinity;
  for (const value of values.slice(0, count)) {
    if (value !== null && sign * value < best) {
      best = sign * value;
    }
  }
  return sign * best;
}

/** Trials needed to reach `target`: the 1-based index of the first value at or past it. */
export function trialsToTarget(
  values: readonly (number | null)[],
  target: number,
  sign: Sign,
): number | undefined {
  const index = values.findIndex((value) => value !== null && sign * value <= sign * target);
  return index < 0 ? undefined : index + 1;
}

/** The median of a non-empty list; undefined (never reached) sorts last and is infinite. */
export function median(values: readonly (number | undefined)[]): number {
  const sorted = values.map((value) => value ?? Infinity).sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

/**
 * The q-quantile (0 to 1) of a non-empty list by nearest rank, sorted[round(q * (n - 1))];
 * undefined (never reached) sorts last and is infinite.
 */
export function quantile(values: readonly (number | undefined)[], q: number): number {
  const sorted = values.map((value) => value ?? Infinity).sort((a, b) => a - b);
  return sorted[Math.round(q * (sorted.length - 1))] ?? NaN;
}

/** The target of an objective: the median over seeds of random search's best-of-reference. */
export function targetValue(
  randomRuns: readonly (readonly (number | null)[])[],
  referenceTrials: number,
  sign: Sign,
): number {
  return sign * median(randomRuns.map((values) => sign * bestOf(values, referenceTrials, sign)));
}

/** One algorithm's figures on one objective. */
export interface AlgorithmSummary {
  /** Median over seeds of the trials needed to reach the target (Infinity: not within budget). */
  readonly medianTrials: number;
  /** First and third quartiles over seeds of the trials needed (nearest rank). */
  readonly quartileTrials: readonly [number, number];
  /** Seeds whose run reached the target within the budget. */
  readonly reached: number;
  readonly seeds: number;
  /** Median over seeds of the best value of the first `referenceTrials` trials. */
  readonly medianBestOfReference: number;
  /** Mean wall time per trial of the search itself (objective included), in milliseconds. */
  readonly millisecondsPerTrial: number;
  /** Each seed's trials to the target, in seed order (Infinity: not within budget). */
  readonly trialsPerSeed: readonly number[];
}

/** Summarise an algorithm's runs (values per seed) against the target. */
export function summarise(
  runs: readonly (readonly (number | null)[])[],
  target: number,
  referenceTrials: number,
  sign: Sign,
  milliseconds: number,
): AlgorithmSummary {
  const needed = runs.map((values) => trialsToTarget(values, target, sign));
  const trials = runs.reduce((sum, values) => sum + values.length, 0);
  return {
    medianTrials: median(needed),
    quartileTrials: [quantile(needed, 0.25), quantile(needed, 0.75)],
    reached: needed.filter((count) => count !== undefined).length,
    seeds: runs.length,
    medianBestOfReference:
      sign * median(runs.map((values) => sign * bestOf(values, referenceTrials, sign))),
    millisecondsPerTrial: trials === 0 ? 0 : milliseconds / trials,
    trialsPerSeed: needed.map((count) => count ?? Infinity),
  };
}
