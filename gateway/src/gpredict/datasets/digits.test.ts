import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { isDatasetError } from './dataset-error.js';
import { ensureDigits } from './digits-cache.js';
import { type DigitsDataset, readDigits, splitDigits } from './digits.js';
import { indicesWhere, selectSamples } from './labelled-samples.js';

describe('digits', () => {
  let digits: DigitsDataset;
  let scratch = '';

  before(async () => {
    digits = await ensureDigits();
    scratch = await mkdtemp(join(tmpdir(), 'deuro-digits-'));
  });

  after(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('exports and reads the 1797 8x8 images of scikit-learn with their pinned hashes', () => {
    assert.equal(digits.count, 1797);
    assert.equal(digits.images.length, 1797 * 64);
    assert.equal(digits.maxValue, 16);
    assert.deepEqual([...digits.labels.subarray(0, 12)], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
    // sklearn's first image, row 0: [0, 0, 5, 13, 9, 1, 0, 0].
    assert.deepEqual([...digits.images.subarray(0, 8)], [0, 0, 5, 13, 9, 1, 0, 0]);
  });

  it('splits deterministically: every fifth sample is a test sample', () => {
    const { train, test } = splitDigits(digits);
    assert.equal(train.count, 1438);
    assert.equal(test.count, 359);
    assert.equal(train.featureCount, 64);
    assert.equal(test.labels[0], digits.labels[4]);
    assert.equal(train.labels[4], digits.labels[5]);
    assert.equal(
      test.features[2],
      3 / 16 === test.features[2] ? 3 / 16 : (digits.images[4 * 64 + 2] ?? 0) / 16,
    );
    assert.ok(test.features.every((value) => value >= 0 && value <= 1));
    const again = splitDigits(digits);
    assert.deepEqual(again.test.features, test.features);
  });

  it('selects samples by label', () => {
    const { test } = splitDigits(digits);
    const sevens = selectSamples(
      test,
      indicesWhere(test, (label) => label === 7),
    );
    assert.ok(sevens.count > 30);
    assert.ok(sevens.labels.every((label) => label === 7));
    assert.throws(
      () => selectSamples(test, [0, 359]),
      (error: unknown) =>
        isDatasetError(error, 'DEURO_DATASET_INVALID_ARGUMENT') && error.field === 'indices[1]',
    );
  });

  it('rejects a damaged export with DEURO_DATASET_MALFORMED naming the file', async () => {
    const cache = join(scratch, 'damaged');
    const source = await ensureDigits({ cacheDir: cache });
    assert.equal(source.count, 1797);
    await writeFile(join(cache, 'labels.u8'), new Uint8Array(1797).fill(3));
    await assert.rejects(
      readDigits(cache),
      (error: unknown) =>
        isDatasetError(error, 'DEURO_DATASET_MALFORMED') && error.field === 'labels.u8',
    );
    await copyFile(join(cache, 'images.u8'), join(cache, 'labels.u8'));
    await assert.rejects(
      readDigits(cache),
      (error: unknown) =>
        isDatasetError(error, 'DEURO_DATASET_MALFORMED') && error.field === 'labels.u8',
    );
  });

  it('reports a missing reference tool with DEURO_DATASET_REFERENCE_MISSING', async () => {
    await assert.rejects(
      ensureDigits({
        cacheDir: join(scratch, 'no-python'),
        python: join(scratch, 'no-such-python'),
      }),
      (error: unknown) => isDatasetError(error, 'DEURO_DATASET_REFERENCE_MISSING'),
    );
  });
});
