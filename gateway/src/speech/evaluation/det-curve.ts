/**
 * The detection error trade-off of a score-based detector: for every decision threshold, the
 * miss probability (targets rejected) and the false-alarm probability (non-targets accepted).
 *
 * The decision rule is "accept when score >= threshold". Thresholds are the distinct scores in
 * ascending order, then `+Infinity` (reject everything), so the curve runs from
 * (pMiss 0, pFalseAlarm 1) to (pMiss 1, pFalseAlarm 0) with one point per distinct score: the
 * full empirical ROC, ties included (tied target and non-target scores move together).
 */

import { checkScores } from './errors.js';

/** One operating point of a detector. */
export interface DetPoint {
  /** Fraction of target trials with score < threshold. */
  pMiss: number;
  /** Fraction of non-target trials with score >= threshold. */
  pFalseAlarm: number;
  /** The threshold: accept when score >= threshold (`Infinity` for the reject-all point). */
  threshold: number;
}

/**
 * Every operating point of the detector, by ascending threshold (ascending pMiss, descending
 * pFalseAlarm).
 * @throws EvaluationError `DEURO_EVALUATION_NO_SCORES` when a list is empty,
 *   `DEURO_EVALUATION_INVALID_SCORE` when a score is not finite.
 */
export function detCurve(
  targetScores: readonly number[],
  nonTargetScores: readonly number[],
): DetPoint[] {
  checkScores(targetScores, 'targetScores');
  checkScores(nonTargetScores, 'nonTargetScores');
  const targets = Float64Array.from(targetScores).sort();
  const nonTargets = Float64Array.from(nonTargetScores).sort();
  const points: DetPoint[] = [];
  let t = 0;
  let n = 0;
  while (t < targets.length || n < nonTargets.length) {
    const threshold = Math.min(targets[t] ?? Infinity, nonTargets[n] ?? Infinity);
    points.push({
      pMiss: t / targets.length,
      pFalseAlarm: (nonTargets.length - n) / nonTargets.length,
      threshold,
    });
    while (t < targets.length && targets[t] === threshold) t += 1;
    while (n < nonTargets.length && nonTargets[n] === threshold) n += 1;
  }
  points.push({ pMiss: 1, pFalseAlarm: 0, threshold: Infinity });
  return points;
}

/**
 * The vertices of the ROC convex hull (the lower-left hull of the DET points in the
 * (pFalseAlarm, pMiss) plane), from (0, 1) to (1, 0): the operating points an ideal
 * calibration can reach, with collinear points dropped.
 * @throws EvaluationError as {@link detCurve}.
 */
export function rocConvexHull(
  targetScores: readonly number[],
  nonTargetScores: readonly number[],
): DetPoint[] {
  // Ascending threshold is descending pFalseAlarm; walk from the reject-all end.
  const points = detCurve(targetScores, nonTargetScores).reverse();
  const hull: DetPoint[] = [];
  for (const point of points) {
    while (hull.length >= 2 && !turnsLeft(hull.at(-2), hull.at(-1), point)) hull.pop();
    hull.push(point);
  }
  return hull;
}

/** Whether a -> b -> c turns counter-clockwise in the (pFalseAlarm, pMiss) plane. */
function turnsLeft(a: DetPoint | undefined, b: DetPoint | undefined, c: DetPoint): boolean {
  if (a === undefined || b === undefined) return true;
  const cross =
    (b.pFalseAlarm - a.pFalseAlarm) * (c.pMiss - a.pMiss) -
    (b.pMiss - a.pMiss) * (c.pFalseAlarm - a.pFalseAlarm);
  return cross > 0;
}
