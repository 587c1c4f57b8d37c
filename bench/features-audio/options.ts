/**
 * The audio benchmark's settings: command-line flags first, then `DEURO_BENCH_AUDIO_*`
 * environment variables, then defaults (one hour of speech, three rounds, the corpus cached in
 * `~/.cache/deuro/bench`).
 */

import { homedir } from 'node:os';
import { join } from 'node:path';

import {
  type BenchSetting,
  numberIn,
  parseText,
  readBenchOptions,
  wholeNumberIn,
} from '../common/bench-options';

export { wantsHelp } from '../common/bench-options';

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

const settings: readonly BenchSetting<AudioBenchOptions>[] = [
  {
    flag: '--minutes',
    env: 'DEURO_BENCH_AUDIO_MINUTES',
    key: 'minutes',
    parse: numberIn(0.05, 600),
  },
  {
    flag: '--rounds',
    env: 'DEURO_BENCH_AUDIO_ROUNDS',
    key: 'rounds',
    parse: wholeNumberIn(1, 100),
  },
  { flag: '--cache-dir', env: 'DEURO_BENCH_AUDIO_CACHE_DIR', key: 'cacheDir', parse: parseText },
];

/** The usage text for `--help`. */
export const usage = `usage: node --import tsx bench/features-audio/run.ts [options]

  --minutes N      length of the recording in minutes, 0.05 to 600 (env DEURO_BENCH_AUDIO_MINUTES, default ${String(defaultAudioBenchOptions.minutes)})
  --rounds N       timed runs per extractor, median reported (env DEURO_BENCH_AUDIO_ROUNDS, default ${String(defaultAudioBenchOptions.rounds)})
  --cache-dir DIR  where the generated speech is kept (env DEURO_BENCH_AUDIO_CACHE_DIR, default ${defaultAudioBenchOptions.cacheDir})
  --help           print this and exit`;

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
  return readBenchOptions(argv, env, defaultAudioBenchOptions, settings, usage);
}
