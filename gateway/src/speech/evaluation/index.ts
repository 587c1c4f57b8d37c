/**
 * Evaluation of score-based detectors (speaker verification, transcript verdicts): the
 * detection error trade-off curve, its ROC convex hull, the equal error rate, and a DET plot
 * drawn as SVG on normal-deviate axes and rendered to PNG. See docs/speech.md.
 */

export {
  EvaluationError,
  EvaluationErrorCode,
  evaluationErrorCatalogue,
  isEvaluationError,
  type EvaluationErrorDetails,
} from './errors.js';
export { detCurve, rocConvexHull, type DetPoint } from './det-curve.js';
export { equalErrorRate, type EqualErrorRate } from './equal-error-rate.js';
export { normalDeviate } from './normal-deviate.js';
export {
  detPlotSvg,
  renderDetPlotPng,
  type DetPlotCurve,
  type DetPlotOptions,
} from './det-plot.js';
export {
  MISMATCH_KINDS,
  VERDICT_CONDITIONS,
  VERDICT_EVALUATION_SEED,
  WORST_WORD_MARGINS,
  chooseWorstWordMargin,
  combinedScore,
  evaluateVerdict,
  separatingThreshold,
  splitSentences,
  verdictErrorRates,
  wordErrorRates,
  type VerdictErrorRates,
  type VerdictEvaluation,
  type VerdictEvaluationOptions,
  type VerdictRuleRates,
  type WordErrorRates,
} from './verdict-evaluation.js';
export {
  verdictTrials,
  wordRatio,
  type TrialKind,
  type VerdictCondition,
  type VerdictTrial,
  type VerdictTrialsOptions,
} from './verdict-trials.js';
export { verdictEvaluationTable } from './verdict-table.js';
