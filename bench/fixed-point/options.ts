/**
 * The fixed-point benchmark's settings: command-line flags first, then `DEURO_BENCH_FIXED_*`
 * environment variables, then defaults (the table of docs/gpredict-training.md, about ten
 * minutes on a 2-core machine).
 */
import type { FixedFormat } from '../../gateway/src/gpredict/fixed-point/index';
import type { ModelKind } from '../../gateway/src/gpredict/training/index';
import {
  type BenchSetting,
  commaListOf,
  readBenchOptions,
  wholeNumberIn,
} from '../common/bench-options';

export { wantsHelp } from '../common/bench-options';

/** What one run measures. */
export interface FixedPointBenchOptions {
  /** Epochs per training run. */
  readonly epochs: number;
  /** Trials (trial ids) per configuration; the table reports their mean. */
  readonly seeds: number;
  readonly models: readonly ModelKind[];
  readonly learningRates: readonly number[];
  /** Fixed-point formats compared against float32. */
  readonly formats: readonly FixedFormat[];
  /** Multiply-accumulates per accumulation strategy in the exactness micro-benchmark; 0 skips it. */
  readonly macTerms: number;
}

/** The defaults, also printed by `--help`. */
export const defaultFixedPointBenchOptions: FixedPointBenchOptions = {
  epochs: 30,
  seeds: 3,
  models: ['softmax', 'mlp'],
  learningRates: [0.03, 0.01],
  formats: [
    { nb: 4, fb: 12 },
    { nb: 2, fb: 14 },
    { nb: 6, fb: 10 },
    { nb: 8, fb: 8 },
    { nb: 8, fb: 24 },
  ],
  macTerms: 2_000_000,
};

const settings: readonly BenchSetting<FixedPointBenchOptions>[] = [
  {
    flag: '--epochs',
    env: 'DEURO_BENCH_FIXED_EPOCHS',
    key: 'epochs',
    parse: wholeNumberIn(1, 10000),
  },
  { flag: '--seeds', env: 'DEURO_BENCH_FIXED_SEEDS', key: 'seeds', parse: wholeNumberIn(1, 100) },
  {
    flag: '--models',
    env: 'DEURO_BENCH_FIXED_MODELS',
    key: 'models',
    parse: commaListOf((item) => (item === 'softmax' || item === 'mlp' ? item : undefined)),
  },
  {
    flag: '--learning-rates',
    env: 'DEURO_BENCH_FIXED_LEARNING_RATES',
    key: 'learningRates',
    parse: commaListOf((item) => {
      const value = Number(item);
      return item !== '' && Number.isFinite(value) && value > 0 && value < 64 ? value : undefined;
    }),
  },
  {
    flag: '--formats',
    env: 'DEURO_BENCH_FIXED_FORMATS',
    key: 'formats',
    parse: commaListOf(parseFormat),
  },
  {
    flag: '--mac-terms',
    env: 'DEURO_BENCH_FIXED_MAC_TERMS',
    key: 'macTerms',
    parse: wholeNumberIn(0, 1e9),
  },
];

/** The usage text for `--help`. */
export const usage = `usage: node --import tsx bench/fixed-point/run.ts [options]

  --epochs N             epochs per training run (env DEURO_BENCH_FIXED_EPOCHS, default 30)
  --seeds N              trials per configuration, mean reported (env DEURO_BENCH_FIXED_SEEDS, default 3)
  --models LIST          softmax,mlp (env DEURO_BENCH_FIXED_MODELS)
  --learning-rates LIST  e.g. 0.03,0.01 (env DEURO_BENCH_FIXED_LEARNING_RATES)
  --formats LIST         NB.FB formats, e.g. 4.12,2.14,6.10,8.8,8.24 (env DEURO_BENCH_FIXED_FORMATS)
  --mac-terms N          multiply-accumulates per strategy in the exactness benchmark, 0 skips it
                         (env DEURO_BENCH_FIXED_MAC_TERMS, default 2000000)
  --help                 print this and exit`;

/**
 * Read the options from `argv` (without node and the script) and `env`.
 * @throws Error naming the flag or variable when a value is invalid, or when a flag is unknown
 * or has no value.
 */
export function parseFixedPointBenchOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): FixedPointBenchOptions {
  return readBenchOptions(argv, env, defaultFixedPointBenchOptions, settings, usage);
}

/** `<NB, FB>` from `NB.FB`, or undefined when it is not a valid format. */
export function parseFormat(text: string): FixedFormat | undefined {
  const match = /^(\d{1,2})\.(\d{1,2})$/.exec(text);
  const nb = Number(match?.[1]);
  const fb = Number(match?.[2]);
  return match !== null && nb >= 1 && nb + fb <= 32 ? { nb, fb } : undefined;
}
