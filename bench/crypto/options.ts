/**
 * The crypto benchmark's settings: command-line flags first, then `DEURO_BENCH_CRYPTO_*`
 * environment variables, then defaults sized so that a whole run stays well under three
 * minutes on a 2-core machine.
 */

import { type BenchSetting, readBenchOptions, wholeNumberIn } from '../common/bench-options';

export { wantsHelp } from '../common/bench-options';

/** What one run measures. */
export interface CryptoBenchOptions {
  /** Size of the input file both encryptors read, in MiB. */
  readonly sizeMib: number;
  /** Timed runs per encryptor (they alternate); the median is reported. */
  readonly rounds: number;
  /** Size of the generated stream for the memory measurement, in MiB. */
  readonly streamMib: number;
}

/** The defaults, also printed by `--help`. */
export const defaultCryptoBenchOptions: CryptoBenchOptions = {
  sizeMib: 256,
  rounds: 3,
  streamMib: 1024,
};

const settings: readonly BenchSetting<CryptoBenchOptions>[] = [
  {
    flag: '--size-mib',
    env: 'DEURO_BENCH_CRYPTO_SIZE_MIB',
    key: 'sizeMib',
    parse: wholeNumberIn(1, 65536),
  },
  {
    flag: '--rounds',
    env: 'DEURO_BENCH_CRYPTO_ROUNDS',
    key: 'rounds',
    parse: wholeNumberIn(1, 100),
  },
  {
    flag: '--stream-mib',
    env: 'DEURO_BENCH_CRYPTO_STREAM_MIB',
    key: 'streamMib',
    parse: wholeNumberIn(0, 1024 * 1024),
  },
];

/** The usage text for `--help`. */
export const usage = `usage: node --import tsx bench/crypto/run.ts [options]

  --size-mib N     input file size in MiB (env DEURO_BENCH_CRYPTO_SIZE_MIB, default ${String(defaultCryptoBenchOptions.sizeMib)})
  --rounds N       timed runs per encryptor, median reported (env DEURO_BENCH_CRYPTO_ROUNDS, default ${String(defaultCryptoBenchOptions.rounds)})
  --stream-mib N   generated stream for the memory check, 0 to skip (env DEURO_BENCH_CRYPTO_STREAM_MIB, default ${String(defaultCryptoBenchOptions.streamMib)})
  --help           print this and exit`;

/**
 * Read the options from `argv` (without node and the script) and `env`.
 * @throws Error naming the flag or variable when a value is not a whole number in range, or
 * when a flag is unknown or has no value.
 */
export function parseCryptoBenchOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CryptoBenchOptions {
  return readBenchOptions(argv, env, defaultCryptoBenchOptions, settings, usage);
}
