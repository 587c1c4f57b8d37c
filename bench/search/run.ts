/**
 * bench/search: how many trials Deuro's TPE needs to reach random search's best-of-100, against
 * random search itself and Optuna's TPE (scripts/reference/gpredict-optuna-search.py) on the same
 * objectives, spaces, seeds and budgets, measured in the same run. Objectives the script does
 * not have (the digits trainer) run under Optuna through its ask/tell bridge
 * (optuna-ask-tell.ts). See README.md beside this file.
 *
 *   node --import tsx bench/search/run.ts [--seeds 20] [--budget 200] [--objectives branin]
 */
import type { TpeSettings } from '../../gateway/src/gpredict/search/index';
import { describeLoad, describeMachine } from '../ledger/machine';
import {
  runDeuroSearch,
  type DeuroAlgorithm,
  type RunLimits,
  type RunValues,
} from './deuro-runner';
import { digitsObjective } from './digits-objective';
import { standardObjectives, type BenchObjective } from './objectives';
import { runOptunaAskTell } from './optuna-ask-tell';
import { runOptunaSearch } from './optuna-runner';
import { parseSearchBenchOptions, usage, wantsHelp, type SearchBenchOptions } from './options';
import { formatObjectiveTable, formatVerdict, type ReportRow } from './report';
import { summarise, targetValue, type AlgorithmSummary, type Sign } from './trials-to-target';

const RANDOM: DeuroAlgorithm = {
  label: 'random search (baseline)',
  kind: 'random',
  parallelism: 1,
};
const TPE: DeuroAlgorithm = { label: 'deuro TPE', kind: 'tpe', parallelism: 1 };

async function main(argv: readonly string[]): Promise<void> {
  if (wantsHelp(argv)) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const options = parseSearchBenchOptions(argv, process.env);
  const objectives = selectObjectives(options.objectives);
  printLines([
    `machine: ${describeMachine()}; load ${describeLoad()}`,
    `${String(options.seeds)} seeds (${String(options.firstSeed)}..${String(options.firstSeed + options.seeds - 1)}), budget ${String(options.budget)} trials; ` +
      `target = median over seeds of random search's best-of-${String(options.referenceTrials)}; ` +
      `trials = median over seeds of the trials needed to reach it`,
  ]);
  for (const objective of objectives) {
    await measureObjective(objective, options);
  }
}

async function measureObjective(
  objective: BenchObjective,
  options: SearchBenchOptions,
): Promise<void> {
  const sign: Sign = objective.direction === 'minimize' ? 1 : -1;
  const seeds = Array.from({ length: options.seeds }, (_, index) => options.firstSeed + index);
  const fullRun: RunLimits = {
    budget: options.budget,
    minTrials: options.budget,
    target: undefined,
    sign,
  };
  const randomRuns = await runSeeds(RANDOM, objective, seeds, fullRun);
  const target = targetValue(
    randomRuns.map((run) => run.values),
    options.referenceTrials,
    sign,
  );
  const limits: RunLimits = { ...fullRun, minTrials: options.referenceTrials, target };
  const summary = (runs: readonly RunValues[]): AlgorithmSummary =>
    summarise(
      runs.map((run) => run.values),
      target,
      options.referenceTrials,
      sign,
      runs.reduce((sum, run) => sum + run.milliseconds, 0),
    );
  const random = summary(randomRuns);
  const deuro = summary(await runSeeds(TPE, objective, seeds, limits));
  const rows: ReportRow[] = [
    { label: RANDOM.label, summary: random },
    { label: TPE.label, summary: deuro },
  ];
  for (const settings of options.tpeSettings) {
    const variant: DeuroAlgorithm = {
      label: `deuro TPE, ${describeSettings(settings)}`,
      kind: 'tpe',
      parallelism: 1,
      settings,
    };
    rows.push({
      label: variant.label,
      summary: summary(await runSeeds(variant, objective, seeds, limits)),
    });
  }
  if (options.parallel > 1) {
    const parallel: DeuroAlgorithm = {
      label: `deuro TPE, ${String(options.parallel)} in parallel`,
      kind: 'tpe',
      parallelism: options.parallel,
    };
    rows.push({
      label: parallel.label,
      summary: summary(await runSeeds(parallel, objective, seeds, limits)),
    });
  }
  let optuna: AlgorithmSummary | undefined;
  if (options.optuna) {
    // In one Python process when the script has the objective too, else through ask/tell.
    const runOptuna =
      objective.optuna && !options.optunaBridge ? runOptunaSearch : runOptunaAskTell;
    const result = await runOptuna(objective, seeds, limits);
    optuna = summary(result.runs);
    rows.push({ label: `optuna ${result.version} TPE`, summary: optuna });
    if (options.optunaMultivariate) {
      const multivariate = await runOptuna(objective, seeds, limits, true);
      rows.push({
        label: `optuna ${multivariate.version} TPE multivariate`,
        summary: summary(multivariate.runs),
      });
    }
  }
  printLines([
    '',
    `${objective.name}: ${objective.description}; optimum ${objective.optimum === undefined ? 'unknown' : String(objective.optimum)}`,
    `target ${target.toPrecision(6)}`,
    ...formatObjectiveTable(rows, random, options.budget, options.referenceTrials),
    ...formatVerdict({ random, deuro, optuna }, options.budget),
  ]);
}

async function runSeeds(
  algorithm: DeuroAlgorithm,
  objective: BenchObjective,
  seeds: readonly number[],
  limits: RunLimits,
): Promise<RunValues[]> {
  const runs: RunValues[] = [];
  for (const seed of seeds) {
    runs.push(await runDeuroSearch(algorithm, objective, seed, limits));
  }
  return runs;
}

function describeSettings(settings: Partial<TpeSettings>): string {
  return Object.entries(settings)
    .map(([key, value]) => `${key} ${String(value)}`)
    .join(', ');
}

/** Every objective; the default run measures the standard ones, `--objectives` picks any. */
const knownObjectives: readonly BenchObjective[] = [...standardObjectives, digitsObjective];

function selectObjectives(names: readonly string[]): readonly BenchObjective[] {
  if (names.length === 0) {
    return standardObjectives;
  }
  return names.map((name) => {
    const objective = knownObjectives.find((candidate) => candidate.name === name);
    if (objective === undefined) {
      throw new Error(
        `unknown objective ${name}; known: ${knownObjectives.map((known) => known.name).join(', ')}`,
      );
    }
    return objective;
  });
}

function printLines(lines: readonly string[]): void {
  process.stdout.write(`${lines.join('\n')}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`bench/search: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
