/**
 * The benchmark's settings: command-line flags first, then `DEURO_BENCH_*`
 * environment variables, then defaults sized so that a whole run stays under
 * about three minutes on a 2-core machine.
 */

import {
  applySettings,
  type BenchSetting,
  readFlags,
  wholeNumberIn,
} from '../common/bench-options';
import { MAX_BATCHES, MAX_ITEMS_PER_BATCH } from './item-id';

export { wantsHelp } from '../common/bench-options';

/** What one run measures. */
export interface BenchOptions {
  /** In-flight submitTransaction calls on the one shared connection. */
  readonly concurrency: number;
  /** Measured transactions per workload, split evenly over the rounds. */
  readonly transactions: number;
  /** Unmeasured transactions per workload before the first round. */
  readonly warmup: number;
  /** Rounds per workload; the workloads alternate round by round. */
  readonly rounds: number;
  /** Measure the plain key/value write only (for a chaincode without the asset contracts). */
  readonly baselineOnly: boolean;
}

/** The defaults, also printed by `--help`. */
export const defaultBenchOptions: BenchOptions = {
  concurrency: 32,
  transactions: 2400,
  warmup: 400,
  rounds: 6,
  baselineOnly: false,
};

const numberSettings: readonly BenchSetting<BenchOptions>[] = [
  {
    flag: '--concurrency',
    env: 'DEURO_BENCH_CONCURRENCY',
    key: 'concurrency',
    parse: wholeNumberIn(1, 1000),
  },
  {
    flag: '--transactions',
    env: 'DEURO_BENCH_TRANSACTIONS',
    key: 'transactions',
    parse: wholeNumberIn(1, MAX_ITEMS_PER_BATCH),
  },
  {
    flag: '--warmup',
    env: 'DEURO_BENCH_WARMUP',
    key: 'warmup',
    parse: wholeNumberIn(0, MAX_ITEMS_PER_BATCH),
  },
  {
    flag: '--rounds',
    env: 'DEURO_BENCH_ROUNDS',
    key: 'rounds',
    parse: wholeNumberIn(1, MAX_BATCHES - 1),
  },
];

/** The usage text for `--help`. */
export const usage = `usage: node --import tsx bench/ledger/run.ts [options]

  --concurrency N    in-flight submissions (env DEURO_BENCH_CONCURRENCY, default ${String(defaultBenchOptions.concurrency)})
  --transactions N   measured transactions per workload (env DEURO_BENCH_TRANSACTIONS, default ${String(defaultBenchOptions.transactions)})
  --warmup N         unmeasured transactions per workload first (env DEURO_BENCH_WARMUP, default ${String(defaultBenchOptions.warmup)})
  --rounds N         alternating rounds per workload (env DEURO_BENCH_ROUNDS, default ${String(defaultBenchOptions.rounds)})
  --baseline-only    measure PutValue only (env DEURO_BENCH_BASELINE_ONLY=1)
  --help             print this and exit`;

/**
 * Reads the options from `argv` (without node and the script) and `env`.
 * @throws Error naming the flag or variable when a value is not a whole number in range, or
 * when a flag is unknown or has no value.
 */
export function parseBenchOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): BenchOptions {
  const flags = readFlags(
    argv,
    numberSettings.map((setting) => setting.flag),
    usage,
    ['--baseline-only', '--help'],
  );
  const defaults = {
    ...defaultBenchOptions,
    baselineOnly: flags.has('--baseline-only') || env.DEURO_BENCH_BASELINE_ONLY === '1',
  };
  const options = applySettings(defaults, numberSettings, flags, env);
  if (options.transactions < options.rounds) {
    throw new Error(
      `--transactions (${String(options.transactions)}) must be at least --rounds (${String(options.rounds)})`,
    );
  }
  return options;
}
