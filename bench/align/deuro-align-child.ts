/**
 * Deuro's side of the benchmark, run in a child process of run.ts so that its peak resident
 * memory is the aligner's alone (model, features, search), not the benchmark's synthesized
 * audio. Reads a 16 kHz WAV and a transcript file, loads the speech model, aligns, and prints
 * one JSON line ({@link DeuroAlignResult}).
 *
 *   node --import tsx bench/align/deuro-align-child.ts utterance.wav transcript.txt
 */

import { readFile } from 'node:fs/promises';
import { decodeWav } from '../../gateway/src/features/audio';
import { alignTranscript, loadSpeechModel } from '../../gateway/src/speech/align';

/** What the child prints. */
export interface DeuroAlignResult {
  readonly loadSeconds: number;
  readonly alignSeconds: number;
  /** Resident set size after loading the model and the audio, before aligning. */
  readonly rssBeforeAlignBytes: number;
  /** The process's peak resident set size (getrusage maxrss). */
  readonly peakRssBytes: number;
  readonly words: { label: string; start: number; end: number }[];
  readonly aligned: boolean;
  readonly score: number;
  readonly frames: number;
}

function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

async function main(wavPath: string, transcriptPath: string): Promise<void> {
  const decoded = decodeWav(await readFile(wavPath));
  const samples = Float32Array.from(decoded.samples);
  const transcript = await readFile(transcriptPath, 'utf8');
  const loadStarted = process.hrtime.bigint();
  const model = await loadSpeechModel();
  const loadSeconds = seconds(loadStarted);
  const rssBeforeAlignBytes = process.memoryUsage().rss;
  const started = process.hrtime.bigint();
  const alignment = await alignTranscript(
    { samples, sampleRate: decoded.sampleRate, transcript },
    {},
    model,
  );
  const alignSeconds = seconds(started);
  const result: DeuroAlignResult = {
    loadSeconds,
    alignSeconds,
    rssBeforeAlignBytes,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    words: alignment.words.map(({ label, start, end }) => ({ label, start, end })),
    aligned: alignment.verdict.aligned,
    score: alignment.verdict.score,
    frames: alignment.frames,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

const [wavPath, transcriptPath] = process.argv.slice(2);
if (wavPath === undefined || transcriptPath === undefined) {
  process.stderr.write('usage: deuro-align-child.ts utterance.wav transcript.txt\n');
  process.exitCode = 2;
} else {
  main(wavPath, transcriptPath).catch((error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  });
}
