/**
 * The speaker-verification experiment on the synthetic corpus ({@link corpusSpeakers}), shared
 * by the unit test (small) and `bench/ivector` (full).
 *
 * Protocol: speakers 0..S-1, each with sessions 0..N-1. Speaker i is held out when i mod 5 is 3
 * or 4 (two speakers in five); the others train the UBM, T, LDA and WCCN on all their sessions.
 * Each held-out speaker enrolls with session 0 (clean, 160 words/min) and sessions 1..N-1 are
 * test recordings. Every enrolled model is scored against every held-out test recording: the
 * trial is a target trial when the speakers are the same. No held-out speaker or session is
 * seen in training.
 */

import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { detCurve, equalErrorRate, type DetPoint } from '../evaluation/index.js';

import { scoreIvectors } from './cosine-backend.js';
import { checkOption } from './errors.js';
import type { Frames } from './frames.js';
import { newIvectorExtractor, type IvectorModel } from './ivector-model.js';
import { trainIvectorModel, type IvectorTrainingOptions } from './ivector-training.js';
import { readNpyFloat64, writeNpyFloat64 } from './npy-float64.js';
import { speakerFeatures, type SpeakerFeatureOptions } from './speaker-features.js';
import {
  corpusSession,
  corpusSpeakers,
  synthesizeSession,
  type CorpusSession,
} from './voice-corpus.js';

/** Options of {@link runVerificationExperiment}. */
export interface VerificationExperimentOptions {
  /** Number of corpus speakers S (default 40). */
  speakers?: number;
  /** Sessions per speaker N (default 8, at least 2). */
  sessions?: number;
  /** Front end (default {@link SPEAKER_FEATURE_DEFAULTS}). */
  features?: SpeakerFeatureOptions;
  /** Training options per stage (defaults of each trainer). */
  training?: Omit<IvectorTrainingOptions, 'features'>;
  /** Parallel syntheses (default 2). */
  concurrency?: number;
  /** Directory where synthesized audio is kept between runs (default: none). */
  cacheDirectory?: string;
  /** Called with progress lines. */
  log?: (line: string) => void;
}

/** One scored trial: an enrolled speaker against a held-out test session. */
export interface VerificationTrial {
  /** The enrolled speaker's id. */
  model: string;
  /** The test session. */
  test: CorpusSession;
  score: number;
  /** Whether the test session is the enrolled speaker's. */
  target: boolean;
}

/** What {@link runVerificationExperiment} returns. */
export interface VerificationExperimentResult {
  model: IvectorModel;
  trials: VerificationTrial[];
  eer: number;
  threshold: number;
  targetScores: number[];
  nonTargetScores: number[];
  det: DetPoint[];
  trainingSpeakers: number;
  trainingRecordings: number;
  heldOutSpeakers: number;
  /** Seconds of audio in the corpus. */
  audioSeconds: number;
  /** Wall-clock seconds of synthesis, training, and extraction of the held-out recordings. */
  seconds: { synthesis: number; training: number; extraction: number };
  ubmLogLikelihoods: number[];
  tvObjectives: number[];
}

/** Whether corpus speaker `index` is held out for testing. */
export function isHeldOutSpeaker(index: number): boolean {
  return index % 5 >= 3;
}

/**
 * Synthesizes the corpus, trains on the training speakers and scores the held-out trials.
 * @throws IvectorError `DEURO_IVECTOR_INVALID_PARAMETER` naming a bad option or a missing tool.
 */
