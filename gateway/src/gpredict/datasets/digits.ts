/*
 * The handwritten digits bundled with scikit-learn (`sklearn.datasets.load_digits`: 1797 8x8
 * images of 0-9, pixel values 0-16), as exported by scripts/reference/gpredict-export-digits.py:
 * reading and checking the export, and the deterministic train/test split every trial uses.
 *
 * The split needs no random numbers: sample i (in sklearn's order) is a test sample when
 * i mod 5 = 4, so 359 samples test and 1438 train, every writer block contributing to both.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { DatasetError } from './dataset-error.js';
import type { LabelledSamples } from './labelled-samples.js';

/** The export format this loader reads. */
export const DIGITS_FORMAT = 'deuro-digits/1';

/**
 * SHA-256 of the images and labels exported from scikit-learn 1.2.1 (Debian bookworm): the
 * data every figure in docs/gpredict-training.md was measured on.
 */
export const DIGITS_SHA256 = Object.freeze({
  images: '8f26b2bd9d135c256808f68f14fdabddde6d9c7f869ae419704b051f0f14b3b3',
  labels: '8ba4f891220f5e4c9c819638d1602d74b83618f167043c6da52a2a247841ddf0',
});

/** The digits as exported. */
export interface DigitsDataset {
  readonly count: number;
  readonly width: number;
  readonly height: number;
  /** The largest pixel value (16). */
  readonly maxValue: number;
  readonly classCount: number;
  /** count * height * width pixels, image after image, each row-major. */
  readonly images: Uint8Array;
  /** The digit of each image. */
  readonly labels: Uint8Array;
  /** SHA-256 (hex) of the images and labels files. */
  readonly sha256: { readonly images: string; readonly labels: string };
}

/** Options of {@link splitDigits}. */
export interface DigitsSplitOptions {
  /** Every `testEvery`-th sample (index mod testEvery = testEvery - 1) is a test sample. Default 5. */
  readonly testEvery?: number;
}

/** A train/test split. */
export interface DigitsSplit {
  readonly train: LabelledSamples;
  readonly test: LabelledSamples;
}

interface FileEntry {
  readonly file: string;
  readonly sha256: string;
}

/**
 * Read and check the export in `directory` (digits.json, images.u8, labels.u8).
 * @throws DatasetError `DEURO_DATASET_MALFORMED` naming the file or field when a file is
 * missing, a field is wrong, a size or value is out of range, or a hash does not match.
 */
export async function readDigits(directory: string): Promise<DigitsDataset> {
  const manifest = await readManifest(directory);
  const count = positiveInteger(manifest, 'count');
  const width = positiveInteger(manifest, 'width');
  const height = positiveInteger(manifest, 'height');
  const maxValue = positiveInteger(manifest, 'maxValue');
  const classCount = positiveInteger(manifest, 'classCount');
  if (manifest.format !== DIGITS_FORMAT || classCount > 256 || maxValue > 255) {
    throw malformed(`digits.json is not a ${DIGITS_FORMAT} manifest`, 'digits.json');
  }
  const images = await readChecked(
    directory,
    fileEntry(manifest, 'images'),
    count * width * height,
  );
  const labels = await readChecked(directory, fileEntry(manifest, 'labels'), count);
  const badPixel = images.findIndex((value) => value > maxValue);
  if (badPixel >= 0) {
    throw malformed(
      `images.u8 byte ${String(badPixel)} exceeds maxValue ${String(maxValue)}`,
      'images',
    );
  }
  const badLabel = labels.findIndex((value) => value >= classCount);
  if (badLabel >= 0) {
    throw malformed(
      `labels.u8 byte ${String(badLabel)} is not a class below ${String(classCount)}`,
      'labels',
    );
  }
  return {
    count,
    width,
    height,
    maxValue,
    classCount,
    images,
    labels,
    sha256: {
      images: fileEntry(manifest, 'images').sha256,
      labels: fileEntry(manifest, 'labels').sha256,
    },
  };
}

/**
 * The digits as labelled samples: features are pixel / maxValue (exact for 16), in [0, 1].
 * @param indices - The samples to take, in order; all by default.
 */
