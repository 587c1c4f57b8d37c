/**
 * Runs Optuna's TPE through scripts/reference/gpredict-optuna-search.py (Debian's python3 and
 * python3-optuna), with the same space, objective, seeds and limits as Deuro's searches.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import type { Configuration } from '../../gateway/src/gpredict/search/index';
import type { RunLimits, RunValues } from './deuro-runner';
import type { BenchObjective } from './objectives';

/** The interpreter that sees Debian's python modules. */
export const PYTHON = '/usr/bin/python3';
/** The reference script. */
export const OPTUNA_SCRIPT = resolve(
  __dirname,
  '../../scripts/reference/gpredict-optuna-search.py',
);

const MAX_OUTPUT = 256 * 1024 * 1024;

/** Optuna's runs: its version and the values of each seed's run. */
export interface OptunaRuns {
  readonly version: string;
  readonly runs: RunValues[];
}

interface ScriptOutput {
  readonly optuna: string;
  readonly runs: readonly { seed: number; values: number[]; seconds: number }[];
}

/**
 * Run Optuna's TPE for each seed.
 * @throws Error naming the missing module or the script's failure.
 */
export async function runOptunaSearch(
  objective: BenchObjective,
  seeds: readonly number[],
  limits: RunLimits,
  multivariate = false,
): Promise<OptunaRuns> {
  const dir = await mkdtemp(join(tmpdir(), 'deuro-bench-search-'));
  try {
    const spacePath = join(dir, 'space.json');
    await writeFile(spacePath, JSON.stringify(objective.space));
    const args = [
      'run',
      '--objective',
      objective.name,
      '--space',
      spacePath,
      '--seeds',
      seeds.join(','),
      '--budget',
      String(limits.budget),
      '--min-trials',
      String(limits.minTrials),
      '--direction',
      objective.direction,
      ...(limits.target === undefined ? [] : ['--target', String(limits.target)]),
      ...(multivariate ? ['--multivariate'] : []),
    ];
    const output = JSON.parse(await runScript(args)) as ScriptOutput;
    return {
      version: output.optuna,
      runs: output.runs.map((run) => ({ values: run.values, milliseconds: run.seconds * 1000 })),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The values the Python objective gives the configurations.
 * @throws Error naming the missing module or the script's failure.
 */
export async function evaluateWithOptunaScript(
  objectiveName: string,
  configurations: readonly Configuration[],
): Promise<number[]> {
  return JSON.parse(
    await runScript(['evaluate', '--objective', objectiveName], JSON.stringify(configurations)),
  ) as number[];
}

function runScript(args: readonly string[], input?: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = execFile(
      PYTHON,
      [OPTUNA_SCRIPT, ...args],
      { maxBuffer: MAX_OUTPUT },
      (error, stdout, stderr) => {
        if (error !== null) {
          const missing = stderr.includes('module optuna is missing')
            ? ' (the python module optuna is missing: apt-get install python3-optuna)'
            : '';
          reject(new Error(`${OPTUNA_SCRIPT} failed${missing}: ${stderr.trim() || error.message}`));
          return;
        }
        resolvePromise(stdout);
      },
    );
    child.stdin?.end(input ?? '');
  });
}
