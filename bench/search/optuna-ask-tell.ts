/**
 * A bridge to Optuna's TPE for objectives written in TypeScript: `gpredict-optuna-search.py
 * ask-tell` runs the study in Python (the same distributions as the script's own `run`), prints
 * each trial's configuration as a JSON line, and reads back the objective value, which this
 * side computes. One process per study; `ask` and `tell` alternate.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import type { Configuration } from '../../gateway/src/gpredict/search/index';
import { runTrialLoop, type RunLimits, type RunValues } from './deuro-runner';
import type { BenchObjective } from './objectives';
import { OPTUNA_SCRIPT, PYTHON, type OptunaRuns } from './optuna-runner';

/** The interpreter and its arguments before the script (Debian's python3 by default). */
export interface Interpreter {
  readonly command: string;
  readonly args: readonly string[];
}

/** What the study samples and how. */
export interface AskTellOptions {
  /** Search space in Deuro's JSON grammar. */
  readonly space: unknown;
  /** `TPESampler(seed=...)`. */
  readonly seed: number;
  readonly direction: 'minimize' | 'maximize';
  /** Optuna's multivariate TPE (`multivariate=True, group=True`) instead of its default. */
  readonly multivariate?: boolean;
  /** Defaults to `/usr/bin/python3`. */
  readonly interpreter?: Interpreter;
}

/** An Optuna study in a Python process, driven trial by trial. */
export interface OptunaAskTell {
  /** Optuna's version, e.g. `3.1.0`. */
  readonly version: string;
  /**
   * The next trial's configuration; `tell` must answer it before the next `ask`.
   * @throws Error when the process failed or the call is out of turn.
   */
  ask(): Promise<Configuration>;
  /**
   * The objective value of the trial asked last; null when it failed.
   * @throws Error when no trial is waiting for a value.
   */
  tell(value: number | null): void;
  /** End the study and the process (the trial asked last, if not told, is dropped). */
  close(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 60_000;

/**
 * Start a study.
 * @throws Error naming the missing python module, or the script's failure.
 */
export async function startOptunaAskTell(options: AskTellOptions): Promise<OptunaAskTell> {
  const dir = await mkdtemp(join(tmpdir(), 'deuro-optuna-ask-tell-'));
  const spacePath = join(dir, 'space.json');
  await writeFile(spacePath, JSON.stringify(options.space));
  const interpreter = options.interpreter ?? { command: PYTHON, args: [] };
  const child = spawn(
    interpreter.command,
    [
      ...interpreter.args,
      OPTUNA_SCRIPT,
      'ask-tell',
      '--space',
      spacePath,
      '--seed',
      String(options.seed),
      '--direction',
      options.direction,
      ...(options.multivariate === true ? ['--multivariate'] : []),
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const lines = new LineQueue();
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<void>((resolve) => {
    child.on('close', (code) => {
      const missing = stderr.includes('module optuna is missing')
        ? ' (the python module optuna is missing: apt-get install python3-optuna)'
        : '';
      lines.fail(
        new Error(
          `${OPTUNA_SCRIPT} ask-tell exited with code ${String(code)}${missing}: ${stderr.trim()}`,
        ),
      );
      void rm(dir, { recursive: true, force: true }).finally(resolve);
    });
  });
  child.on('error', (error) => {
    lines.fail(new Error(`${interpreter.command} could not start: ${error.message}`));
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
  });
  let header: { optuna?: unknown };
  try {
    header = JSON.parse(await withTimeout(lines.next(), STARTUP_TIMEOUT_MS)) as typeof header;
  } catch (error) {
    child.kill();
    await exited;
    throw error;
  }
  return new AskTellProcess(String(header.optuna), lines, {
    write: (text) => child.stdin.write(text),
    close: async () => {
      child.stdin.end();
      await exited;
    },
  });
}

/**
 * Run Optuna's TPE on a TypeScript objective for each seed, with the same limits as Deuro's runs.
 * The wall time counts asking, evaluating and telling, not Python's start-up.
 * @throws Error naming the missing module or the script's failure.
 */
export async function runOptunaAskTell(
  objective: BenchObjective,
  seeds: readonly number[],
  limits: RunLimits,
  multivariate = false,
): Promise<OptunaRuns> {
  let version = '';
  const runs: RunValues[] = [];
  for (const seed of seeds) {
    const study = await startOptunaAskTell({
      space: objective.space,
      seed,
      direction: objective.direction,
      multivariate,
    });
    version = study.version;
    try {
      runs.push(
        await runTrialLoop(
          objective,
          limits,
          () => study.ask(),
          (_, value) => {
            study.tell(value);
          },
        ),
      );
    } finally {
      await study.close();
    }
  }
  return { version, runs };
}

interface Channel {
  write(text: string): void;
  close(): Promise<void>;
}

class AskTellProcess implements OptunaAskTell {
  readonly version: string;
  readonly #lines: LineQueue;
  readonly #channel: Channel;
  #waiting = false;

  constructor(version: string, lines: LineQueue, channel: Channel) {
    this.version = version;
    this.#lines = lines;
    this.#channel = channel;
  }

  async ask(): Promise<Configuration> {
    if (this.#waiting) {
      throw new Error('optuna ask-tell: tell the value of the last trial before asking again');
    }
    const message = JSON.parse(await this.#lines.next()) as { configuration?: Configuration };
    if (message.configuration === undefined) {
      throw new Error('optuna ask-tell: the script sent no configuration');
    }
    this.#waiting = true;
    return message.configuration;
  }

  tell(value: number | null): void {
    if (!this.#waiting) {
      throw new Error('optuna ask-tell: no trial is waiting for a value');
    }
    if (value !== null && !Number.isFinite(value)) {
      throw new Error(`optuna ask-tell: a value must be finite or null, got ${String(value)}`);
    }
    this.#waiting = false;
    this.#channel.write(`${JSON.stringify(value)}\n`);
  }

  close(): Promise<void> {
    return this.#channel.close();
  }
}

/** Lines as they arrive, handed to readers in order; a failure rejects every later read. */
class LineQueue {
  readonly #lines: string[] = [];
  readonly #readers: { resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  #failure: Error | undefined;

  push(line: string): void {
    const reader = this.#readers.shift();
    if (reader === undefined) {
      this.#lines.push(line);
    } else {
      reader.resolve(line);
    }
  }

  fail(error: Error): void {
    this.#failure ??= error;
    for (const reader of this.#readers.splice(0)) {
      reader.reject(error);
    }
  }

  next(): Promise<string> {
    const line = this.#lines.shift();
    if (line !== undefined) {
      return Promise.resolve(line);
    }
    if (this.#failure !== undefined) {
      return Promise.reject(this.#failure);
    }
    return new Promise((resolve, reject) => {
      this.#readers.push({ resolve, reject });
    });
  }
}

function withTimeout<T>(promise: Promise<T>, milliseconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`optuna ask-tell: no answer within ${String(milliseconds)} ms`));
    }, milliseconds);
  });
  return Promise.race([promise, timeout]).finally(() => {
    clearTimeout(timer);
  });
}
