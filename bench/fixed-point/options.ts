/**
 * The fixed-point benchmark's settings: command-line flags first, then `DEURO_BENCH_FIXED_*`
 * environment variables, then defaults (the table of docs/gpredict-training.md, about ten
 * minutes on a 2-core machine).
 */
import type { FixedFormat } from '../../gateway/src/gpredict/fixed-point/index';
import type { ModelKind } from '../../gateway/src/gpredict/training/index';

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

interface Setting {
  readonly flag: string;
  readonly env: string;
  readonly apply: (options: Mutable, text: string, name: string) => void;
}

type Mutable = { -readonly [Key in keyof FixedPointBenchOptions]: FixedPointBenchOptions[Key] };

const settings: readonly Setting[] = [
  {
    flag: '--epochs',
    env: 'DEURO_BENCH_FIXED_EPOCHS',
    apply: (options, text, name) => {
      options.epochs = wholeNumber(text, name, 1, 10000);
    },
  },
  {
    flag: '--seeds',
    env: 'DEURO_BENCH_FIXED_SEEDS',
    apply: (options, text, name) => {
      options.seeds = wholeNumber(text, name, 1, 100);
    },
  },
  {
    flag: '--models',
    env: 'DEURO_BENCH_FIXED_MODELS',
    apply: (options, text, name) => {
      options.models = list(text, name, (item) =>
        item === 'softmax' || item === 'mlp' ? item : undefined,
      );
    },
  },
  {
    flag: '--learning-rates',
    env: 'DEURO_BENCH_FIXED_LEARNING_RATES',
    apply: (options, text, name) => {
      options.learningRates = list(text, name, (item) => {
        const value = Number(item);
        return item !== '' && Number.isFinite(value) && value > 0 && value < 64 ? value : undefined;
      });
    },
  },
  {
    flag: '--formats',
    env: 'DEURO_BENCH_FIXED_FORMATS',
    apply: (options, text, name) => {
      options.formats = list(text, name, parseFormat);
    },
  },
  {
    flag: '--mac-terms',
    env: 'DEURO_BENCH_FIXED_MAC_TERMS',
    apply: (options, text, name) => {
      options.macTerms = wholeNumber(text, name, 0, 1e9);
    },
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

/** Whether `argv` asks for the usage text. */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/**
 * Read the options from `argv` (without node and the script) and `env`.
 * @throws Error naming the flag or variable when a value is invalid, or when a flag is unknown
 * or has no value.
 */
export function parseFixedPointBenchOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): FixedPointBenchOptions {
  const flags = readFlags(argv);
  const options: Mutable = { ...defaultFixedPointBenchOptions };
  for (const setting of settings) {
    const fromFlag = flags.get(setting.flag);
    const fromEnv = env[setting.env];
    if (fromFlag !== undefined) {
      setting.apply(options, fromFlag, setting.flag);
    } else if (fromEnv !== undefined && fromEnv !== '') {
      setting.apply(options, fromEnv, setting.env);
    }
  }
  return options;
}

/** `<NB, FB>` from `NB.FB`, or undefined when it is not a valid format. */
export function parseFormat(text: string): FixedFormat | undefined {
  const match = /^(\d{1,2})\.(\d{1,2})$/.exec(text);
  const nb = Number(match?.[1]);
  const fb = Number(match?.[2]);
  return match !== null && nb >= 1 && nb + fb <= 32 ? { nb, fb } : undefined;
}

function readFlags(argv: readonly string[]): Map<string, string> {
  const known = new Set(settings.map((setting) => setting.flag));
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i] ?? '';
    const value = argv[i + 1];
    if (!known.has(flag)) {
      throw new Error(`unknown option ${flag}\n${usage}`);
    }
    if (value === undefined) {
      throw new Error(`${flag} needs a value`);
    }
    flags.set(flag, value);
  }
  return flags;
}

function wholeNumber(text: string, name: string, min: number, max: number): number {
  const value = Number(text);
  if (text === '' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(
      `${name} must be a whole number from ${String(min)} to ${String(max)}, got ${text}`,
    );
  }
  return value;
}

function list<Item>(text: string, name: string, parse: (item: string) => Item | undefined): Item[] {
  const items = text.split(',').map((item) => item.trim());
  return items.map((item) => {
    const parsed = parse(item);
    if (parsed === undefined) {
      throw new Error(`${name}: ${item === '' ? 'empty item' : item} is not valid`);
    }
    return parsed;
  });
}
