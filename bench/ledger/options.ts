/**
 * The benchmark's settings: command-line flags first, then `DEURO_BENCH_*`
 * environment variables, then defaults sized so that a whole run stays under
 * about three minutes on a 2-core machine.
 */

import { MAX_BATCHES, MAX_ITEMS_PER_BATCH } from './item-id';

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

interface NumberSetting {
  readonly flag: string;
  readonly env: string;
  readonly key: 'concurrency' | 'transactions' | 'warmup' | 'rounds';
  readonly min: number;
  readonly max: number;
}

const numberSettings: readonly NumberSetting[] = [
  { flag: '--concurrency', env: 'DEURO_BENCH_CONCURRENCY', key: 'concurrency', min: 1, max: 1000 },
  {
    flag: '--transactions',
    env: 'DEURO_BENCH_TRANSACTIONS',
    key: 'transactions',
    min: 1,
    max: MAX_ITEMS_PER_BATCH,
  },
  { flag: '--warmup', env: 'DEURO_BENCH_WARMUP', key: 'warmup', min: 0, max: MAX_ITEMS_PER_BATCH },
  { flag: '--rounds', env: 'DEURO_BENCH_ROUNDS', key: 'rounds', min: 1, max: MAX_BATCHES - 1 },
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
 * when a flag is unknown.
 */
export function parseBenchOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): BenchOptions {
  const flags = readFlags(argv);
  const options = {
    ...defaultBenchOptions,
    baselineOnly: flags.has('--baseline-only') || env.DEURO_BENCH_BASELINE_ONLY === '1',
  };
  for (const setting of numberSettings) {
    const fromFlag = flags.get(setting.flag);
    const fromEnv = env[setting.env];
    if (fromFlag !== undefined) {
      options[setting.key] = wholeNumber(setting.flag, fromFlag, setting);
    } else if (fromEnv !== undefined && fromEnv !== '') {
      options[setting.key] = wholeNumber(setting.env, fromEnv, setting);
    }
  }
  if (options.transactions < options.rounds) {
    throw new Error(
      `--transactions (${String(options.transactions)}) must be at least --rounds (${String(options.rounds)})`,
    );
  }
  return options;
}

function readFlags(argv: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [name = '', inline] = arg.split('=', 2);
    if (name === '--baseline-only' || name === '--help') {
      flags.set(name, '');
    } else if (numberSettings.some((setting) => setting.flag === name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) {
        throw new Error(`${name} needs a value`);
      }
      flags.set(name, value);
    } else {
      throw new Error(`unknown option ${arg}\n${usage}`);
    }
  }
  return flags;
}

function wholeNumber(name: string, text: string, range: NumberSetting): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < range.min || value > range.max) {
    throw new Error(
      `${name} must be a whole number from ${String(range.min)} to ${String(range.max)}, got "${text}"`,
    );
  }
  return value;
}

/** Whether `--help` was asked for. */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}
