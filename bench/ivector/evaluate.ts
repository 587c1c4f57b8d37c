/**
 * The speaker-verification evaluation: the corpus protocol of `runVerificationExperiment`
 * (gateway/src/speech/ivector/verification-experiment.ts) at the benchmark's size, its EER
 * overall and by test condition, and the DET plot written as a PNG.
 */

import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import {
  detCurve,
  detPlotSvg,
  equalErrorRate,
  renderDetPlotPng,
  type DetPlotCurve,
} from '../../gateway/src/speech/evaluation/index';
import {
  runVerificationExperiment,
  writeIvectorModel,
  type VerificationTrial,
} from '../../gateway/src/speech/ivector/index';
import type { IvectorBenchOptions } from './options';

/** Test-session groups reported separately (and drawn as separate curves). */
export const CONDITION_GROUPS: readonly {
  label: string;
  includes: (trial: VerificationTrial) => boolean;
}[] = [
  { label: 'all test sessions', includes: () => true },
  {
    label: 'clean wideband',
    includes: (t) => !t.test.condition.telephone && t.test.condition.snrDb === undefined,
  },
  { label: 'added noise', includes: (t) => t.test.condition.snrDb !== undefined },
  { label: 'telephone band', includes: (t) => t.test.condition.telephone },
];

/** The DET curve and EER of the trials of one group. */
export function groupCurve(
  label: string,
  trials: readonly VerificationTrial[],
): DetPlotCurve & { targets: number; nonTargets: number } {
  const targets = trials.filter((t) => t.target).map((t) => t.score);
  const nonTargets = trials.filter((t) => !t.target).map((t) => t.score);
  return {
    label,
    points: detCurve(targets, nonTargets),
    eer: equalErrorRate(targets, nonTargets).eer,
    targets: targets.length,
    nonTargets: nonTargets.length,
  };
}

/** Runs the evaluation and prints its report through `print`. */
export async function runEvaluation(
  options: IvectorBenchOptions,
  print: (line: string) => void,
): Promise<void> {
  const result = await runVerificationExperiment({
    speakers: options.speakers,
    sessions: options.sessions,
    training: { ubm: { componentCount: options.components }, tv: { rank: options.rank } },
    ...(options.cacheDir === '' ? {} : { cacheDirectory: options.cacheDir }),
    log: print,
  });
  print(`extraction of the held-out recordings: ${result.seconds.extraction.toFixed(1)} s`);
  print(
    `protocol: ${String(result.trainingSpeakers)} training speakers (${String(result.trainingRecordings)} recordings), ${String(result.heldOutSpeakers)} held-out speakers enrolled on session 0, tested on sessions 1-${String(options.sessions - 1)}`,
  );
  print(
    `UBM log likelihood per frame: ${result.ubmLogLikelihoods.map((x) => x.toFixed(3)).join(' ')}`,
  );
  print(`T objective: ${result.tvObjectives.map((x) => x.toFixed(1)).join(' ')}`);
  print('');
  const curves = CONDITION_GROUPS.map((group) =>
    groupCurve(group.label, result.trials.filter(group.includes)),
  );
  for (const curve of curves) {
    print(
      `${curve.label.padEnd(20)} EER ${(100 * (curve.eer ?? 0)).toFixed(2).padStart(6)}%   (${String(curve.targets)} target, ${String(curve.nonTargets)} non-target trials)`,
    );
  }
  print(`threshold at the overall EER: cosine ${result.threshold.toFixed(4)}`);
  const svg = detPlotSvg(curves, {
    title: `i-vectors (UBM ${String(options.components)}, R ${String(options.rank)}, LDA+WCCN, cosine), ${String(result.heldOutSpeakers)} held-out espeak-ng speakers`,
    width: 720,
    height: 680,
    range: [0.001, 0.6],
  });
  await mkdir(dirname(options.plot), { recursive: true });
  await writeFile(options.plot, await renderDetPlotPng(svg));
  print(`DET plot written to ${options.plot}`);
  if (options.modelOut !== '') {
    await writeFile(options.modelOut, writeIvectorModel(result.model));
    print(`model written to ${options.modelOut}`);
  }
}
