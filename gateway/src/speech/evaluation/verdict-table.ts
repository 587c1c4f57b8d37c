/**
 * The verdict evaluation as Markdown tables: sentence-level error rates of both halves at the
 * calibrated threshold (with the false-accept rate per kind of wrong transcript), and the
 * word-confidence error rates at the calibrated centre.
 */

import type { VerdictErrorRates, VerdictEvaluation, WordErrorRates } from './verdict-evaluation.js';
import { MISMATCH_KINDS } from './verdict-evaluation.js';

function percent(value: number): string {
  return `${(100 * value).toFixed(1)}%`;
}

function verdictRow(name: string, rates: VerdictErrorRates): string {
  const kinds = MISMATCH_KINDS.map((kind) => percent(rates.falseAcceptByKind[kind]));
  return `| ${[
    name,
    `${String(rates.targets)} / ${String(rates.nonTargets)}`,
    percent(rates.eer),
    rates.eerThreshold.toFixed(2),
    percent(rates.miss),
    percent(rates.falseAccept),
    ...kinds,
  ].join(' | ')} |`;
}

function wordRow(name: string, rates: WordErrorRates): string {
  return `| ${[
    name,
    `${String(rates.rightWords)} / ${String(rates.wrongWords)}`,
    percent(rates.eer),
    percent(rates.miss),
    percent(rates.falseAccept),
  ].join(' | ')} |`;
}

/** The two tables, with the chosen threshold and centre. */
export function verdictEvaluationTable(evaluation: VerdictEvaluation): string {
  return [
    `worst-word margin (calibration): ${evaluation.worstWordMargin.toFixed(2)} nats/frame; ` +
      `threshold (calibration EER): ${evaluation.threshold.toFixed(3)} nats/frame; ` +
      `mean ratio alone: threshold ${evaluation.meanOnly.threshold.toFixed(3)}`,
    '',
    `| rule, half | matched / wrong | EER | EER threshold | miss | false accept | ${MISMATCH_KINDS.join(' | ')} |`,
    `| --- | --- | --- | --- | --- | --- | ${MISMATCH_KINDS.map(() => '---').join(' | ')} |`,
    verdictRow('combined, calibration', evaluation.calibration),
    verdictRow('combined, held-out', evaluation.heldOut),
    verdictRow('mean alone, calibration', evaluation.meanOnly.calibration),
    verdictRow('mean alone, held-out', evaluation.meanOnly.heldOut),
    '',
    `word confidence centre (calibration EER): ${evaluation.confidenceCenter.toFixed(3)} nats/frame`,
    '',
    '| half | right / substituted words | EER | miss | false accept |',
    '| --- | --- | --- | --- | --- |',
    wordRow('calibration', evaluation.calibrationWords),
    wordRow('held-out', evaluation.heldOutWords),
  ].join('\n');
}
