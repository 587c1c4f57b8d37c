/**
 * One run of the audio benchmark: build (or reuse) the recording, then alternate timed runs of
 * Deuro's streaming extractor and of sphinx_fe, twice over: with the command of the issue
 * (`sphinx_fe -i x.wav -o x.mfc -mswav yes`, whose defaults in this sphinxbase also dither and
 * remove noise and silence) and with the flags that make it compute exactly what Deuro computes.
 * Finally Deuro's output is compared with the latter's, value by value.
 */

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  SAME_WORK_FLAGS,
  compareMfc,
  timeDeuro,
  timeSphinxFe,
  type RunTimes,
} from './extractor-runs';
import type { AudioBenchOptions } from './options';
import { formatComparison, formatSpeeds, speedOf, type ExtractorRuns } from './report';
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
      { name: 'sphinx_fe -mswav yes', runs: sphinxFeDefault },
      { name: `sphinx_fe -mswav yes ${SAME_WORK_FLAGS.join(' ')}`, runs: sphinxFeSameWork },
    ];
    const lines = [...formatSpeeds(audioSeconds, extractors), formatComparison(comparison)];
    const speed = speedOf(audioSeconds, deuro);
    return {
      audioSeconds,
      deuro,
      sphinxFeDefault,
      sphinxFeSameWork,
      ratioToDefault: speed / speedOf(audioSeconds, sphinxFeDefault),
      ratioToSameWork: speed / speedOf(audioSeconds, sphinxFeSameWork),
      differingValues: comparison.differing,
      lines,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
