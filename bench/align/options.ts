/**
 * The alignment benchmark's settings: command-line flags first, then `DEURO_BENCH_ALIGN_*`
 * environment variables, then defaults (ten minutes of speech as one utterance, both
 * pocketsphinx runs).
 */

/** What one run measures. */
export interface AlignBenchOptions {
  /** Length of the utterance, in seconds (at least; the last sentence is not cut). */
  readonly seconds: number;
  /** Silence between consecutive sentences, in ms. */
  readonly pauseMs: number;
  /** Level of the white noise added to the whole utterance, dBFS; `none` for digital silence. */
  readonly noiseDbfs: number | 'none';
  /** Seed of the noise. */
  readonly seed: number;
  /** Run pocketsphinx (default and wide beams). */
  readonly pocketsphinx: boolean;
  /** Kill a pocketsphinx run after this many seconds (0: never). */
  readonly timeoutSeconds: number;
}

/** The defaults, also printed by `--help`. */
export const defaultAlignBenchOptions: AlignBenchOptions = {
  seconds: 600,
  pauseMs: 300,
  noiseDbfs: 'none',
  seed: 0,
  pocketsphinx: true,
  timeoutSeconds: 3600,
};

type Kind = 'number' | 'noise' | 'boolean';

interface Setting {
  readonly flag: string;
  readonly env: string;
  readonly key: keyof AlignBenchOptions;
  readonly kind: Kind;
  readonly min?: number;
  readonly max?: number;
}

const settings: readonly Setting[] = [
  {
    flag: '--seconds',
    env: 'DEURO_BENCH_ALIGN_SECONDS',
    key: 'seconds',
    kind: 'number',
    min: 1,
    max: 36000,
  },
  {
    flag: '--pause-ms',
    env: 'DEURO_BENCH_ALIGN_PAUSE_MS',
    key: 'pauseMs',
    kind: 'number',
    min: 0,
    max: 5000,
  },
  {
    flag: '--noise-dbfs',
    env: 'DEURO_BENCH_ALIGN_NOISE_DBFS',
    key: 'noiseDbfs',
    kind: 'noise',
    min: -120,
    max: 0,
  },
  {
    flag: '--seed',
    env: 'DEURO_BENCH_ALIGN_SEED',
    key: 'seed',
    kind: 'number',
    min: 0,
    max: 2 ** 32 - 1,
  },
  {
    flag: '--pocketsphinx',
    env: 'DEURO_BENCH_ALIGN_POCKETSPHINX',
    key: 'pocketsphinx',
    kind: 'boolean',
  },
  {
    flag: '--timeout-seconds',
    env: 'DEURO_BENCH_ALIGN_TIMEOUT_SECONDS',
    key: 'timeoutSeconds',
    kind: 'number',
    min: 0,
    max: 86400,
  },
];

const d = defaultAlignBenchOptions;

/** The usage text for `--help`. */
export const usage = `usage: node --import tsx bench/align/run.ts [options]

  --seconds N          length of the utterance in seconds, 1 to 36000 (env DEURO_BENCH_ALIGN_SECONDS, default ${String(d.seconds)})
  --pause-ms N         silence between sentences in ms, 0 to 5000 (env DEURO_BENCH_ALIGN_PAUSE_MS, default ${String(d.pauseMs)})
  --noise-dbfs N|none  white noise level over the utterance, -120 to 0 (env DEURO_BENCH_ALIGN_NOISE_DBFS, default ${String(d.noiseDbfs)})
  --seed N             seed of the noise (env DEURO_BENCH_ALIGN_SEED, default ${String(d.seed)})
  --pocketsphinx yes|no  run pocketsphinx with default and wide beams (env DEURO_BENCH_ALIGN_POCKETSPHINX, default yes)
  --timeout-seconds N  kill a pocketsphinx run after N s, 0 never (env DEURO_BENCH_ALIGN_TIMEOUT_SECONDS, default ${String(d.timeoutSeconds)})
  --help               print this and exit`;

/** True when the arguments ask for the usage text. */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/**
 * The options of one run.
 *
 * @throws Error naming the flag or variable when a value is out of range, a flag is unknown or
 * has no value.
 */
export function parseAlignBenchOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): AlignBenchOptions {
  const flags = readFlags(argv);
  const options: Record<string, unknown> = { ...defaultAlignBenchOptions };
  for (const setting of settings) {
    const fromFlag = flags.get(setting.flag);
    const fromEnv = env[setting.env];
    if (fromFlag !== undefined) {
      options[setting.key] = parseValue(fromFlag, setting.flag, setting);
    } else if (fromEnv !== undefined && fromEnv !== '') {
      options[setting.key] = parseValue(fromEnv, setting.env, setting);
    }
  }
  return options as unknown as AlignBenchOptions;
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

function parseValue(text: string, name: string, setting: Setting): number | boolean | 'none' {
  if (setting.kind === 'boolean') return parseYesNo(text, name);
  if (setting.kind === 'noise' && text === 'none') return 'none';
  return parseNumber(text, name, setting);
}

function parseYesNo(text: string, name: string): boolean {
  if (text !== 'yes' && text !== 'no') throw new Error(`${name} must be yes or no, got ${text}`);
  return text === 'yes';
}

function parseNumber(text: string, name: string, setting: Setting): number {
  const value = Number(text);
  const min = setting.min ?? 0;
  const max = setting.max ?? 0;
  const whole = setting.kind === 'number';
  const ok = text.trim() !== '' && Number.isFinite(value) && (!whole || Number.isInteger(value));
  if (!ok || value < min || value > max) throw rangeError(text, name, setting);
  return value;
}

function rangeError(text: string, name: string, setting: Setting): Error {
  const what = setting.kind === 'number' ? 'a whole number' : 'a number';
  const none = setting.kind === 'noise' ? ' or none' : '';
  const range = `from ${String(setting.min ?? 0)} to ${String(setting.max ?? 0)}`;
  return new Error(`${name} must be ${what} ${range}${none}, got ${text}`);
}
