/**
 * The audio benchmark's settings: command-line flags first, then `DEURO_BENCH_AUDIO_*`
 * environment variables, then defaults (one hour of speech, three rounds, the corpus cached in
 * `~/.cache/deuro/bench`).
 */

import { homedir } from 'node:os';
import { join } from 'node:path';

/** What one run measures. */
export interface AudioBenchOptions {
  /** Length of the recording both extractors read, in minutes. */
  readonly minutes: number;
  /** Timed runs per extractor (they alternate); the median is reported. */
  readonly rounds: number;
  /** Where the generated speech and the long recording are kept between runs. */
  readonly cacheDir: string;
}

/** The defaults, also printed by `--help`. */
export const defaultAudioBenchOptions: AudioBenchOptions = {
  minutes: 60,
  rounds: 3,
  cacheDir: join(homedir(), '.cache', 'deuro', 'bench'),
};

interface Setting {
  readonly flag: string;
  readonly env: string;
  readonly key: keyof AudioBenchOptions;
  /** For numbers: the allowed range. */
  readonly min?: number;
  readonly max?: number;
}

const settings: readonly Setting[] = [
  { flag: '--minutes', env: 'DEURO_BENCH_AUDIO_MINUTES', key: 'minutes', min: 0.05, max: 600 },
  { flag: '--rounds', env: 'DEURO_BENCH_AUDIO_ROUNDS', key: 'rounds', min: 1, max: 100 },
  { flag: '--cache-dir', env: 'DEURO_BENCH_AUDIO_CACHE_DIR', key: 'cacheDir' },
];

/** The usage text for `--help`. */
export const usage = `usage: node --import tsx bench/features-audio/run.ts [options]

  --minutes N      length of the recording in minutes, 0.05 to 600 (env DEURO_BENCH_AUDIO_MINUTES, default ${String(defaultAudioBenchOptions.minutes)})
  --rounds N       timed runs per extractor, median reported (env DEURO_BENCH_AUDIO_ROUNDS, default ${String(defaultAudioBenchOptions.rounds)})
  --cache-dir DIR  where the generated speech is kept (env DEURO_BENCH_AUDIO_CACHE_DIR, default ${defaultAudioBenchOptions.cacheDir})
  --help           print this and exit`;

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
export function parseAudioBenchOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): AudioBenchOptions {
  const flags = readFlags(argv);
  const options: Record<keyof AudioBenchOptions, number | string> = {
    ...defaultAudioBenchOptions,
  };
  for (const setting of settings) {
    const fromFlag = flags.get(setting.flag);
    const fromEnv = env[setting.env];
    if (fromFlag !== undefined) {
      options[setting.key] = value(fromFlag, setting.flag, setting);
    } else if (fromEnv !== undefined && fromEnv !== '') {
      options[setting.key] = value(fromEnv, setting.env, setting);
    }
  }
  return {
    minutes: Number(options.minutes),
    rounds: Number(options.rounds),
    cacheDir: String(options.cacheDir),
  };
}

function readFlags(argv: readonly string[]): Map<string, string> {
  const known = new Set(settings.map((setting) => setting.flag));
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i] ?? '';
    const text = argv[i + 1];
    if (!known.has(flag)) throw new Error(`unknown option ${flag}\n${usage}`);
    if (text === undefined) throw new Error(`${flag} needs a value`);
    flags.set(flag, text);
  }
  return flags;
}

function value(text: string, name: string, setting: Setting): number | string {
  if (setting.min === undefined || setting.max === undefined) return text;
  const number = Number(text);
  const whole = setting.key === 'rounds';
  if (
    text.trim() === '' ||
    !Number.isFinite(number) ||
    (whole && !Number.isInteger(number)) ||
    number < setting.min ||
    number > setting.max
  ) {
    throw new Error(
      `${name} must be ${whole ? 'a whole number' : 'a number'} from ${String(setting.min)} to ${String(setting.max)}, got ${text}`,
    );
  }
  return number;
}
