/**
 * Reading a benchmark's options: command-line flags first, then its `DEURO_BENCH_*` environment
 * variables, then its defaults. Every error names the flag or variable the bad text came from, so
 * a person knows what to fix.
 */

/** The environment the options are read from, such as `process.env`. */
export type BenchEnvironment = Readonly<Record<string, string | undefined>>;

/**
 * Turns the text of one flag or variable into a value.
 * @throws Error naming `name` (the flag or variable) when the text is not valid.
 */
export type ParseValue<Value> = (text: string, name: string) => Value;

/** One option of `Options`: the flag and variable it is read from, and how. */
export type BenchSetting<Options> = {
  [Key in keyof Options]-?: {
    readonly key: Key;
    readonly flag: string;
    readonly env: string;
    readonly parse: ParseValue<Options[Key]>;
  };
}[keyof Options];

/** Whether `argv` asks for the usage text (`--help` or `-h`). */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/**
 * The flags of `argv` (without node and the script), by name: `--flag value` or `--flag=value`
 * for each of `valueFlags`, a bare `--flag` (read as '') for each of `switches`.
 * @throws Error with `usage` when a flag is unknown, naming the flag when it has no value or a
 * switch is given one.
 */
export function readFlags(
  argv: readonly string[],
  valueFlags: readonly string[],
  usage: string,
  switches: readonly string[] = [],
): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const { flag, inline } = splitFlag(argv[i] ?? '');
    if (switches.includes(flag)) {
      if (inline !== undefined) throw new Error(`${flag} takes no value`);
      flags.set(flag, '');
      continue;
    }
    if (!valueFlags.includes(flag)) throw new Error(`unknown option ${flag}\n${usage}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    flags.set(flag, value);
  }
  return flags;
}

function splitFlag(arg: string): { flag: string; inline: string | undefined } {
  const equals = arg.indexOf('=');
  return equals < 0
    ? { flag: arg, inline: undefined }
    : { flag: arg.slice(0, equals), inline: arg.slice(equals + 1) };
}

/**
 * `defaults` with each setting replaced by its flag's value in `flags`, or else by its variable
 * in `env` when that is set and not empty.
 * @throws Error from a setting's `parse`, naming the flag or variable.
 */
export function applySettings<Options extends object>(
  defaults: Options,
  settings: readonly BenchSetting<Options>[],
  flags: ReadonlyMap<string, string>,
  env: BenchEnvironment,
): Options {
  const options = { ...defaults };
  for (const setting of settings) {
    const fromFlag = flags.get(setting.flag);
    const fromEnv = env[setting.env];
    if (fromFlag !== undefined) {
      options[setting.key] = setting.parse(fromFlag, setting.flag);
    } else if (fromEnv !== undefined && fromEnv !== '') {
      options[setting.key] = setting.parse(fromEnv, setting.env);
    }
  }
  return options;
}

/**
 * The options from `argv` (without node and the script) and `env` over `defaults`, for a
 * benchmark whose flags all take a value: {@link readFlags}, then {@link applySettings}.
 * @throws Error with `usage` when a flag is unknown, naming the flag when it has no value, or from
 * a setting's `parse`, naming the flag or variable.
 */
export function readBenchOptions<Options extends object>(
  argv: readonly string[],
  env: BenchEnvironment,
  defaults: Options,
  settings: readonly BenchSetting<Options>[],
  usage: string,
): Options {
  const flags = readFlags(
    argv,
    settings.map((setting) => setting.flag),
    usage,
  );
  return applySettings(defaults, settings, flags, env);
}

/**
 * A parser of whole numbers from `min` to `max`.
 * @throws Error (from the parser) naming the flag or variable when the text is not one.
 */
export function wholeNumberIn(min: number, max: number): ParseValue<number> {
  return (text, name) => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
      throw rangeError('a whole number', min, max, text, name);
    }
    return value;
  };
}

/**
 * A parser of numbers, fractions too, from `min` to `max`.
 * @throws Error (from the parser) naming the flag or variable when the text is not one.
 */
export function numberIn(min: number, max: number): ParseValue<number> {
  return (text, name) => {
    const value = Number(text);
    if (text.trim() === '' || !(value >= min && value <= max)) {
      throw rangeError('a number', min, max, text, name);
    }
    return value;
  };
}

function rangeError(what: string, min: number, max: number, text: string, name: string): Error {
  return new Error(`${name} must be ${what} from ${String(min)} to ${String(max)}, got ${text}`);
}

/**
 * `yes` (or `true`) as true, `no` (or `false`) as false.
 * @throws Error naming the flag or variable for any other text.
 */
export function parseYesNo(text: string, name: string): boolean {
  if (text === 'yes' || text === 'true') return true;
  if (text === 'no' || text === 'false') return false;
  throw new Error(`${name} must be yes or no, got ${text}`);
}

/** The text as it is (a path, a name). */
export function parseText(text: string): string {
  return text;
}

/** The comma-separated items of the text, trimmed, empty ones left out (so '' is no items). */
export function parseCommaList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * A parser of comma-separated items, each trimmed and read by `parseItem` (undefined when the
 * item is not valid).
 * @throws Error (from the parser) naming the flag or variable and the first item that is empty
 * or not valid.
 */
export function commaListOf<Item>(
  parseItem: (item: string) => Item | undefined,
): ParseValue<Item[]> {
  return (text, name) =>
    text.split(',').map((raw) => {
      const item = raw.trim();
      const parsed = parseItem(item);
      if (parsed === undefined) {
        throw new Error(`${name}: ${item === '' ? 'empty item' : item} is not valid`);
      }
      return parsed;
    });
}
