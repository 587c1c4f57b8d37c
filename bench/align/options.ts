/**
 * The alignment benchmark's settings: command-line flags first, then `DEURO_BENCH_ALIGN_*`
 * environment variables, then defaults (ten minutes of speech as one utterance, both
 * pocketsphinx runs).
 */

import {
  type BenchSetting,
  numberIn,
  parseYesNo,
  readBenchOptions,
  wholeNumberIn,
} from '../common/bench-options';

export { wantsHelp } from '../common/bench-options';

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

const settings: readonly BenchSetting<AlignBenchOptions>[] = [
  {
    flag: '--seconds',
    env: 'DEURO_BENCH_ALIGN_SECONDS',
    key: 'seconds',
    parse: wholeNumberIn(1, 36000),
  },
  {
    flag: '--pause-ms',
    env: 'DEURO_BENCH_ALIGN_PAUSE_MS',
    key: 'pauseMs',
    parse: wholeNumberIn(0, 5000),
  },
  {
    flag: '--noise-dbfs',
    env: 'DEURO_BENCH_ALIGN_NOISE_DBFS',
    key: 'noiseDbfs',
    parse: noiseLevel,
  },
  {
    flag: '--seed',
    env: 'DEURO_BENCH_ALIGN_SEED',
    key: 'seed',
    parse: wholeNumberIn(0, 2 ** 32 - 1),
  },
  {
    flag: '--pocketsphinx',
    env: 'DEURO_BENCH_ALIGN_POCKETSPHINX',
    key: 'pocketsphinx',
    parse: parseYesNo,
  },
  {
    flag: '--timeout-seconds',
    env: 'DEURO_BENCH_ALIGN_TIMEOUT_SECONDS',
    key: 'timeoutSeconds',
    parse: wholeNumberIn(0, 86400),
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
  return readBenchOptions(argv, env, defaultAlignBenchOptions, settings, usage);
}

/** A noise level in dBFS from -120 to 0, or `none`. */
function noiseLevel(text: string, name: string): number | 'none' {
  if (text === 'none') {
    return 'none';
  }
  try {
    return numberIn(-120, 0)(text, name);
  } catch {
    throw new Error(`${name} must be a number from -120 to 0 or none, got ${text}`);
  }
}
