/**
 * The image benchmark's settings: command-line flags first, then `DEURO_BENCH_IMAGE_*`
 * environment variables, then defaults (a 12-megapixel image, one timed round per
 * implementation, scikit-image timed too).
 */

import {
  type BenchSetting,
  parseText,
  parseYesNo,
  readBenchOptions,
  wholeNumberIn,
} from '../common/bench-options';

export { wantsHelp } from '../common/bench-options';

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

const SETTINGS: readonly BenchSetting<ImageBenchOptions>[] = [
  {
    flag: '--width',
    env: 'DEURO_BENCH_IMAGE_WIDTH',
    key: 'width',
    parse: wholeNumberIn(16, 16384),
  },
  {
    flag: '--height',
    env: 'DEURO_BENCH_IMAGE_HEIGHT',
    key: 'height',
    parse: wholeNumberIn(16, 16384),
  },
  { flag: '--rounds', env: 'DEURO_BENCH_IMAGE_ROUNDS', key: 'rounds', parse: wholeNumberIn(1, 50) },
  { flag: '--skimage', env: 'DEURO_BENCH_IMAGE_SKIMAGE', key: 'skimage', parse: parseYesNo },
  { flag: '--source', env: 'DEURO_BENCH_IMAGE_SOURCE', key: 'source', parse: parseText },
];

/** The usage text for `--help`. */
export const usage = `usage: node --import tsx bench/features-image/run.ts [options]

  --width N        benchmark image width (env DEURO_BENCH_IMAGE_WIDTH, default ${String(defaultImageBenchOptions.width)})
  --height N       benchmark image height (env DEURO_BENCH_IMAGE_HEIGHT, default ${String(defaultImageBenchOptions.height)})
  --rounds N       timed rounds per task, median reported (env DEURO_BENCH_IMAGE_ROUNDS, default ${String(defaultImageBenchOptions.rounds)})
  --skimage yes|no also time scikit-image (env DEURO_BENCH_IMAGE_SKIMAGE, default yes)
  --source PATH    photograph to upscale (env DEURO_BENCH_IMAGE_SOURCE, default ${DEFAULT_SOURCE})
  --help           print this and exit`;

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
  return readBenchOptions(argv, env, defaultImageBenchOptions, SETTINGS, usage);
}
