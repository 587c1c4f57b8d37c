/**
 * Runs Deuro's searches on a benchmark objective. Trials run one after another: by the search's
 * dependency rule, trial k of a search with parallelism P sees exactly trials 0..k-P whatever
 * the order of evaluation, so a sequential loop gives the same configurations as P workers.
 */
import {
  newRandomSearch,
  newTpeSearch,
  type Configuration,
  type TpeSettings,
} from '../../gateway/src/gpredict/search/index';
import type { BenchObjective } from './objectives';
import type { Sign } from './trials-to-target';

/** One of Deuro's algorithms as a row of the table. */
export interface DeuroAlgorithm {
  readonly label: string;
  readonly kind: 'random' | 'tpe';
  readonly parallelism: number;
  readonly settings?: Partial<TpeSettings>;
}

/** When a run stops. */
export interface RunLimits {
  /** Most trials. */
  readonly budget: number;
  /** A run that reached the target still runs this many trials (for the best-of-100). */
  readonly minTrials: number;
  /** Stop early once reached (with at least `minTrials`); undefined runs the whole budget. */
  readonly target: number | undefined;
  readonly sign: Sign;
}

/** The values of one run, in trial order, and its wall time. */
export interface RunValues {
  readonly values: (number | null)[];
  readonly milliseconds: number;
}

/** Run one seed of a Deuro algorithm on an objective. */
export async function runDeuroSearch(
  algorithm: DeuroAlgorithm,
  objective: BenchObjective,
  seed: number,
  limits: RunLimits,
): Promise<RunValues> {
  const options = {
    space: objective.space,
    seed,
    parallelism: algorithm.parallelism,
    direction: objective.direction,
    ...algorithm.settings,
  };
  const search = algorithm.kind === 'random' ? newRandomSearch(options) : newTpeSearch(options);
  return runTrialLoop(
    objective,
    limits,
    (trial) => search.suggest(trial),
    (trial, value) => {
      search.observe(trial, value);
    },
  );
}

/**
 * Trials 0, 1, ... one after another until the limits say stop: each configuration from
 * `suggest`, evaluated, its value handed to `observe`. Times the whole loop.
 */
export async function runTrialLoop(
  objective: BenchObjective,
  limits: RunLimits,
  suggest: (trial: number) => Configuration | Promise<Configuration>,
  observe: (trial: number, value: number | null) => void,
): Promise<RunValues> {
  const values: (number | null)[] = [];
  let best = Infinity;
  const started = performance.now();
  for (let trial = 0; trial < limits.budget; trial += 1) {
    const value = await objective.evaluate(await suggest(trial));
    observe(trial, value);
    values.push(value);
    best = value === null ? best : Math.min(best, limits.sign * value);
    const reached = limits.target !== undefined && best <= limits.sign * limits.target;
    if (reached && values.length >= limits.minTrials) {
      break;
    }
  }
  return { values, milliseconds: performance.now() - started };
}
