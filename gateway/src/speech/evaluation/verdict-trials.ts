/**
 * The trials of the verdict evaluation: espeak-ng recordings of sentences under several
 * conditions (voice, rate, noise or espeak-ng's digital silence), each aligned with its own
 * transcript (a target trial) and with each of the four kinds of wrong transcript of
 * `mismatched-transcripts.ts` (non-target trials). Everything is seeded: equal options give
 * equal trials.
 *
 * Besides the verdict score of each trial, the per-word log-likelihood ratios are kept for the
 * word confidence: the words of matched transcripts (targets) and the substituted words of the
 * `substituted-20pct` transcripts (non-targets).
 */

import {
  alignTranscript,
  CONFIDENCE_CENTER,
  CONFIDENCE_WIDTH,
  isSpeechError,
  SpeechErrorCode,
  type AlignOptions,
  type Alignment,
  type LoadedSpeechModel,
} from '../align/index.js';
import { mismatchedTranscripts, synthesizeSentence, type MismatchKind } from '../corpus/index.js';

/** How one recording is made. */
export interface VerdictCondition {
  /** espeak-ng voice (`en-us`, `en+m3`, ...). */
  readonly voice: string;
  /** Words per minute. */
  readonly rate: number;
  /** White noise level in dBFS; undefined leaves espeak-ng's digital silence. */
  readonly noiseDbfs?: number;
}

/** What a trial's transcript is: the recording's own, or a wrong one of a kind. */
export type TrialKind = 'matched' | MismatchKind;

/** One recording aligned with one transcript. */
export interface VerdictTrial {
  /** Index of the sentence in the evaluation's sentence list. */
  readonly sentence: number;
  readonly condition: VerdictCondition;
  readonly kind: TrialKind;
  readonly transcript: string;
  /**
   * The mean ratio over the words' frames (the verdict score with no worst-word margin);
   * `-Infinity` when the aligner found no path (`DEURO_SPEECH_NO_PATH` or
   * `DEURO_SPEECH_AUDIO_TOO_SHORT`), which is a rejection.
   */
  readonly score: number;
  /** The lowest ratio of any word of the transcript; `-Infinity` when no path. */
  readonly worstWord: number;
  /** Ratios of the words that are right (every word of a matched trial). */
  readonly rightWords: readonly number[];
  /** Ratios of the words that are wrong (the substituted words of `substituted-20pct`). */
  readonly wrongWords: readonly number[];
}

/** What {@link verdictTrials} runs. */
export interface VerdictTrialsOptions {
  /** The sentences spoken (lower case, words of the dictionary). */
  readonly sentences: readonly string[];
  /** Indices into `sentences` to record; each is aligned against the others of this list. */
  readonly indices: readonly number[];
  readonly conditions: readonly VerdictCondition[];
  /** Seed of the noise and of the wrong transcripts. */
  readonly seed: number;
  readonly model: LoadedSpeechModel;
  /**
   * Aligner options (the threshold and the worst-word margin do not matter: the mean ratio and
   * the worst word's ratio are kept).
   */
  readonly alignOptions?: AlignOptions;
  /** Called after each trial (progress). */
  readonly onTrial?: (trial: VerdictTrial) => void;
}

/** A word's log-likelihood ratio, recovered from its confidence (clamped to +-40 nats/frame). */
export function wordRatio(confidence: number): number {
  const c = Math.min(Math.max(confidence, 1e-300), 1 - 1e-16);
  const ratio = CONFIDENCE_CENTER + CONFIDENCE_WIDTH * Math.log(c / (1 - c));
  return Math.min(Math.max(ratio, -40), 40);
}

function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/\s+/u)
    .filter((w) => w.length > 0);
}

async function alignOrReject(
  samples: Float32Array,
  sampleRate: number,
  transcript: string,
  options: VerdictTrialsOptions,
): Promise<Alignment | undefined> {
  try {
    return await alignTranscript(
      { samples, sampleRate, transcript },
      { ...options.alignOptions, worstWordMargin: Infinity },
      options.model,
    );
  } catch (error) {
    const rejection =
      isSpeechError(error, SpeechErrorCode.noPath) ||
      isSpeechError(error, SpeechErrorCode.audioTooShort);
    if (rejection) return undefined;
    throw error;
  }
}

/** Splits the alignment's word ratios into right and wrong words against the true text. */
function wordRatios(
  alignment: Alignment | undefined,
  truth: readonly string[],
  kind: TrialKind,
): { right: number[]; wrong: number[] } {
  const right: number[] = [];
  const wrong: number[] = [];
  if (alignment === undefined || (kind !== 'matched' && kind !== 'substituted-20pct')) {
    return { right, wrong };
  }
  alignment.words.forEach((word, i) => {
    const ratio = wordRatio(word.confidence);
    if (word.label.toLowerCase() === truth[i]) {
      if (kind === 'matched') right.push(ratio);
    } else {
      wrong.push(ratio);
    }
  });
  return { right, wrong };
}

async function conditionTrials(
  index: number,
  condition: VerdictCondition,
  options: VerdictTrialsOptions,
): Promise<VerdictTrial[]> {
  const sentence = options.sentences[index] ?? '';
  const seed = (options.seed + 7919 * index) >>> 0;
  const audio = await synthesizeSentence(sentence, {
    voice: condition.voice,
    rate: condition.rate,
    noiseDbfs: condition.noiseDbfs,
    seed,
  });
  const others = options.indices.filter((i) => i !== index).map((i) => options.sentences[i] ?? '');
  const transcripts: { kind: TrialKind; transcript: string }[] = [
    { kind: 'matched', transcript: sentence },
    ...mismatchedTranscripts(sentence, others, seed),
  ];
  const truth = wordsOf(sentence);
  const trials: VerdictTrial[] = [];
  for (const { kind, transcript } of transcripts) {
    const alignment = await alignOrReject(audio.samples, audio.sampleRate, transcript, options);
    const words = wordRatios(alignment, truth, kind);
    const trial: VerdictTrial = {
      sentence: index,
      condition,
      kind,
      transcript,
      score: alignment?.verdict.score ?? -Infinity,
      worstWord:
        alignment === undefined
          ? -Infinity
          : Math.min(...alignment.words.map((w) => wordRatio(w.confidence))),
      rightWords: words.right,
      wrongWords: words.wrong,
    };
    options.onTrial?.(trial);
    trials.push(trial);
  }
  return trials;
}

/**
 * Records every listed sentence under every condition and aligns each recording with its own
 * transcript and its wrong ones (one at a time: one core).
 *
 * @throws {CorpusError} when espeak-ng is missing or fails.
 * @throws {SpeechError} for aligner errors other than a rejection (no path, audio too short).
 */
export async function verdictTrials(options: VerdictTrialsOptions): Promise<VerdictTrial[]> {
  const trials: VerdictTrial[] = [];
  for (const index of options.indices) {
    for (const condition of options.conditions) {
      trials.push(...(await conditionTrials(index, condition, options)));
    }
  }
  return trials;
}
