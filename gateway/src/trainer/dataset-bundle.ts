/*
 * A data set as one file, so it can be an asset like any other: encrypted, stored off chain,
 * shared with the workers' organizations, downloaded and decrypted by each worker. The bundle is
 * JSON holding the digits export (gateway/src/gpredict/datasets: its manifest, and the images and
 * labels in base64); a worker writes the three files to a private temporary folder and reads them
 * with the same checks as the cache (`readDigits`: sizes, values, SHA-256).
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DIGITS_FORMAT, readDigits, type DigitsDataset } from '../gpredict/datasets/index';

const BUNDLE_FORMAT = 'deuro-dataset-bundle/1';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The digits moved `by` pixels to the right (a column of zeros enters on the left). */
export function shiftDigitsRight(digits: DigitsDataset, by: number): DigitsDataset {
  const images = new Uint8Array(digits.images.length);
  const { width, height } = digits;
  for (let image = 0; image < digits.count; image++) {
    for (let row = 0; row < height; row++) {
      for (let column = by; column < width; column++) {
        const at = (image * height + row) * width;
        images[at + column] = digits.images[at + column - by] ?? 0;
      }
    }
  }
  return { ...digits, images, sha256: { images: sha256(images), labels: digits.sha256.labels } };
}

/** The bundle of a digits data set. */
export function digitsBundle(digits: DigitsDataset, source: string): Uint8Array {
  const manifest = {
    format: DIGITS_FORMAT,
    count: digits.count,
    width: digits.width,
    height: digits.height,
    maxValue: digits.maxValue,
    classCount: digits.classCount,
    source,
    images: { file: 'images.u8', sha256: sha256(digits.images) },
    labels: { file: 'labels.u8', sha256: sha256(digits.labels) },
  };
  return Buffer.from(
    JSON.stringify({
      format: BUNDLE_FORMAT,
      manifest,
      images: Buffer.from(digits.images).toString('base64'),
      labels: Buffer.from(digits.labels).toString('base64'),
    }),
    'utf8',
  );
}

/**
 * Read a bundle.
 * @throws Error when it is not a bundle; DatasetError from `readDigits` when its content fails the
 * checks.
 */
export async function readDigitsBundle(bytes: Uint8Array): Promise<DigitsDataset> {
  const bundle = JSON.parse(Buffer.from(bytes).toString('utf8')) as {
    format?: unknown;
    manifest?: unknown;
    images?: unknown;
    labels?: unknown;
  };
  if (
    bundle.format !== BUNDLE_FORMAT ||
    typeof bundle.images !== 'string' ||
    typeof bundle.labels !== 'string'
  ) {
    throw new Error(`the data set is not a ${BUNDLE_FORMAT} file`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'deuro-dataset-'));
  try {
    await writeFile(join(dir, 'digits.json'), JSON.stringify(bundle.manifest));
    await writeFile(join(dir, 'images.u8'), Buffer.from(bundle.images, 'base64'));
    await writeFile(join(dir, 'labels.u8'), Buffer.from(bundle.labels, 'base64'));
    return await readDigits(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
