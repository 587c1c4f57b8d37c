/**
 * Calibration and evaluation of the aligner's verdict, built so that the figures cannot come from
 * tuning on the test data:
 *
 * - the sentences are split in two halves by a seeded shuffle, before anything is aligned;
 * - every sentence of a half is recorded under every condition (voices, rates, low noise or
 *   espeak-ng's digital silence) and aligned with its own transcript and with the four kinds of
 *   wrong transcript (`verdict-trials.ts`), whose `other-file` transcripts come from the same
 *   half;
 * - the verdict score is min(mean ratio, worst word's ratio + m) (`align/verdict.ts`); the
 *   worst-word margin m is the one of {@link WORST_WORD_MARGINS} whose score has the lowest EER
 *   on the calibration half (on a tie the larger, nearer the mean alone), and the threshold is
 *   that score's equal-error threshold on the calibration half (the middle of the gap when the
 *   half separates perfectly); the word-confidence centre likewise from its word ratios (right
 *   words of matched transcripts against substituted words);
 * - the held-out half is then scored with them: its miss and false-accept rates (also per kind
 *   of wrong transcript) and its own EER; and, for comparison, the mean ratio alone, calibrated
 *   and evaluated the same way.
 */

import type { AlignOptions, LoadedSpeechModel } from '../align/index.js';
import { ENGLISH_SENTENCES, newSeededRandom, seededShuffle } from '../corpus/index.js';
import type { MismatchKind } from '../corpus/index.js';
import { equalErrorRate } from './equal-error-rate.js';
import { verdictTrials, type VerdictCondition, type VerdictTrial } from './verdict-trials.js';

/**
 * The conditions of the full evaluation: four espeak-ng voices, each at its own rate (130 to 190
 * words per minute), each with espeak-ng's digital silence and with -60 dBFS white noise.
 */
export const VERDICT_CONDITIONS: readonly VerdictCondition[] = [
  { voice: 'en-us', rate: 160 },
  { voice: 'en-gb', rate: 130 },
  { voice: 'en+m3', rate: 190 },
  { voice: 'en-us+f3', rate: 145 },
].flatMap((c) => [c, { ...c, noiseDbfs: -60 }]);

/** The seed of the full evaluation (the split, the noise and the wrong transcripts). */
export const VERDICT_EVALUATION_SEED = 2024;

/** The kinds of wrong transcript, in the order the tables list them. */
export const MISMATCH_KINDS: readonly MismatchKind[] = [
  'different-sentence',
  'swapped-words',
  'substituted-20pct',
  'other-file',
];

/** Options of {@link evaluateVerdict}; all but the model optional. */
export interface VerdictEvaluationOptions {
  readonly model: LoadedSpeechModel;
  /** Default {@link ENGLISH_SENTENCES}. */
  readonly sentences?: readonly string[];
  /** How many sentences to use (from the seeded order, split in halves); default all. */
  readonly sentenceCount?: number;
  /** Default {@link VERDICT_CONDITIONS}. */
  readonly conditions?: readonly VerdictCondition[];
  /** Default {@link VERDICT_EVALUATION_SEED}. */
  readonly seed?: number;
  readonly alignOptions?: AlignOptions;
  readonly onTrial?: (trial: VerdictTrial) => void;
}

/** Error rates of a set of trials at a threshold (accept when score >= threshold). */
export interface VerdictErrorRates {
  readonly targets: number;
  readonly nonTargets: number;
  /** ROCCH equal error rate of these trials, and its threshold. */
  readonly eer: number;
  readonly eerThreshold: number;
  /** Fraction of matched transcripts rejected at the threshold. */
  readonly miss: number;
  /** Fraction of wrong transcripts accepted at the threshold. */
  readonly falseAccept: number;
  /** The same per kind of wrong transcript. */
  readonly falseAcceptByKind: Readonly<Record<MismatchKind, number>>;
}

/** Word-level error rates of the confidence centre (confidence >= 0.5 means "right word"). */
export interface WordErrorRates {
  readonly rightWords: number;
  readonly wrongWords: number;
  readonly eer: number;
  readonly miss: number;
  readonly falseAccept: number;
}

