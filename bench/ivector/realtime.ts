/**
 * The extraction realtime factor: i-vectors of held-out corpus recordings with a model of the
 * benchmark's size trained in the same run, stage by stage, against two baselines measured in
 * the same run on the same audio: the MFCC front end of the audio library alone, and
 * scikit-learn's `GaussianMixture.predict_proba` (frame posteriors under the same UBM, numpy,
 * one BLAS thread) on the same frames. Realtime factor = audio seconds / processing seconds
 * (higher is faster), wall clock, one thread.
 */

import {
  baumWelchStatistics,
  concatenateFrames,
  corpusSession,
  corpusSpeakers,
  isHeldOutSpeaker,
  newIvectorExtractor,
  speakerFeatures,
  synthesizeSession,
  trainIvectorModel,
  type Frames,
} from '../../gateway/src/speech/ivector/index';
import { runGmmReference } from '../../gateway/src/speech/ivector/reference-gmm';
import type { IvectorBenchOptions } from './options';

const SAMPLE_RATE = 16000;
const SPEAKERS = 25;

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Median wall-clock seconds of `rounds` calls of `work`. */
function timed(rounds: number, work: () => void): number {
  const seconds: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const started = performance.now();
    work();
    seconds.push((performance.now() - started) / 1000);
  }
  return median(seconds);
}

/** One line of the report: name, seconds, realtime factor. */
export function stageLine(name: string, seconds: number, audioSeconds: number): string {
  return `${name.padEnd(44)} ${seconds.toFixed(3).padStart(9)} s   ${(audioSeconds / seconds).toFixed(1).padStart(8)}x realtime`;
}

/** Runs the realtime measurement and prints its report through `print`. */
export async function runRealtimeBench(
  options: IvectorBenchOptions,
  print: (line: string) => void,
): Promise<void> {
  const speakers = corpusSpeakers(SPEAKERS);
  const sessions = speakers.flatMap((speaker) =>
    Array.from({ length: options.sessions }, (_, i) => corpusSession(speaker, i)),
  );
  const audio: Float64Array[] = [];
  for (const session of sessions) audio.push(await synthesizeSession(session));
  const heldOut = sessions.map((s) => isHeldOutSpeaker(speakers.indexOf(s.speaker)));
  const training = sessions.flatMap((s, i) =>
    heldOut[i] === true
      ? []
      : [
          {
            frames: speakerFeatures(audio[i] ?? new Float64Array(0), SAMPLE_RATE),
            speaker: s.speaker.id,
          },
        ],
  );
  let started = performance.now();
  const { model } = trainIvectorModel(training, {
    ubm: { componentCount: options.components },
    tv: { rank: options.rank },
  });
  print(
    `model: UBM ${String(options.components)} x 39, rank ${String(options.rank)}, trained on ${String(training.length)} recordings of ${String(speakers.filter((_, i) => !isHeldOutSpeaker(i)).length)} speakers in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const tests = pickTestAudio(audio, heldOut, options.minutes * 60);
  const audioSeconds = tests.reduce((sum, samples) => sum + samples.length / SAMPLE_RATE, 0);
  const extractor = newIvectorExtractor(model);
  let frames: Frames[] = [];
  const frontEnd = timed(options.rounds, () => {
    frames = tests.map((samples) => speakerFeatures(samples, SAMPLE_RATE));
  });
  const statistics = timed(options.rounds, () => {
    for (const f of frames) baumWelchStatistics(model.ubm, f);
  });
  const allStatistics = frames.map((f) => baumWelchStatistics(model.ubm, f));
  const posterior = timed(options.rounds, () => {
    for (const s of allStatistics) extractor.extractFromStatistics(s);
  });
  const endToEnd = timed(options.rounds, () => {
    for (const samples of tests) extractor.extract(samples, SAMPLE_RATE);
  });
  started = performance.now();
  const joined = concatenateFrames(frames);
  const sklearn = await runGmmReference(joined, model.ubm, 0, 0, true);
  const sklearnSeconds = sklearn.posteriorSeconds ?? Number.NaN;
  print(
    `input: ${String(tests.length)} held-out recordings, ${audioSeconds.toFixed(1)} s of audio, ${String(joined.frameCount)} speech frames; median of ${String(options.rounds)} rounds (sklearn: best of 3)`,
  );
  print('');
  print(
    `${'stage'.padEnd(44)} ${'seconds'.padStart(11)}   ${'audio s / processing s'.padStart(8)}`,
  );
  print(stageLine('front end: MFCC + deltas + energy rule + CMN', frontEnd, audioSeconds));
  print(stageLine('Baum-Welch statistics (Deuro)', statistics, audioSeconds));
  print(
    stageLine(
      `GMM posteriors (sklearn ${sklearn.sklearn} predict_proba)`,
      sklearnSeconds,
      audioSeconds,
    ),
  );
  print(stageLine('i-vector posterior from statistics', posterior, audioSeconds));
  print(stageLine('i-vector extraction end to end (audio in)', endToEnd, audioSeconds));
  print('');
  print(
    `end-to-end extraction takes ${(endToEnd / frontEnd).toFixed(2)}x the front end's time (baseline 1: the MFCC front end alone)`,
  );
  print(
    `Deuro's Baum-Welch statistics take ${(statistics / sklearnSeconds).toFixed(2)}x sklearn's predict_proba on the same frames and UBM (baseline 2)`,
  );
}

/** Held-out recordings in corpus order until `seconds` of audio are reached. */
function pickTestAudio(
  audio: readonly Float64Array[],
  heldOut: readonly boolean[],
  seconds: number,
): Float64Array[] {
  const picked: Float64Array[] = [];
  let total = 0;
  audio.forEach((samples, i) => {
    if (heldOut[i] !== true || total >= seconds) return;
    picked.push(samples);
    total += samples.length / SAMPLE_RATE;
  });
  return picked;
}
