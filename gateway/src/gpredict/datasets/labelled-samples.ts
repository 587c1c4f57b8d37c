/*
 * The form in which a trainer receives a classification data set: real feature vectors,
 * row-major, and class indices. Features are reals, not words: each trainer converts them to
 * its own number representation (a fixed-point format, float32).
 */
import { DatasetError } from './dataset-error.js';

/** Labelled feature vectors. */
export interface LabelledSamples {
  /** Number of samples. */
  readonly count: number;
  /** Features per sample. */
  readonly featureCount: number;
  /** Number of classes; labels are 0 to classCount - 1. */
  readonly classCount: number;
  /** count * featureCount reals, sample after sample. */
  readonly features: Float64Array;
  /** The class of each sample. */
  readonly labels: Uint8Array;
}

/**
 * The samples at `indices`, in that order.
 * @throws DatasetError `DEURO_DATASET_INVALID_ARGUMENT` naming the first index out of range.
 */
export function selectSamples(
  samples: LabelledSamples,
  indices: readonly number[],
): LabelledSamples {
  const { featureCount } = samples;
  const features = new Float64Array(indices.length * featureCount);
  const labels = new Uint8Array(indices.length);
  indices.forEach((index, position) => {
    if (!Number.isInteger(index) || index < 0 || index >= samples.count) {
      throw new DatasetError(
        'DEURO_DATASET_INVALID_ARGUMENT',
        `indices[${String(position)}] = ${String(index)} is not a sample index (0 to ${String(samples.count - 1)})`,
        `indices[${String(position)}]`,
      );
    }
    features.set(
      samples.features.subarray(index * featureCount, (index + 1) * featureCount),
      position * featureCount,
    );
    labels[position] = samples.labels[index] ?? 0;
  });
  return { count: indices.length, featureCount, classCount: samples.classCount, features, labels };
}

/** The indices of the samples whose label satisfies `keep`, in order. */
export function indicesWhere(
  samples: LabelledSamples,
  keep: (label: number, index: number) => boolean,
): number[] {
  const indices: number[] = [];
  samples.labels.forEach((label, index) => {
    if (keep(label, index)) {
      indices.push(index);
    }
  });
  return indices;
}