/** A verdict rule's calibration-half threshold and its error rates on both halves. */
export interface VerdictRuleRates {
  readonly threshold: number;
  readonly calibration: VerdictErrorRates;
  readonly heldOut: VerdictErrorRates;
}

/** The result of {@link evaluateVerdict}. */
export interface VerdictEvaluation {
  /** The worst-word margin chosen on the calibration half. */
  readonly worstWordMargin: number;
  /** The threshold chosen on the calibration half. */
  readonly threshold: number;
  /** The word-confidence centre chosen on the calibration half. */
  readonly confidenceCenter: number;
  readonly calibration: VerdictErrorRates;
  readonly heldOut: VerdictErrorRates;
  readonly calibrationWords: WordErrorRates;
  readonly heldOutWords: WordErrorRates;
  /** The mean ratio alone (no worst-word margin), calibrated and evaluated the same way. */
  readonly meanOnly: VerdictRuleRates;
  /** Sentence indices of each half. */
  readonly halves: { readonly calibration: number[]; readonly heldOut: number[] };
  readonly trials: { readonly calibration: VerdictTrial[]; readonly heldOut: VerdictTrial[] };
}

/**
 * The worst-word margins the calibration chooses from (nats per frame): 0 to 15 in steps of
 * 0.25, and `Infinity` (the mean ratio alone).
 */
export const WORST_WORD_MARGINS: readonly number[] = [
  ...Array.from({ length: 61 }, (_, i) => i * 0.25),
  Infinity,
];

/** Scores below this (no path) count as this, so that the EER sees finite numbers. */
const REJECTED_SCORE = -1e6;

function finite(score: number): number {
  return Math.max(score, REJECTED_SCORE);
}

function rate(count: number, total: number): number {
  return total === 0 ? 0 : count / total;
}

/** The first `count` sentence indices in a seeded order, split into two halves. */
export function splitSentences(
  total: number,
  count: number,
  seed: number,
): { calibration: number[]; heldOut: number[] } {
  const order = seededShuffle(
    Array.from({ length: total }, (_, i) => i),
    newSeededRandom(seed),
  ).slice(0, count);
  const half = Math.ceil(order.length / 2);
  return { calibration: order.slice(0, half), heldOut: order.slice(half) };
}

/**
 * A threshold between targets and non-targets: the EER threshold, or the middle of the gap
 * when they are separated.
 */
export function separatingThreshold(
  targets: readonly number[],
  nonTargets: readonly number[],
): number {
  const { eer, threshold } = equalErrorRate(targets.map(finite), nonTargets.map(finite));
  if (eer > 0) return threshold;
  return (Math.min(...targets) + Math.max(...nonTargets)) / 2;
}

/** A trial's verdict score with a worst-word margin: min(mean ratio, worst word + margin). */
export function combinedScore(trial: VerdictTrial, worstWordMargin: number): number {
  if (worstWordMargin === Infinity) return trial.score;
  return Math.min(trial.score, trial.worstWord + worstWordMargin);
}

function scoresOf(
  trials: readonly VerdictTrial[],
  worstWordMargin: number,
): { targets: number[]; nonTargets: number[] } {
  const score = (t: VerdictTrial): number => combinedScore(t, worstWordMargin);
  return {
    targets: trials.filter((t) => t.kind === 'matched').map(score),
    nonTargets: trials.filter((t) => t.kind !== 'matched').map(score),
  };
}

/**
 * The worst-word margin of {@link WORST_WORD_MARGINS} whose verdict score has the lowest EER on
 * `trials` (on a tie, the larger margin).
 */
export function chooseWorstWordMargin(trials: readonly VerdictTrial[]): number {
  let best = Infinity;
  let bestEer = Infinity;
  for (const margin of [...WORST_WORD_MARGINS].reverse()) {
    const { targets, nonTargets } = scoresOf(trials, margin);
    const { eer } = equalErrorRate(targets.map(finite), nonTargets.map(finite));
    if (eer < bestEer) {
      best = margin;
      bestEer = eer;
    }
  }
  return best;
}

