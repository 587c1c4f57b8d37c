/**
 * The image benchmark's settings: command-line flags first, then `DEURO_BENCH_IMAGE_*`
 * environment variables, then defaults (a 12-megapixel image, one timed round per
 * implementation, scikit-image timed too).
 */

/** What one run measures. */
export interface ImageBenchOptions {
  /** Width of the benchmark image, in pixels. */
  readonly width: number;
  /** Height of the benchmark image, in pixels. */
  readonly height: number;
  /** Timed rounds per task and implementation; the median is reported. */
  readonly rounds: number;
  /** Whether to time scikit-image (the reference implementations) as well. */
  readonly skimage: boolean;
  /** The photograph upscaled to width x height. */
  readonly source: string;
}

/** The photograph the benchmark upscales: Debian's python3-skimage astronaut (512 x 512 RGB). */
export const DEFAULT_SOURCE = '/usr/lib/python3/dist-packages/skimage/data/astronaut.png';

/** The defaults, also printed by `--help`. */
export const defaultImageBenchOptions: ImageBenchOptions = {
  width: 4000,
  height: 3000,
  rounds: 1,
  skimage: true,
  source: DEFAULT_SOURCE,
};

interface Setting {
  readonly flag: string;
  readonly env: string;
  readonly key: keyof ImageBenchOptions;
  readonly parse: (text: string, name: string) => ImageBenchOptions[keyof ImageBenchOptions];
}

const SETTINGS: readonly Setting[] = [
  { flag: '--width', env: 'DEURO_BENCH_IMAGE_WIDTH', key: 'width', parse: wholeNumber(16, 16384) },
  {
    flag: '--height',
    env: 'DEURO_BENCH_IMAGE_HEIGHT',
    key: 'height',
    parse: wholeNumber(16, 16384),
  },
  { flag: '--rounds', env: 'DEURO_BENCH_IMAGE_ROUNDS', key: 'rounds', parse: wholeNumber(1, 50) },
  { flag: '--skimage', env: 'DEURO_BENCH_IMAGE_SKIMAGE', key: 'skimage', parse: yesNo },
  { flag: '--source', env: 'DEURO_BENCH_IMAGE_SOURCE', key: 'source', parse: (text) => text },
];

/** The usage text for `--help`. */
export const usage = `usage: node --import tsx bench/features-image/run.ts [options]

  --width N        benchmark image width (env DEURO_BENCH_IMAGE_WIDTH, default ${String(defaultImageBenchOptions.width)})
  --height N       benchmark image height (env DEURO_BENCH_IMAGE_HEIGHT, default ${String(defaultImageBenchOptions.height)})
  --rounds N       timed rounds per task, median reported (env DEURO_BENCH_IMAGE_ROUNDS, default ${String(defaultImageBenchOptions.rounds)})
  --skimage yes|no also time scikit-image (env DEURO_BENCH_IMAGE_SKIMAGE, default yes)
  --source PATH    photograph to upscale (env DEURO_BENCH_IMAGE_SOURCE, default ${DEFAULT_SOURCE})
  --help           print this and exit`;

/** Whether the arguments ask for the usage text. */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/**
 * The options from flags, then the environment, then the defaults.
 *
 * @throws {Error} naming the flag or variable when a value is out of range or a flag is unknown
 * or has no value.
 */
export function parseImageBenchOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ImageBenchOptions {
  const flags = readFlags(argv);
  const options: Record<string, unknown> = { ...defaultImageBenchOptions };
  for (const setting of SETTINGS) {
    const fromFlag = flags.get(setting.flag);
    const fromEnv = env[setting.env];
    if (fromFlag !== undefined) options[setting.key] = setting.parse(fromFlag, setting.flag);
    else if (fromEnv !== undefined && fromEnv !== '') {
      options[setting.key] = setting.parse(fromEnv, setting.env);
    }
  }
  return options as unknown as ImageBenchOptions;
}

function readFlags(argv: readonly string[]): Map<string, string> {
  const known = new Set(SETTINGS.map((setting) => setting.flag));
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

function wholeNumber(min: number, max: number): (text: string, name: string) => number {
  return (text, name) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(
        `${name} must be a whole number from ${String(min)} to ${String(max)}, got ${text}`,
      );
    }
    return value;
  };
}

function yesNo(text: string, name: string): boolean {
  if (text === 'yes' || text === 'true') return true;
  if (text === 'no' || text === 'false') return false;
  throw new Error(`${name} must be yes or no, got ${text}`);
}
