/**
 * The i-vector benchmark's settings: command-line flags first, then `DEURO_BENCH_IVECTOR_*`
 * environment variables, then defaults. `--evaluate` switches from the realtime-factor
 * measurement to the full speaker-verification evaluation.
 */

/** What one run does. */
export interface IvectorBenchOptions {
  /** Run the evaluation (EER, DET plot) instead of the realtime-factor measurement. */
  readonly evaluate: boolean;
  /** Corpus speakers (the evaluation; the realtime run uses the first 25). */
  readonly speakers: number;
  /** Sessions per speaker. */
  readonly sessions: number;
  /** UBM Gaussians. */
  readonly components: number;
  /** i-vector dimension. */
  readonly rank: number;
  /** Minutes of held-out speech whose i-vectors the realtime run extracts. */
  readonly minutes: number;
  /** Timed rounds of each extraction stage; the median is reported. */
  readonly rounds: number;
  /** Where synthesized audio is kept between runs ('' for nowhere). */
  readonly cacheDir: string;
  /** Where the evaluation writes the DET plot (PNG). */
  readonly plot: string;
  /** Where the evaluation writes the trained model ('' for nowhere). */
  readonly modelOut: string;
}

/** The defaults, also printed by `--help`. */
export const defaultIvectorBenchOptions: IvectorBenchOptions = {
  evaluate: false,
  speakers: 98,
  sessions: 8,
  components: 64,
  rank: 100,
  minutes: 3,
  rounds: 3,
  cacheDir: '',
  plot: 'docs/speech-ivector-det.png',
  modelOut: '',
};

interface Setting {
  readonly flag: string;
  readonly env: string;
  readonly key: keyof IvectorBenchOptions;
  /** Numeric range; absent for a text setting. */
  readonly range?: readonly [number, number];
}

const settings: readonly Setting[] = [
  { flag: '--speakers', env: 'DEURO_BENCH_IVECTOR_SPEAKERS', key: 'speakers', range: [5, 98] },
  { flag: '--sessions', env: 'DEURO_BENCH_IVECTOR_SESSIONS', key: 'sessions', range: [2, 64] },
  {
    flag: '--components',
    env: 'DEURO_BENCH_IVECTOR_COMPONENTS',
    key: 'components',
    range: [1, 2048],
  },
  { flag: '--rank', env: 'DEURO_BENCH_IVECTOR_RANK', key: 'rank', range: [1, 1000] },
  { flag: '--minutes', env: 'DEURO_BENCH_IVECTOR_MINUTES', key: 'minutes', range: [1, 120] },
  { flag: '--rounds', env: 'DEURO_BENCH_IVECTOR_ROUNDS', key: 'rounds', range: [1, 100] },
  { flag: '--cache-dir', env: 'DEURO_BENCH_IVECTOR_CACHE_DIR', key: 'cacheDir' },
  { flag: '--plot', env: 'DEURO_BENCH_IVECTOR_PLOT', key: 'plot' },
  { flag: '--model-out', env: 'DEURO_BENCH_IVECTOR_MODEL_OUT', key: 'modelOut' },
];

/** The usage text for `--help`. */
export const usage = `usage: node --import tsx bench/ivector/run.ts [--evaluate] [options]

  (default)        extraction realtime factor against the MFCC front end and sklearn posteriors
  --evaluate       speaker-verification evaluation: EER and the DET plot
${settings.map((s) => `  ${`${s.flag} ${s.range === undefined ? 'PATH' : 'N'}`.padEnd(17)}env ${s.env}, default ${JSON.stringify(defaultIvectorBenchOptions[s.key])}`).join('\n')}
  --help           print this and exit`;

/** Whether `argv` asks for the usage text. */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/**
 * Reads the options from `argv` (without node and the script) and `env`.
 * @throws Error naming the flag or variable when a value is out of range, or when a flag is
 *   unknown or has no value.
 */
export function parseIvectorBenchOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): IvectorBenchOptions {
  const rest = argv.filter((arg) => arg !== '--evaluate');
  const flags = readFlags(rest);
  const options: Record<string, number | string | boolean> = {
    ...defaultIvectorBenchOptions,
    evaluate: rest.length !== argv.length,
  };
  for (const setting of settings) {
    const fromFlag = flags.get(setting.flag);
    const fromEnv = env[setting.env];
    const text = fromFlag ?? (fromEnv === '' ? undefined : fromEnv);
    if (text === undefined) continue;
    options[setting.key] =
      setting.range === undefined
        ? text
        : wholeNumber(text, fromFlag === undefined ? setting.env : setting.flag, setting.range);
  }
  return options as unknown as IvectorBenchOptions;
}

function readFlags(argv: readonly string[]): Map<string, string> {
  const known = new Set(settings.map((setting) => setting.flag));
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i] ?? '';
    const value = argv[i + 1];
    if (!known.has(flag)) throw new Error(`unknown option ${flag}\n${usage}`);
    if (value === undefined) throw new Error(`${flag} needs a value`);
    flags.set(flag, value);
  }
  return flags;
}

function wholeNumber(text: string, name: string, [min, max]: readonly [number, number]): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(
      `${name} must be a whole number from ${String(min)} to ${String(max)}, got ${text}`,
    );
  }
  return value;
}
