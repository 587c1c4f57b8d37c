/*
 * The catalogue of training error codes and the one error class the trainer throws. Every
 * configuration error names its field (`learningRate`, `formats.gradients.fb`, `hiddenSizes[1]`),
 * so a caller shows the user what to fix without parsing English.
 */
import { CodedError } from '../../errors/coded-error.js';

/**
 * Every code a {@link TrainingError} may carry, with the HTTP status and problem+json title it
 * maps to and what it means.
 */
export const trainingErrorCatalogue = {
  DEURO_TRAINING_INVALID_CONFIG: {
    status: 400,
    title: 'Invalid training configuration',
    meaning: 'A hyper-parameter or option is missing, unknown or out of range; `field` names it.',
  },
  DEURO_TRAINING_INVALID_DATA: {
    status: 400,
    title: 'Invalid training data',
    meaning: 'The samples are inconsistent (sizes, non-finite features, labels out of range).',
  },
  DEURO_TRAINING_INCOMPATIBLE_WEIGHTS: {
    status: 422,
    title: 'Initial weights do not fit the model',
    meaning: 'initialWeights have another model kind or layer sizes than the configuration.',
  },
  DEURO_TRAINING_MALFORMED_CHECKPOINT: {
    status: 422,
    title: 'Malformed model checkpoint',
    meaning: 'Serialised weights or optimizer state are truncated, inconsistent or not words.',
  },
} as const satisfies Record<string, { status: number; title: string; meaning: string }>;

/** A stable training error code from {@link trainingErrorCatalogue}. */
export type TrainingErrorCode = keyof typeof trainingErrorCatalogue;

/** An error raised by the trainer; `field` names the option or input concerned. */
export class TrainingError extends CodedError<TrainingErrorCode> {
  /** The option or input concerned, such as `learningRate` or `data.train.labels[3]`. */
  readonly field: string | undefined;

  /**
   * @param code - A code from {@link trainingErrorCatalogue}.
   * @param detail - What is wrong, naming the field and the offending value.
   * @param field - The option or input concerned.
   * @param cause - The underlying error, if any.
   */
  constructor(code: TrainingErrorCode, detail: string, field?: string, cause?: unknown) {
    super(code, detail, cause);
    this.name = 'TrainingError';
    this.field = field;
  }
}

/**
 * Whether a value is a {@link TrainingError}, optionally with a given code.
 * @param value - Anything caught.
 * @param code - The code to match, if any.
 */
export function isTrainingError(value: unknown, code?: TrainingErrorCode): value is TrainingError {
  return value instanceof TrainingError && (code === undefined || value.code === code);
}
