/**
 * The verdict and the word confidences, from the forced path against the free phone loop run
 * in the same pass.
 *
 * For a stretch of frames s..e on the forced path, the forced score is the path's score gained
 * over it (acoustic and transition log-likelihoods) and the loop score is the loop's best score
 * at e minus its best score at s - 1. Their difference per frame is a log-likelihood ratio: near
 * 0 when the words fit the audio as well as the best free phone sequence (the forced path's
 * triphones often fit better than the loop's CI phones, so it can be positive), strongly
 * negative where the audio says something else.
 *
 * - The verdict's score is that ratio over all the frames of the transcript's words (silences
 *   and fillers left out, so pauses do not dilute it), unless the worst word's own ratio plus
 *   the worst-word margin m is lower: score = min(mean ratio, worst word's ratio + m). So the
 *   verdict says yes only when the transcript fits as a whole (mean >= threshold) and no word
 *   fits very badly (worst >= threshold - m): two swapped short words hardly move the mean,
 *   but each fits badly on its own. In a long transcript one word in
 *   {@link WORDS_PER_TOLERATED_OUTLIER} may fit that badly (a short word the search put in the
 *   wrong pause, a mumbled one): the rule then takes the k-th worst word, k = 1 + floor(words /
 *   20). The calibration sentences have at most 11 words, so it calibrated k = 1 exactly; without
 *   this, the worst of thousands of words would reject any long correct transcript.
 * - A word's confidence is its own ratio through a logistic: 1 / (1 + exp(-(r - c) / w)).
 */

/** A stretch of the forced path. */
export interface ScoredSpan {
  /** First frame. */
  readonly start: number;
  /** Last frame (inclusive). */
  readonly end: number;
  /** Path score at the end minus at the start. */
  readonly forced: number;
}

/**
 * Centre c and width w of the word confidence logistic (nats per frame). c is the word-level
 * equal-error point (-2.963, rounded) of the calibration half of `evaluateVerdict`: words of
 * matched transcripts against substituted words (held-out: 6.8% of right words under 0.5,
 * 9.2% of substituted words at 0.5 or over). See docs/speech.md.
 */
export const CONFIDENCE_CENTER = -3.0;
export const CONFIDENCE_WIDTH = 0.5;

function loopGain(span: ScoredSpan, loopScores: Float64Array): number {
  const before = span.start > 0 ? (loopScores[span.start - 1] ?? 0) : 0;
  return (loopScores[span.end] ?? 0) - before;
}

/** Per-frame log-likelihood ratio of a span against the phone loop. */
export function spanRatio(span: ScoredSpan, loopScores: Float64Array): number {
  return (span.forced - loopGain(span, loopScores)) / (span.end - span.start + 1);
}

/** Words per word that may fit badly without failing the worst-word rule (see above). */
export const WORDS_PER_TOLERATED_OUTLIER = 20;

/** The k-th lowest word ratio, k = 1 + floor(words / {@link WORDS_PER_TOLERATED_OUTLIER}). */
function worstWordRatio(ratios: Float64Array): number {
  if (ratios.length === 0) return Infinity;
  const rank = Math.floor(ratios.length / WORDS_PER_TOLERATED_OUTLIER);
  if (rank === 0) return Math.min(...ratios);
  return Float64Array.from(ratios).sort()[rank] ?? Infinity;
}

/**
 * The verdict score: the ratio over all the spans' (words') frames together, or the worst
 * span's own ratio (the k-th worst in a long transcript) plus `worstWordMargin` when that is
 * lower (0 for no frames).
 *
 * @param worstWordMargin - nats per frame; `Infinity` (the default) gives the mean ratio alone.
 */
export function verdictScore(
  spans: readonly ScoredSpan[],
  loopScores: Float64Array,
  worstWordMargin = Infinity,
): number {
  let ratio = 0;
  let frames = 0;
  const ratios = new Float64Array(spans.length);
  spans.forEach((span, i) => {
    ratio += span.forced - loopGain(span, loopScores);
    frames += span.end - span.start + 1;
    ratios[i] = spanRatio(span, loopScores);
  });
  return frames === 0 ? 0 : Math.min(ratio / frames, worstWordRatio(ratios) + worstWordMargin);
}

/** A word's confidence in [0, 1] from its ratio. */
export function wordConfidence(ratio: number): number {
  return 1 / (1 + Math.exp(-(ratio - CONFIDENCE_CENTER) / CONFIDENCE_WIDTH));
}
