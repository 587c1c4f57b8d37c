/**
 * The equal error rate, computed exactly on the ROC convex hull (ROCCH-EER, as in the BOSARIS
 * toolkit and the NIST SRE tools): the point where the hull of the empirical operating points
 * crosses pMiss = pFalseAlarm. On the hull the crossing is unique and the result does not depend
 * on how the stepped empirical curve is interpolated; it is the error rate an optimally
 * calibrated detector reaches at the equal-error operating point, and is never above the
 * stepped curve's value.
 *
 * The threshold reported is a convenience: the crossing's position linearly interpolated between
 * the thresholds of the two hull vertices around it ("accept when score >= threshold").
 */

import { rocConvexHull, type DetPoint } from './det-curve.js';

/** The equal error rate and the threshold where it is reached. */
export interface EqualErrorRate {
  /** The ROCCH equal error rate, in [0, 0.5]. */
  eer: number;
  /** A threshold at (or interpolated to) the equal-error point; accept when score >= it. */
  threshold: number;
}

/**
 * The equal error rate of a detector with these target and non-target scores (higher score means
 * "more target"), exact on the ROC convex hull.
 * @throws EvaluationError `DEURO_EVALUATION_NO_SCORES` when a list is empty,
 *   `DEURO_EVALUATION_INVALID_SCORE` when a score is not finite.
 */
export function equalErrorRate(
  targetScores: readonly number[],
  nonTargetScores: readonly number[],
): EqualErrorRate {
  const hull = rocConvexHull(targetScores, nonTargetScores);
  // Along the hull pMiss - pFalseAlarm falls from 1 to -1: find where it crosses 0.
  for (let i = 1; i < hull.length; i += 1) {
    const a = hull[i - 1];
    const b = hull[i];
    if (a === undefined || b === undefined) break;
    const da = a.pMiss - a.pFalseAlarm;
    const db = b.pMiss - b.pFalseAlarm;
    if (da >= 0 && db <= 0) return crossing(a, b, da === db ? 0 : da / (da - db));
  }
  /* c8 ignore next */
  throw new Error('ROC convex hull does not cross pMiss = pFalseAlarm');
}

function crossing(a: DetPoint, b: DetPoint, fraction: number): EqualErrorRate {
  const eer = a.pFalseAlarm + fraction * (b.pFalseAlarm - a.pFalseAlarm);
  return { eer, threshold: interpolateThreshold(a.threshold, b.threshold, fraction) };
}

function interpolateThreshold(from: number, to: number, fraction: number): number {
  if (fraction <= 0 || !Number.isFinite(to)) return from;
  if (fraction >= 1 || !Number.isFinite(from)) return to;
  return from + fraction * (to - from);
}
