/**
 * Errors of the detection-evaluation functions (EER, DET curve, DET plot).
 *
 * {@link EvaluationError} is a {@link CodedError}: callers switch on the stable `code`, and
 * `details.field` names the argument that was rejected.
 */

import { CodedError } from '../../errors/coded-error.js';

/** The stable codes of {@link EvaluationError}. */
export const EvaluationErrorCode = {
  /** A score list is empty: an error rate needs at least one target and one non-target. */
  noScores: 'DEURO_EVALUATION_NO_SCORES',
  /** A score is NaN or infinite. */
  invalidScore: 'DEURO_EVALUATION_INVALID_SCORE',
  /** A plot option is out of range; `details.field` names it. */
  invalidParameter: 'DEURO_EVALUATION_INVALID_PARAMETER',
} as const;

export type EvaluationErrorCode = (typeof EvaluationErrorCode)[keyof typeof EvaluationErrorCode];

/** HTTP status and problem+json title of every {@link EvaluationErrorCode}. */
export const evaluationErrorCatalogue = {
  DEURO_EVALUATION_NO_SCORES: {
    status: 400,
    title: 'No scores to evaluate',
    meaning: 'The target or the non-target score list is empty; details.field names it.',
  },
  DEURO_EVALUATION_INVALID_SCORE: {
    status: 400,
    title: 'Invalid score',
    meaning: 'A score is NaN or infinite; details.field names the list and index.',
  },
  DEURO_EVALUATION_INVALID_PARAMETER: {
    status: 400,
    title: 'Invalid evaluation parameter',
    meaning: 'A DET plot option is out of range; details.field names it.',
  },
} as const satisfies Record<
  EvaluationErrorCode,
  { status: number; title: string; meaning: string }
>;

/** Structured fields of an {@link EvaluationError}. */
export interface EvaluationErrorDetails {
  /** The argument or option concerned (`targetScores[3]`, `range`). */
  readonly field?: string;
  /** The offending value, when small. */
  readonly value?: string | number;
}

/** Raised by the evaluation functions; message `CODE: detail`. */
export class EvaluationError extends CodedError<EvaluationErrorCode> {
  readonly details: EvaluationErrorDetails;

  constructor(code: EvaluationErrorCode, detail: string, details: EvaluationErrorDetails = {}) {
    super(code, detail);
    this.name = 'EvaluationError';
    this.details = details;
  }
}

/** True when `error` is an {@link EvaluationError}, optionally with the given code. */
export function isEvaluationError(
  error: unknown,
  code?: EvaluationErrorCode,
): error is EvaluationError {
  return error instanceof EvaluationError && (code === undefined || error.code === code);
}

/** Throws unless `scores` is non-empty and every score is finite. */
export function checkScores(scores: readonly number[], field: string): void {
  if (scores.length === 0) {
    throw new EvaluationError(EvaluationErrorCode.noScores, `${field} is empty`, { field });
  }
  scores.forEach((score, index) => {
    if (!Number.isFinite(score)) {
      throw new EvaluationError(
        EvaluationErrorCode.invalidScore,
        `${field}[${String(index)}] must be a finite number (got ${String(score)})`,
        { field: `${field}[${String(index)}]`, value: String(score) },
      );
    }
  });
}
