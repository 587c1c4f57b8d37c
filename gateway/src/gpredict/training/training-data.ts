/*
 * The samples a trial trains and is tested on, validated before any work: sizes consistent,
 * features finite, labels within the classes, train and test of the same shape.
 */
import type { LabelledSamples } from '../datasets/index.js';
import { TrainingError } from './training-error.js';

/** What {@link trainModel} trains on, and optionally tests on after each epoch. */
export interface TrainingData {
  readonly train: LabelledSamples;
  readonly test?: LabelledSamples;
}

/**
 * Throws unless `data` is consistent.
 * @throws TrainingError `DEURO_TRAINING_INVALID_DATA` naming the first offending field.
 */
export function checkTrainingData(data: TrainingData): void {
  checkSamples(data.train, 'data.train');
  const { test } = data;
  if (test !== undefined) {
    checkSamples(test, 'data.test');
    if (
      test.featureCount !== data.train.featureCount ||
      test.classCount !== data.train.classCount
    ) {
      throw invalid(
        'data.test',
        'test samples must have the feature and class counts of the training samples',
      );
    }
  }
}

/**
 * Throws unless `samples` are consistent; `field` names them in the error.
 * @throws TrainingError `DEURO_TRAINING_INVALID_DATA`.
 */
export function checkSamples(samples: LabelledSamples, field: string): void {
  const { count, featureCount, classCount } = samples;
  checkCount(count, `${field}.count`, 1, Number.MAX_SAFE_INTEGER);
  checkCount(featureCount, `${field}.featureCount`, 1, 65536);
  checkCount(classCount, `${field}.classCount`, 2, 256);
  if (samples.features.length !== count * featureCount) {
    throw invalid(`${field}.features`, `${field}.features must hold count * featureCount numbers`);
  }
  if (samples.labels.length !== count) {
    throw invalid(`${field}.labels`, `${field}.labels must hold count labels`);
  }
  const badFeature = samples.features.findIndex((value) => !Number.isFinite(value));
  if (badFeature >= 0) {
    throw invalid(
      `${field}.features[${String(badFeature)}]`,
      `${field}.features[${String(badFeature)}] is not finite`,
    );
  }
  const badLabel = samples.labels.findIndex((label) => label >= classCount);
  if (badLabel >= 0) {
    throw invalid(
      `${field}.labels[${String(badLabel)}]`,
      `${field}.labels[${String(badLabel)}] is not a class below ${String(classCount)}`,
    );
  }
}

function checkCount(value: number, field: string, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalid(field, `${field} must be an integer from ${String(min)} to ${String(max)}`);
  }
}

function invalid(field: string, detail: string): TrainingError {
  return new TrainingError('DEURO_TRAINING_INVALID_DATA', detail, field);
}
