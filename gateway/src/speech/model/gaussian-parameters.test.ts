/**
 * The model's `means` and `variances`: one codebook per CI phone, three 13-dimensional streams
 * of 128 Gaussians each; and their size checks, on copies with one count changed.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isSpeechError } from '../align/speech-error.js';
import { DEFAULT_MODEL_DIRECTORY } from './acoustic-model.js';
import { readGaussianParameters } from './gaussian-parameters.js';

function modelFile(name: string): { bytes: Uint8Array; payloadAt: number } {
  const file = readFileSync(join(DEFAULT_MODEL_DIRECTORY, name));
  return { bytes: new Uint8Array(file), payloadAt: file.indexOf('endhdr\n') + 'endhdr\n'.length };
}

const MEANS = modelFile('means');
const VARIANCES = modelFile('variances');

/** A copy of `means` with int32 `index` of the payload (0 = magic, 1 = n_mgau, ...) changed. */
function withInt32(index: number, value: number): Uint8Array {
  const copy = MEANS.bytes.slice();
  new DataView(copy.buffer).setInt32(MEANS.payloadAt + 4 * index, value, true);
  return copy;
}

function assertMalformed(bytes: Uint8Array): void {
  assert.throws(
    () => readGaussianParameters(bytes, 'means'),
    (e) => isSpeechError(e, 'DEURO_SPEECH_MODEL_MALFORMED') && e.details.field === 'means',
  );
}

describe('readGaussianParameters', () => {
  it('reads means and variances of 42 codebooks x 3 streams x 128 Gaussians x 13 dimensions', () => {
    const means = readGaussianParameters(MEANS.bytes, 'means');
    const variances = readGaussianParameters(VARIANCES.bytes, 'variances');
    for (const p of [means, variances]) {
      assert.equal(p.codebookCount, 42);
      assert.equal(p.streamCount, 3);
      assert.equal(p.densityCount, 128);
      assert.deepEqual(p.streamLengths, [13, 13, 13]);
      assert.equal(p.values.length, 42 * 3 * 128 * 13);
      assert.ok(p.values.every(Number.isFinite));
    }
    // 208 variances are exactly 0 and 14 more below the 1e-4 floor the scorer applies.
    assert.equal(variances.values.filter((v) => v < 0).length, 0);
    assert.equal(variances.values.filter((v) => v === 0).length, 208);
    assert.equal(variances.values.filter((v) => v < 1e-4).length, 222);
    // The mean c0 of the silence codebook (CI phone 32) lies below that of the vowel AA (2).
    const c0 = (codebook: number): number => {
      let sum = 0;
      for (let g = 0; g < 128; g++) sum += means.values[codebook * 128 * 39 + g * 13] ?? NaN;
      return sum / 128;
    };
    assert.ok(c0(32) < -10 && c0(2) > 10);
  });

  it('reads the first values where the layout puts them', () => {
    const means = readGaussianParameters(MEANS.bytes, 'means');
    const view = new DataView(MEANS.bytes.buffer);
    const first = MEANS.payloadAt + 4 * 8; // magic, 3 counts, 3 veclen, n
    assert.equal(means.values[0], view.getFloat32(first, true));
    assert.equal(means.values.at(-1), view.getFloat32(MEANS.bytes.length - 8, true));
  });

  it('rejects zero or huge counts and a value count that does not match them', () => {
    assertMalformed(withInt32(1, 0));
    assertMalformed(withInt32(2, -3));
    assertMalformed(withInt32(3, 1 << 30));
    assertMalformed(withInt32(4, 0)); // veclen 0
    assertMalformed(withInt32(4, 14)); // 14 + 13 + 13 dimensions
    assertMalformed(withInt32(7, 42 * 128 * 39 - 1));
  });

  it('rejects a truncated file and a wrong checksum', () => {
    assertMalformed(MEANS.bytes.subarray(0, MEANS.bytes.length - 1));
    assertMalformed(MEANS.bytes.subarray(0, MEANS.payloadAt + 20));
    const changed = MEANS.bytes.slice();
    changed[changed.length - 100] = (changed[changed.length - 100] ?? 0) ^ 0x10;
    assertMalformed(changed);
  });
});