/** Error rates of verdict trials at `threshold` (and worst-word margin, default none). */
export function verdictErrorRates(
  trials: readonly VerdictTrial[],
  threshold: number,
  worstWordMargin = Infinity,
): VerdictErrorRates {
  const score = (t: VerdictTrial): number => combinedScore(t, worstWordMargin);
  const targets = trials.filter((t) => t.kind === 'matched').map(score);
  const nonTargets = trials.filter((t) => t.kind !== 'matched');
  const { eer, threshold: eerThreshold } = equalErrorRate(
    targets.map(finite),
    nonTargets.map((t) => finite(score(t))),
  );
  const accepted = (kind?: MismatchKind): number => {
    const of = nonTargets.filter((t) => kind === undefined || t.kind === kind);
    return rate(of.filter((t) => score(t) >= threshold).length, of.length);
  };
  return {
    targets: targets.length,
    nonTargets: nonTargets.length,
    eer,
    eerThreshold,
    miss: rate(targets.filter((s) => s < threshold).length, targets.length),
    falseAccept: accepted(),
    falseAcceptByKind: Object.fromEntries(MISMATCH_KINDS.map((k) => [k, accepted(k)])) as Record<
      MismatchKind,
      number
    >,
  };
}

function wordScores(trials: readonly VerdictTrial[]): { right: number[]; wrong: number[] } {
  return {
    right: trials.flatMap((t) => t.rightWords),
    wrong: trials.flatMap((t) => t.wrongWords),
  };
}

/** Word-level error rates when a word is called right at ratio >= `center`. */
export function wordErrorRates(trials: readonly VerdictTrial[], center: number): WordErrorRates {
  const { right, wrong } = wordScores(trials);
  return {
    rightWords: right.length,
    wrongWords: wrong.length,
    eer: equalErrorRate(right, wrong).eer,
    miss: rate(right.filter((r) => r < center).length, right.length),
    falseAccept: rate(wrong.filter((r) => r >= center).length, wrong.length),
  };
}

/**
 * Runs the evaluation: the calibration half chooses the threshold and the confidence centre, the
 * held-out half is scored with them. About 0.3 s per alignment on one core.
 *
 * @throws {CorpusError} when espeak-ng is missing or fails; {@link SpeechError} from the aligner.
 */
export async function evaluateVerdict(
  options: VerdictEvaluationOptions,
): Promise<VerdictEvaluation> {
  const sentences = options.sentences ?? ENGLISH_SENTENCES;
  const seed = options.seed ?? VERDICT_EVALUATION_SEED;
  const halves = splitSentences(sentences.length, options.sentenceCount ?? sentences.length, seed);
  const run = (indices: readonly number[]): Promise<VerdictTrial[]> =>
    verdictTrials({
      sentences,
      indices,
      conditions: options.conditions ?? VERDICT_CONDITIONS,
      seed,
      model: options.model,
      alignOptions: options.alignOptions,
      onTrial: options.onTrial,
    });
  const calibration = await run(halves.calibration);
  const heldOut = await run(halves.heldOut);
  const rule = (worstWordMargin: number): VerdictRuleRates => {
    const { targets, nonTargets } = scoresOf(calibration, worstWordMargin);
    const threshold = separatingThreshold(targets, nonTargets);
    return {
      threshold,
      calibration: verdictErrorRates(calibration, threshold, worstWordMargin),
      heldOut: verdictErrorRates(heldOut, threshold, worstWordMargin),
    };
  };
  const worstWordMargin = chooseWorstWordMargin(calibration);
  const chosen = rule(worstWordMargin);
  const words = wordScores(calibration);
  const confidenceCenter = separatingThreshold(words.right, words.wrong);
  return {
    worstWordMargin,
    threshold: chosen.threshold,
    confidenceCenter,
    calibration: chosen.calibration,
    heldOut: chosen.heldOut,
    calibrationWords: wordErrorRates(calibration, confidenceCenter),
    heldOutWords: wordErrorRates(heldOut, confidenceCenter),
    meanOnly: rule(Infinity),
    halves,
    trials: { calibration, heldOut },
  };
}
