/**
 * The search benchmark's settings: command-line flags first, then `DEURO_BENCH_SEARCH_*`
 * environment variables, then defaults (100 seeds, budget 200, best-of-100, the standard
 * objectives, Optuna on, a 4-worker TPE row).
 */

import { resolveSearchOptions, type TpeSettings } from '../../gateway/src/gpredict/search/index';
import {
  type BenchSetting,
  parseCommaList,
  parseYesNo,
  readBenchOptions,
  wholeNumberIn,
} from '../common/bench-options';

export { wantsHelp } from '../common/bench-options';

/** What one run measures. */
export interface SearchBenchOptions {
  /** How many seeds: firstSeed..firstSeed+seeds-1, the same for every algorithm. */
  readonly seeds: number;
  /** The first seed (0). */
  readonly firstSeed: number;
  /** Most trials of a run. */
  readonly budget: number;
  /** Trials of random search whose best value sets the target (best-of-100). */
  readonly referenceTrials: number;
  /** Objectives to run, by name; empty for all. */
  readonly objectives: readonly string[];
  /** Workers of the parallel TPE row; 1 leaves the row out. */
  readonly parallel: number;
  /** Whether to run Optuna's TPE (needs /usr/bin/python3 with python3-optuna). */
  readonly optuna: boolean;
  /** Whether to add a row for Optuna's multivariate TPE. */
  readonly optunaMultivariate: boolean;
  /** Whether to run Optuna through the ask/tell bridge even where the script has the objective. */
  readonly optunaBridge: boolean;
  /** TPE settings of extra Deuro rows, one row each (to compare settings). */
  readonly tpeSettings: readonly Partial<TpeSettings>[];
}

/** The defaults, also printed by `--help`. */
export const defaultSearchBenchOptions: SearchBenchOptions = {
  seeds: 100,
  firstSeed: 0,
  budget: 200,
  referenceTrials: 100,
  objectives: [],
  parallel: 4,
  optuna: true,
  optunaMultivariate: false,
  optunaBridge: false,
  tpeSettings: [],
};

const settings: readonly BenchSetting<SearchBenchOptions>[] = [
  { flag: '--seeds', env: 'DEURO_BENCH_SEARCH_SEEDS', key: 'seeds', parse: wholeNumberIn(1, 1000) },
  {
    flag: '--first-seed',
    env: 'DEURO_BENCH_SEARCH_FIRST_SEED',
    key: 'firstSeed',
    parse: wholeNumberIn(0, 1_000_000),
  },
  {
    flag: '--budget',
    env: 'DEURO_BENCH_SEARCH_BUDGET',
    key: 'budget',
    parse: wholeNumberIn(1, 100000),
  },
  {
    flag: '--reference-trials',
    env: 'DEURO_BENCH_SEARCH_REFERENCE_TRIALS',
    key: 'referenceTrials',
    parse: wholeNumberIn(1, 100000),
  },
  {
    flag: '--objectives',
    env: 'DEURO_BENCH_SEARCH_OBJECTIVES',
    key: 'objectives',
    parse: parseCommaList,
  },
  {
    flag: '--parallel',
    env: 'DEURO_BENCH_SEARCH_PARALLEL',
    key: 'parallel',
    parse: wholeNumberIn(1, 1024),
  },
  { flag: '--optuna', env: 'DEURO_BENCH_SEARCH_OPTUNA', key: 'optuna', parse: parseYesNo },
  {
    flag: '--optuna-multivariate',
    env: 'DEURO_BENCH_SEARCH_OPTUNA_MULTIVARIATE',
    key: 'optunaMultivariate',
    parse: parseYesNo,
  },
  {
    flag: '--optuna-bridge',
    env: 'DEURO_BENCH_SEARCH_OPTUNA_BRIDGE',
    key: 'optunaBridge',
    parse: parseYesNo,
  },
  {
    flag: '--tpe-settings',
    env: 'DEURO_BENCH_SEARCH_TPE_SETTINGS',
    key: 'tpeSettings',
    parse: tpeSettings,
  },
];

/** The usage text for `--help`. */
export const usage = `usage: node --import tsx bench/search/run.ts [options]

  --seeds N                 seeds per algorithm (env DEURO_BENCH_SEARCH_SEEDS, default 100)
  --first-seed N            seeds are N..N+seeds-1 (env DEURO_BENCH_SEARCH_FIRST_SEED, default 0)
  --budget N                most trials per run (env DEURO_BENCH_SEARCH_BUDGET, default 200)
  --reference-trials N      random search's best-of-N sets the target (env DEURO_BENCH_SEARCH_REFERENCE_TRIALS, default 100)
  --objectives a,b          objectives to run (env DEURO_BENCH_SEARCH_OBJECTIVES, default branin,hartmann6,conditional-models; digits only when named)
  --parallel N              workers of the parallel TPE row, 1 for none (env DEURO_BENCH_SEARCH_PARALLEL, default 4)
  --optuna yes|no           run Optuna's TPE (env DEURO_BENCH_SEARCH_OPTUNA, default yes)
  --optuna-multivariate yes|no  add Optuna's multivariate TPE (env DEURO_BENCH_SEARCH_OPTUNA_MULTIVARIATE, default no)
  --optuna-bridge yes|no    run Optuna through the ask/tell bridge for every objective (env DEURO_BENCH_SEARCH_OPTUNA_BRIDGE, default no:
                            only for objectives the Python script lacks, such as digits)
  --tpe-settings JSON       add a Deuro TPE row with these settings, e.g. '{"clipScottBandwidths":true}', or one row
                            per object of an array (env DEURO_BENCH_SEARCH_TPE_SETTINGS, default none)
  --help                    print this and exit`;

/**
 * Read the options from `argv` (without node and the script) and `env`.
 * @throws Error naming the flag or variable when a value is invalid, or a flag is unknown or has
 * no value.
 */
export function parseSearchBenchOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): SearchBenchOptions {
  const options = readBenchOptions(argv, env, defaultSearchBenchOptions, settings, usage);
  if (options.referenceTrials > options.budget) {
    throw new Error('--reference-trials must not exceed --budget');
  }
  return options;
}

/**
 * A JSON object of TPE settings, or an array of them (one row each), checked by the search's own
 * validation.
 */
function tpeSettings(text: string, name: string): Partial<TpeSettings>[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const list: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
  return list.map((settings) => {
    if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
      throw new Error(
        `${name} must be a JSON object of TPE settings or an array of them, got ${text}`,
      );
    }
    const probe = { parameters: { x: { type: 'uniform', low: 0, high: 1 } } };
    try {
      resolveSearchOptions({ ...settings, space: probe, seed: 0 });
    } catch (error) {
      throw new Error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return settings;
  });
}
