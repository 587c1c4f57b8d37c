/*
 * TPE's split of the observations into the good ones, which form l(x), and the rest, which form
 * g(x): the best ceil(gammaFraction * n) completed trials (at most maxBelow) are good, ties going
 * to the earlier trial as in Optuna; the other completed trials, the failed ones and (with the
 * constant liar) the ones still running are bad. Each side keeps trial order, and the weights of
 * an estimator's observations ramp up linearly from old to new except for the newest
 * `fullWeightTrials`, which weigh 1 (Bergstra et al. 2013; Optuna's `default_weights`).
 */
import type { InternalPoint } from './configuration.js';

/** One trial as the model sees it. */
export interface ModelObservation {
  readonly trialNumber: number;
  readonly point: InternalPoint;
  /** The loss (value, negated when maximising); undefined when the trial failed or is running. */
  readonly loss: number | undefined;
}

/** Observations on each side of the split, each in trial order. */
export interface SplitObservations {
  readonly below: readonly ModelObservation[];
  readonly above: readonly ModelObservation[];
}

/** How many completed trials are good: min(ceil(fraction * count), maxBelow). */
export function belowCount(count: number, fraction: number, maxBelow: number): number {
  return Math.min(Math.ceil(fraction * count), maxBelow);
}

/** Split observations into good and bad. */
export function splitObservations(
  observations: readonly ModelObservation[],
  fraction: number,
  maxBelow: number,
): SplitObservations {
  const completed = observations
    .filter((observation) => observation.loss !== undefined)
    .sort((a, b) => (a.loss ?? 0) - (b.loss ?? 0) || a.trialNumber - b.trialNumber);
  const good = new Set(completed.slice(0, belowCount(completed.length, fraction, maxBelow)));
  const byTrial = [...observations].sort((a, b) => a.trialNumber - b.trialNumber);
  return {
    below: byTrial.filter((observation) => good.has(observation)),
    above: byTrial.filter((observation) => !good.has(observation)),
  };
}

/** Weights of `count` observations in trial order (numpy's linspace for the ramp). */
export function observationWeights(count: number, fullWeightTrials: number): number[] {
  if (count <= fullWeightTrials) {
    return new Array<number>(count).fill(1);
  }
  const rampCount = count - fullWeightTrials;
  const start = 1 / count;
  const step = rampCount === 1 ? 0 : (1 - start) / (rampCount - 1);
  const ramp = Array.from({ length: rampCount }, (_, index) =>
    index === rampCount - 1 && rampCount > 1 ? 1 : start + index * step,
  );
  return [...ramp, ...new Array<number>(fullWeightTrials).fill(1)];
}
