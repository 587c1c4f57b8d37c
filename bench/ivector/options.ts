/**
 * The i-vector benchmark's settings: command-line flags first, then `DEURO_BENCH_IVECTOR_*`
 * environment variables, then defaults. `--evaluate` switches from the realtime-factor
 * measurement to the full speaker-verification evaluation.
 */

import {
  applySettings,
  type BenchSetting,
  parseText,
  readFlags,
  wholeNumberIn,
} from '../common/bench-options';

export { wantsHelp } from '../common/bench-options';

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

const settings: readonly BenchSetting<IvectorBenchOptions>[] = [
  {
    flag: '--speakers',
    env: 'DEURO_BENCH_IVECTOR_SPEAKERS',
    key: 'speakers',
    parse: wholeNumberIn(5, 98),
  },
  {
    flag: '--sessions',
    env: 'DEURO_BENCH_IVECTOR_SESSIONS',
    key: 'sessions',
    parse: wholeNumberIn(2, 64),
  },
  {
    flag: '--components',
    env: 'DEURO_BENCH_IVECTOR_COMPONENTS',
    key: 'components',
    parse: wholeNumberIn(1, 2048),
  },
  { flag: '--rank', env: 'DEURO_BENCH_IVECTOR_RANK', key: 'rank', parse: wholeNumberIn(1, 1000) },
  {
    flag: '--minutes',
    env: 'DEURO_BENCH_IVECTOR_MINUTES',
    key: 'minutes',
    parse: wholeNumberIn(1, 120),
  },
  {
    flag: '--rounds',
    env: 'DEURO_BENCH_IVECTOR_ROUNDS',
    key: 'rounds',
    parse: wholeNumberIn(1, 100),
  },
  { flag: '--cache-dir', env: 'DEURO_BENCH_IVECTOR_CACHE_DIR', key: 'cacheDir', parse: parseText },
  { flag: '--plot', env: 'DEURO_BENCH_IVECTOR_PLOT', key: 'plot', parse: parseText },
  { flag: '--model-out', env: 'DEURO_BENCH_IVECTOR_MODEL_OUT', key: 'modelOut', parse: parseText },
];

/** The usage text for `--help`. */
export const usage = `usage: node --import tsx bench/ivector/run.ts [--evaluate] [options]

  (default)        extraction realtime factor against the MFCC front end and sklearn posteriors
  --evaluate       speaker-verification evaluation: EER and the DET plot
${settings.map((s) => `  ${`${s.flag} ${typeof defaultIvectorBenchOptions[s.key] === 'number' ? 'N' : 'PATH'}`.padEnd(17)}env ${s.env}, default ${JSON.stringify(defaultIvectorBenchOptions[s.key])}`).join('\n')}
  --help           print this and exit`;

/**
 * Reads the options from `argv` (without node and the script) and `env`.
 * @throws Error naming the flag or variable when a value is out of range, or when a flag is
 *   unknown or has no value.
 */
export function parseIvectorBenchOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): IvectorBenchOptions {
  const flags = readFlags(
    argv,
    settings.map((setting) => setting.flag),
    usage,
    ['--evaluate'],
  );
  const defaults = { ...defaultIvectorBenchOptions, evaluate: flags.has('--evaluate') };
  return applySettings(defaults, settings, flags, env);
}
