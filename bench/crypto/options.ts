/**
 * The crypto benchmark's settings: command-line flags first, then `DEURO_BENCH_CRYPTO_*`
 * environment variables, then defaults sized so that a whole run stays well under three
 * minutes on a 2-core machine.
 */

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

interface NumberSetting {
  readonly flag: string;
  readonly env: string;
  readonly key: keyof CryptoBenchOptions;
  readonly min: number;
  readonly max: number;
}

const numberSettings: readonly NumberSetting[] = [
  { flag: '--size-mib', env: 'DEURO_BENCH_CRYPTO_SIZE_MIB', key: 'sizeMib', min: 1, max: 65536 },
  { flag: '--rounds', env: 'DEURO_BENCH_CRYPTO_ROUNDS', key: 'rounds', min: 1, max: 100 },
  {
    flag: '--stream-mib',
    env: 'DEURO_BENCH_CRYPTO_STREAM_MIB',
    key: 'streamMib',
    min: 0,
    max: 1024 * 1024,
  },
];

/** The usage text for `--help`. */
export const usage = `usage: node --import tsx bench/crypto/run.ts [options]

  --size-mib N     input file size in MiB (env DEURO_BENCH_CRYPTO_SIZE_MIB, default ${String(defaultCryptoBenchOptions.sizeMib)})
  --rounds N       timed runs per encryptor, median reported (env DEURO_BENCH_CRYPTO_ROUNDS, default ${String(defaultCryptoBenchOptions.rounds)})
  --stream-mib N   generated stream for the memory check, 0 to skip (env DEURO_BENCH_CRYPTO_STREAM_MIB, default ${String(defaultCryptoBenchOptions.streamMib)})
  --help           print this and exit`;

/** Whether `argv` asks for the usage text. */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/**
 * Read the options from `argv` (without node and the script) and `env`.
 * @throws Error naming the flag or variable when a value is not a whole number in range, or
 * when a flag is unknown or has no value.
 */
export function parseCryptoBenchOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CryptoBenchOptions {
  const flags = readFlags(argv);
  const options: Record<keyof CryptoBenchOptions, number> = { ...defaultCryptoBenchOptions };
  for (const setting of numberSettings) {
    const fromFlag = flags.get(setting.flag);
    const fromEnv = env[setting.env];
    if (fromFlag !== undefined) {
      options[setting.key] = wholeNumber(fromFlag, setting.flag, setting);
    } else if (fromEnv !== undefined && fromEnv !== '') {
      options[setting.key] = wholeNumber(fromEnv, setting.env, setting);
    }
  }
  return options;
}

function readFlags(argv: readonly string[]): Map<string, string> {
  const known = new Set(numberSettings.map((setting) => setting.flag));
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

function wholeNumber(text: string, name: string, setting: NumberSetting): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < setting.min || value > setting.max) {
    throw new Error(
      `${name} must be a whole number from ${String(setting.min)} to ${String(setting.max)}, got ${text}`,
    );
  }
  return value;
}
