/**
 * bench/fixed-point: the white paper's finding (section 3.c, after Gupta et al., ICML 2015) on
 * the digits. For each model and learning rate, float32 is trained as the baseline, then the
 * same configuration in fixed point with round-to-nearest (RN) and stochastic rounding (SR) for
 * several <NB, FB> formats; the table reports mean test accuracy over the seeds, the difference
 * and ratio to float32, and how many parameters still changed in the last epoch (RN freezes
 * updates smaller than theta/2). Then the exact-accumulation micro-benchmark. See README.md.
 *
 *   node --import tsx bench/fixed-point/run.ts [--epochs 30] [--seeds 3] [--formats 4.12,8.8]
 */
import { cpus } from 'node:os';

import {
  ensureDigits,
  splitDigits,
  type DigitsSplit,
} from '../../gateway/src/gpredict/datasets/index';
import { formatName, type FixedFormat } from '../../gateway/src/gpredict/fixed-point/index';
import {
  type EpochReport,
  type ModelKind,
  type TrainingConfig,
  type TrainingRounding,
  trainModel,
} from '../../gateway/src/gpredict/training/index';
import { measureAccumulation } from './accumulation';
import {
  type FixedPointBenchOptions,
  parseFixedPointBenchOptions,
  usage,
  wantsHelp,
} from './options';
import {
  type RunFigures,
  findingVerdict,
  formatAccumulationTable,
  formatAccuracyTable,
} from './report';

async function main(argv: readonly string[]): Promise<void> {
  if (wantsHelp(argv)) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const options = parseFixedPointBenchOptions(argv, process.env);
  const data = splitDigits(await ensureDigits());
  printLines([
    `digits: ${String(data.train.count)} train / ${String(data.test.count)} test samples (every 5th), ` +
      `${String(options.epochs)} epochs, batch 32, momentum 0.9, ${String(options.seeds)} trials each`,
    `machine: ${String(cpus().length)} x ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}`,
  ]);
  for (const model of options.models) {
    for (const learningRate of options.learningRates) {
      benchConfiguration(data, options, model, learningRate);
    }
  }
  if (options.macTerms > 0) {
    printLines([
      '',
      `exact multiply-accumulate, dot products of 64 terms, ${String(options.macTerms)} MACs per strategy:`,
      ...formatAccumulationTable(measureAccumulation(options.macTerms)),
    ]);
  }
}

function benchConfiguration(
  data: DigitsSplit,
  options: FixedPointBenchOptions,
  model: ModelKind,
  learningRate: number,
): void {
  const config = { model, learningRate, epochs: options.epochs };
  printLines([
    '',
    `== ${model}${model === 'mlp' ? ' 64-32-10' : ' 64-10'}, learning rate ${String(learningRate)} ==`,
  ]);
  const baseline = runTrials(data, options.seeds, config, 'float32', undefined);
  const runs: RunFigures[] = [];
  const verdicts: string[] = [];
  for (const format of options.formats) {
    const nearest = runTrials(data, options.seeds, config, 'nearest', format);
    const stochastic = runTrials(data, options.seeds, config, 'stochastic', format);
    runs.push(nearest, stochastic);
    verdicts.push(
      `${formatName(format).padEnd(7)} ${findingVerdict(baseline, nearest, stochastic)}`,
    );
  }
  printLines([...formatAccuracyTable(baseline, runs), ...verdicts]);
}

function runTrials(
  data: DigitsSplit,
  seeds: number,
  config: Pick<TrainingConfig, 'model' | 'learningRate' | 'epochs'>,
  rounding: TrainingRounding,
  format: FixedFormat | undefined,
): RunFigures {
  const accuracyBasisPoints: number[] = [];
  const changedInLastEpoch: number[] = [];
  const seconds: number[] = [];
  for (let seed = 1; seed <= seeds; seed += 1) {
    const start = process.hrtime.bigint();
    const result = trainModel(
      {
        ...config,
        taskId: 'bench-fixed-point',
        trialId: `seed-${String(seed)}`,
        rounding,
        ...(format === undefined ? {} : { format }),
      },
      data,
    );
    seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
    accuracyBasisPoints.push(result.metrics.test?.accuracyBasisPoints ?? 0);
    changedInLastEpoch.push(changedFraction(result.history));
  }
  return { label: runLabel(rounding, format), accuracyBasisPoints, changedInLastEpoch, seconds };
}

function changedFraction(history: readonly EpochReport[]): number {
  const last = history[history.length - 1];
  return last === undefined ? 0 : last.changedParameters / last.parameterCount;
}

function runLabel(rounding: TrainingRounding, format: FixedFormat | undefined): string {
  return format === undefined
    ? 'float32'
    : `${rounding === 'nearest' ? 'RN' : 'SR'} ${formatName(format)}`;
}

function printLines(lines: readonly string[]): void {
  process.stdout.write(`${lines.join('\n')}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