export async function runVerificationExperiment(
  options: VerificationExperimentOptions = {},
): Promise<VerificationExperimentResult> {
  const sessionCount = options.sessions ?? 8;
  checkOption(
    Number.isInteger(sessionCount) && sessionCount >= 2,
    'sessions',
    sessionCount,
    'an integer >= 2',
  );
  const speakers = corpusSpeakers(options.speakers ?? 40);
  const log = options.log ?? (() => undefined);
  const sessions = speakers.flatMap((speaker) =>
    Array.from({ length: sessionCount }, (_, i) => corpusSession(speaker, i)),
  );
  let started = performance.now();
  const audio = await synthesizeAll(sessions, options);
  const synthesis = (performance.now() - started) / 1000;
  const audioSeconds = audio.reduce((sum, samples) => sum + samples.length / 16000, 0);
  log(
    `corpus: ${String(speakers.length)} speakers x ${String(sessionCount)} sessions, ${audioSeconds.toFixed(0)} s of audio, synthesized in ${synthesis.toFixed(1)} s`,
  );
  const frames = audio.map((samples) => speakerFeatures(samples, 16000, options.features));
  const heldOut = (session: CorpusSession): boolean =>
    isHeldOutSpeaker(speakers.indexOf(session.speaker));
  const training = sessions.flatMap((session, i) =>
    heldOut(session) ? [] : [{ frames: frames[i] as Frames, speaker: session.speaker.id }],
  );
  started = performance.now();
  const trained = trainIvectorModel(training, {
    ...options.training,
    ...(options.features === undefined ? {} : { features: options.features }),
  });
  const trainingSeconds = (performance.now() - started) / 1000;
  log(`training: ${String(training.length)} recordings in ${trainingSeconds.toFixed(1)} s`);
  started = performance.now();
  const extractor = newIvectorExtractor(trained.model);
  const tests = sessions.flatMap((session, i) =>
    heldOut(session)
      ? [{ session, ivector: extractor.extractFromFrames(frames[i] as Frames) }]
      : [],
  );
  const extraction = (performance.now() - started) / 1000;
  const trials = scoreTrials(tests, trained.model);
  const targetScores = trials.filter((t) => t.target).map((t) => t.score);
  const nonTargetScores = trials.filter((t) => !t.target).map((t) => t.score);
  const { eer, threshold } = equalErrorRate(targetScores, nonTargetScores);
  return {
    model: trained.model,
    trials,
    eer,
    threshold,
    targetScores,
    nonTargetScores,
    det: detCurve(targetScores, nonTargetScores),
    trainingSpeakers: speakers.filter((_, i) => !isHeldOutSpeaker(i)).length,
    trainingRecordings: training.length,
    heldOutSpeakers: speakers.filter((_, i) => isHeldOutSpeaker(i)).length,
    audioSeconds,
    seconds: { synthesis, training: trainingSeconds, extraction },
    ubmLogLikelihoods: trained.ubmLogLikelihoods,
    tvObjectives: trained.tvObjectives,
  };
}

function scoreTrials(
  tests: readonly { session: CorpusSession; ivector: Float64Array }[],
  model: IvectorModel,
): VerificationTrial[] {
  const trials: VerificationTrial[] = [];
  for (const enrollment of tests.filter((t) => t.session.index === 0)) {
    for (const test of tests) {
      if (test.session.index === 0) continue;
      trials.push({
        model: enrollment.session.speaker.id,
        test: test.session,
        score: scoreIvectors(enrollment.ivector, test.ivector, model.backend),
        target: test.session.speaker === enrollment.session.speaker,
      });
    }
  }
  return trials;
}

async function synthesizeAll(
  sessions: readonly CorpusSession[],
  options: VerificationExperimentOptions,
): Promise<Float64Array[]> {
  const out: Float64Array[] = new Array<Float64Array>(sessions.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < sessions.length) {
      const index = next;
      next += 1;
      const session = sessions[index];
      if (session !== undefined)
        out[index] = await cachedSynthesis(session, options.cacheDirectory);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 2 }, worker));
  return out;
}

/** Bumped whenever synthesis changes, so that cached audio of an older corpus is not reused. */
const CACHE_VERSION = 1;

async function cachedSynthesis(
  session: CorpusSession,
  cacheDirectory: string | undefined,
): Promise<Float64Array> {
  if (cacheDirectory === undefined) return synthesizeSession(session);
  const key = createHash('sha256')
    .update(JSON.stringify([CACHE_VERSION, session.speaker.id, session.text, session.condition]))
    .digest('hex')
    .slice(0, 16);
  const path = join(cacheDirectory, `${session.speaker.id}-${String(session.index)}-${key}.npy`);
  try {
    return readNpyFloat64(await readFile(path)).data;
  } catch {
    const samples = await synthesizeSession(session);
    await mkdir(cacheDirectory, { recursive: true });
    await writeFile(path, writeNpyFloat64(samples, [samples.length]));
    return samples;
  }
}
