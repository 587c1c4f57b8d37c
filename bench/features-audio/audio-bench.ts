/**
 * One run of the audio benchmark: build (or reuse) the recording, then alternate timed runs of
 * Deuro's streaming extractor and of sphinx_fe, twice over: with the command of the issue
 * (`sphinx_fe -i x.wav -o x.mfc -mswav yes`, whose defaults in this sphinxbase also dither and
 * remove noise and silence) and with the flags that make it compute exactly what Deuro computes.
 * Then Deuro's output is compared with the latter's, value by value, and the FFT Deuro uses is
 * timed against fft.js on the same frames (fft-comparison.ts).
 */

import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  SAME_WORK_FLAGS,
  compareMfc,
  timeDeuro,
  timeSphinxFe,
  type RunTimes,
} from './extractor-runs';
import {
  compareFfts,
  formatFftComparison,
  windowedFrames,
  type FftComparison,
} from './fft-comparison';
import type { AudioBenchOptions } from './options';
import {
  formatComparison,
  formatHeadline,
  formatSpeeds,
  speedOf,
  type ExtractorRuns,
} from './report';
import { SAMPLE_RATE, ensureRecording, recordingSamples } from './speech-corpus';

/** The figures of a run, for tests and callers. */
export interface AudioBenchResult {
  readonly audioSeconds: number;
  readonly deuro: readonly RunTimes[];
  readonly sphinxFeDefault: readonly RunTimes[];
  readonly sphinxFeSameWork: readonly RunTimes[];
  /** Deuro's speed over each sphinx_fe's, in audio seconds per CPU second. */
  readonly ratioToDefault: number;
  readonly ratioToSameWork: number;
  /** Values of Deuro's output that differ from sphinx_fe's (same work); -1 if the counts differ. */
  readonly differingValues: number;
  /** Deuro's FFT against fft.js, or why that was skipped. */
  readonly fft: FftComparison;
  readonly lines: readonly string[];
}

/** Runs the benchmark; `print` receives progress and result lines. */
export async function runAudioBench(
  options: AudioBenchOptions,
  print: (line: string) => void,
): Promise<AudioBenchResult> {
  const wav = await ensureRecording(options.cacheDir, options.minutes);
  const audioSeconds = recordingSamples(options.minutes) / SAMPLE_RATE;
  print(`input: ${wav} (${(audioSeconds / 60).toFixed(2)} min, 16 kHz 16-bit mono)`);
  const dir = await mkdtemp(join(tmpdir(), 'deuro-bench-audio-'));
  try {
    const out = (name: string): string => join(dir, name);
    // One untimed run warms Deuro's JIT, as sphinx_fe's code is compiled ahead of time.
    await timeDeuro(wav, out('deuro.mfc'));
    const deuro: RunTimes[] = [];
    const sphinxFeDefault: RunTimes[] = [];
    const sphinxFeSameWork: RunTimes[] = [];
    for (let round = 0; round < options.rounds; round++) {
      deuro.push(await timeDeuro(wav, out('deuro.mfc')));
      sphinxFeDefault.push(await timeSphinxFe(wav, out('default.mfc'), []));
      sphinxFeSameWork.push(await timeSphinxFe(wav, out('same.mfc'), SAME_WORK_FLAGS));
      print(`round ${String(round + 1)}/${String(options.rounds)} done`);
    }
    const comparison = await compareMfc(out('deuro.mfc'), out('same.mfc'));
    const extractors: ExtractorRuns[] = [
      { name: 'deuro extractMfccStream (1 thread, streaming)', runs: deuro },
      { name: `sphinx_fe -mswav yes ${SAME_WORK_FLAGS.join(' ')}`, runs: sphinxFeSameWork },
      { name: 'sphinx_fe -mswav yes', runs: sphinxFeDefault },
    ];
    const fft = compareFfts(await fftFrames(wav), Math.max(5, options.rounds));
    const speed = speedOf(audioSeconds, deuro);
    const ratioToSameWork = speed / speedOf(audioSeconds, sphinxFeSameWork);
    const lines = [
      ...formatSpeeds(audioSeconds, extractors),
      formatHeadline(ratioToSameWork),
      formatComparison(comparison),
      ...formatFftComparison(fft),
    ];
    return {
      audioSeconds,
      deuro,
      sphinxFeDefault,
      sphinxFeSameWork,
      ratioToDefault: speed / speedOf(audioSeconds, sphinxFeDefault),
      ratioToSameWork,
      differingValues: comparison.differing,
      fft,
      lines,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Frames the FFT comparison uses: the recording's first 30,000 (five minutes) at most. */
const FFT_FRAMES = 30_000;

/** The first frames of the recording (after its 44-byte header), windowed as the front end. */
async function fftFrames(wav: string): Promise<Float64Array> {
  const file = await open(wav);
  try {
    const { size } = await file.stat();
    const available = Math.floor((size - 44) / 2);
    const count = Math.max(1, Math.min(FFT_FRAMES, Math.floor((available - 410) / 160) + 1));
    const bytes = Buffer.alloc(2 * Math.min(available, (count - 1) * 160 + 410));
    await file.read(bytes, 0, bytes.length, 44);
    const samples = new Int16Array(bytes.length / 2);
    for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(2 * i);
    return windowedFrames(samples, count);
  } finally {
    await file.close();
  }
}
