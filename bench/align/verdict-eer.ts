/**
 * bench/align/verdict-eer.ts: the aligner's verdict calibrated on one half of the built-in
 * sentences and evaluated on the other (`evaluateVerdict` in gateway/src/speech/evaluation):
 * 30 sentences x 4 espeak-ng voices (each at its own rate) x (digital silence, -60 dBFS
 * noise), each aligned with its own transcript and four wrong ones. Prints the tables of
 * docs/speech.md. About 1200 alignments, 7 to 9 minutes on one core.
 *
 *   node --import tsx bench/align/verdict-eer.ts [--sentences N] [--seed N] [--trials FILE]
 *
 * `--trials FILE` also writes every trial (sentence, condition, kind, mean ratio, worst word's
 * ratio) as JSON, for looking at other rules without aligning again.
 */

import { writeFile } from 'node:fs/promises';
import { loadSpeechModel } from '../../gateway/src/speech/align';
import {
  VERDICT_CONDITIONS,
  VERDICT_EVALUATION_SEED,
  evaluateVerdict,
  verdictEvaluationTable,
  type VerdictTrial,
} from '../../gateway/src/speech/evaluation';

function flag(argv: readonly string[], name: string, fallback: number): number {
  const at = argv.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(argv[at + 1]);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a whole number (got ${String(argv[at + 1])})`);
  }
  return value;
}

async function main(argv: readonly string[]): Promise<void> {
  const sentences = flag(argv, '--sentences', 30);
  const seed = flag(argv, '--seed', VERDICT_EVALUATION_SEED);
  const model = await loadSpeechModel();
  const conditions = VERDICT_CONDITIONS.map(
    (c) =>
      `${c.voice}@${String(c.rate)}${c.noiseDbfs === undefined ? '' : `/${String(c.noiseDbfs)}dB`}`,
  );
  process.stdout.write(
    `verdict evaluation: ${String(sentences)} sentences, seed ${String(seed)}, conditions ${conditions.join(' ')}\n`,
  );
  const started = process.hrtime.bigint();
  const trialsAt = argv.indexOf('--trials');
  const trialsFile = trialsAt < 0 ? undefined : argv[trialsAt + 1];
  const trials: VerdictTrial[] = [];
  const evaluation = await evaluateVerdict({
    model,
    sentenceCount: sentences,
    seed,
    onTrial: (trial) => {
      trials.push(trial);
      if (trials.length % 100 === 0) process.stderr.write(`${String(trials.length)} alignments\n`);
    },
  }).finally(async () => {
    // Written even when the evaluation fails after aligning.
    if (trialsFile !== undefined) await writeFile(trialsFile, `${JSON.stringify(trials)}\n`);
  });
  const done = trials.length;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(
    `calibration sentences ${evaluation.halves.calibration.join(',')}; held-out ${evaluation.halves.heldOut.join(',')}\n` +
      `${String(done)} alignments in ${seconds.toFixed(0)} s\n\n${verdictEvaluationTable(evaluation)}\n`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