export function digitsSamples(digits: DigitsDataset, indices?: readonly number[]): LabelledSamples {
  const chosen = indices ?? Array.from({ length: digits.count }, (_, index) => index);
  const featureCount = digits.width * digits.height;
  const features = new Float64Array(chosen.length * featureCount);
  const labels = new Uint8Array(chosen.length);
  chosen.forEach((index, position) => {
    if (!Number.isInteger(index) || index < 0 || index >= digits.count) {
      throw new DatasetError(
        'DEURO_DATASET_INVALID_ARGUMENT',
        `indices[${String(position)}] = ${String(index)} is not a digit index`,
        `indices[${String(position)}]`,
      );
    }
    for (let pixel = 0; pixel < featureCount; pixel += 1) {
      features[position * featureCount + pixel] =
        (digits.images[index * featureCount + pixel] ?? 0) / digits.maxValue;
    }
    labels[position] = digits.labels[index] ?? 0;
  });
  return { count: chosen.length, featureCount, classCount: digits.classCount, features, labels };
}

/**
 * The deterministic split: sample i is a test sample when i mod testEvery = testEvery - 1
 * (default 5: 1438 train, 359 test).
 * @throws DatasetError `DEURO_DATASET_INVALID_ARGUMENT` naming `testEvery` unless it is an
 * integer from 2 to the sample count.
 */
export function splitDigits(digits: DigitsDataset, options: DigitsSplitOptions = {}): DigitsSplit {
  const testEvery = options.testEvery ?? 5;
  if (!Number.isInteger(testEvery) || testEvery < 2 || testEvery > digits.count) {
    throw new DatasetError(
      'DEURO_DATASET_INVALID_ARGUMENT',
      `testEvery must be an integer from 2 to ${String(digits.count)}, got ${String(testEvery)}`,
      'testEvery',
    );
  }
  const train: number[] = [];
  const test: number[] = [];
  for (let index = 0; index < digits.count; index += 1) {
    (index % testEvery === testEvery - 1 ? test : train).push(index);
  }
  return { train: digitsSamples(digits, train), test: digitsSamples(digits, test) };
}

async function readManifest(directory: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(join(directory, 'digits.json'), 'utf8');
  } catch (error) {
    throw new DatasetError(
      'DEURO_DATASET_MALFORMED',
      `cannot read digits.json in ${directory}`,
      'digits.json',
      error,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new DatasetError(
      'DEURO_DATASET_MALFORMED',
      'digits.json is not JSON',
      'digits.json',
      error,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw malformed('digits.json is not an object', 'digits.json');
  }
  return parsed as Record<string, unknown>;
}

function positiveInteger(manifest: Record<string, unknown>, field: string): number {
  const value = manifest[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw malformed(`digits.json ${field} must be a positive integer`, field);
  }
  return value;
}

function fileEntry(manifest: Record<string, unknown>, field: string): FileEntry {
  const value = manifest[field] as { file?: unknown; sha256?: unknown } | undefined;
  if (
    typeof value?.file !== 'string' ||
    typeof value.sha256 !== 'string' ||
    !/^[0-9a-f]{64}$/.test(value.sha256) ||
    value.file.includes('/') ||
    value.file.includes('\\')
  ) {
    throw malformed(`digits.json ${field} must be {file, sha256} with a plain file name`, field);
  }
  return { file: value.file, sha256: value.sha256 };
}

async function readChecked(directory: string, entry: FileEntry, size: number): Promise<Uint8Array> {
  let bytes: Buffer;
  try {
    bytes = await readFile(join(directory, entry.file));
  } catch (error) {
    throw new DatasetError(
      'DEURO_DATASET_MALFORMED',
      `cannot read ${entry.file}`,
      entry.file,
      error,
    );
  }
  if (bytes.length !== size) {
    throw malformed(
      `${entry.file} has ${String(bytes.length)} bytes, expected ${String(size)}`,
      entry.file,
    );
  }
  if (createHash('sha256').update(bytes).digest('hex') !== entry.sha256) {
    throw malformed(`${entry.file} does not match its SHA-256 in digits.json`, entry.file);
  }
  return new Uint8Array(bytes);
}

function malformed(detail: string, field: string): DatasetError {
  return new DatasetError('DEURO_DATASET_MALFORMED', detail, field);
}
