/**
 * bench/align: realtime factor of Deuro's forced aligner (`alignTranscript`) on ten minutes of
 * continuous espeak-ng speech as ONE utterance, against pocketsphinx 5prealpha with a
 * transcript-only JSGF grammar, with its default beams (expected to fail: "Final result does
 * not match the grammar") and with wide beams, in the same run; Deuro's peak memory; and the
 * word-boundary agreement of the two. See README.md beside this file.
 *
 *   node --import tsx bench/align/run.ts [--seconds 600] [--pocketsphinx no]
 */

import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { encodeWav } from '../../gateway/src/features/audio';
import {
  alignWithPocketsphinx,
  boundaryAgreement,
  isReferenceAlignerError,
  type PocketsphinxAlignment,
} from '../../gateway/src/speech/reference';
import { describeLoad, describeMachine } from '../ledger/machine';
import type { DeuroAlignResult } from './deuro-align-child';
import { buildLongUtterance, type LongUtterance } from './long-utterance';
import { parseAlignBenchOptions, usage, wantsHelp, type AlignBenchOptions } from './options';
import { formatMemory, formatSpeed, type AlignerRun } from './report';

async function main(argv: readonly string[]): Promise<void> {
  if (wantsHelp(argv)) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const options = parseAlignBenchOptions(argv, process.env);
  printLines(header(options));
  const built = process.hrtime.bigint();
  const utterance = await buildLongUtterance(options);
  printLines([
    `input: ${String(utterance.sentences)} sentences, ${String(utterance.words)} words, ` +
      `${utterance.seconds.toFixed(1)} s at 16 kHz, one utterance (built in ${elapsed(built).toFixed(1)} s)`,
    '',
  ]);
  const dir = await mkdtemp(join(tmpdir(), 'deuro-bench-align-'));
  try {
    const deuro = await runDeuro(dir, utterance);
    const runs = options.pocketsphinx ? await runPocketsphinx(utterance, options) : [];
    report(utterance, deuro, runs);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function runDeuro(dir: string, utterance: LongUtterance): Promise<DeuroAlignResult> {
  const wav = join(dir, 'utterance.wav');
  const text = join(dir, 'transcript.txt');
  await writeFile(wav, encodeWav(utterance.samples, { sampleRate: utterance.sampleRate }));
  await writeFile(text, utterance.transcript, 'utf8');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'deuro-align-child.ts'), wav, text],
    { maxBuffer: 64 << 20 },
  );
  return JSON.parse(stdout) as DeuroAlignResult;
}

type NamedRun = { readonly name: string } & (
  { readonly result: PocketsphinxAlignment } | { readonly failure: string }
);

async function runPocketsphinx(
  utterance: LongUtterance,
  options: AlignBenchOptions,
): Promise<NamedRun[]> {
  const runs: NamedRun[] = [];
  for (const [name, beams] of [
    ['pocketsphinx, default beams', 'default'],
    ['pocketsphinx, wide beams', 'wide'],
  ] as const) {
    const started = process.hrtime.bigint();
    try {
      const result = await alignWithPocketsphinx(utterance, {
        beams,
        timeoutMs: options.timeoutSeconds * 1000,
      });
      runs.push({ name, result });
    } catch (error) {
      if (!isReferenceAlignerError(error)) throw error;
      runs.push({
        name,
        failure: `${error.code} after ${elapsed(started).toFixed(1)} s (${error.detail.slice(0, 160)})`,
      });
    }
  }
  return runs;
}

function asAlignerRun(run: NamedRun): AlignerRun {
  return 'result' in run
    ? { name: run.name, seconds: run.result.seconds, note: 'model loading included' }
    : run;
}

function report(
  utterance: LongUtterance,
  deuro: DeuroAlignResult,
  runs: readonly NamedRun[],
): void {
  const deuroRun: AlignerRun = {
    name: 'deuro alignTranscript',
    seconds: deuro.alignSeconds,
    note: `model loaded before, in ${deuro.loadSeconds.toFixed(1)} s`,
  };
  const wide = runs.find((run) => run.name.includes('wide'));
  const others = runs.filter((run) => run !== wide).map(asAlignerRun);
  const lines =
    wide === undefined
      ? formatSpeed(
          utterance.seconds,
          deuroRun,
          { name: 'pocketsphinx', failure: 'not run' },
          others,
        )
      : formatSpeed(utterance.seconds, deuroRun, asAlignerRun(wide), others);
  lines.push('', formatMemory(deuro.rssBeforeAlignBytes, deuro.peakRssBytes));
  lines.push(
    `deuro verdict: ${deuro.aligned ? 'aligned' : 'NOT aligned'}, score ${deuro.score.toFixed(3)}, ${String(deuro.frames)} frames, ${String(deuro.words.length)} words`,
  );
  if (wide !== undefined && 'result' in wide) {
    const agreement = boundaryAgreement(wide.result.words, deuro.words);
    lines.push(
      `agreement with ${wide.name}: ${(100 * agreement.fraction).toFixed(1)}% of ${String(agreement.boundaries)} word boundaries within 50 ms ` +
        `(median ${(1000 * agreement.median).toFixed(0)} ms, p95 ${(1000 * agreement.p95).toFixed(0)} ms)`,
    );
  }
  printLines(lines);
}

function header(options: AlignBenchOptions): string[] {
  return [
    'Deuro alignment benchmark: alignTranscript vs pocketsphinx_continuous -jsgf (transcript-only grammar)',
    `machine: ${describeMachine()}; load average at start ${describeLoad()}`,
    `options: ${String(options.seconds)} s, pause ${String(options.pauseMs)} ms, noise ${describeNoise(options.noiseDbfs)}, ` +
      `seed ${String(options.seed)}, pocketsphinx ${options.pocketsphinx ? 'yes' : 'no'}, timeout ${String(options.timeoutSeconds)} s`,
    '',
  ];
}

function describeNoise(noiseDbfs: number | 'none'): string {
  return noiseDbfs === 'none' ? 'none (digital silence)' : `${String(noiseDbfs)} dBFS`;
}

function elapsed(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

function printLines(lines: readonly string[]): void {
  process.stdout.write(`${lines.join('\n')}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
