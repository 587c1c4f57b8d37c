import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { isImageError } from './errors.js';
import { decodeRuns, encodeRuns } from './run-length.js';

describe('run-length masks', () => {
  it('alternates gaps and lengths over the row-major mask', () => {
    const mask = Uint8Array.of(0, 1, 1, 0, 0, 1, 0, 0, 1, 1);
    assert.deepEqual(encodeRuns(mask), { count: 5, runs: [1, 2, 2, 1, 2, 2] });
    assert.deepEqual(encodeRuns(new Uint8Array(4)), { count: 0, runs: [] });
    assert.deepEqual(encodeRuns(Uint8Array.of(1, 1)), { count: 2, runs: [0, 2] });
  });

  it('decodes what it encodes', () => {
    const mask = Uint8Array.from({ length: 1000 }, (_, i) => ((i * 7919) % 13 < 4 ? 1 : 0));
    const { runs } = encodeRuns(mask);
    assert.deepEqual(decodeRuns(runs, mask.length), mask);
  });

  it('refuses runs that are not gap/length pairs within the image', () => {
    for (const runs of [[1], [0, 0], [-1, 2], [0, 1.5], [3, 2]]) {
      assert.throws(
        () => decodeRuns(runs, 4),
        (error: unknown) =>
          isImageError(error, 'DEURO_IMAGE_INVALID_PARAMETER') && error.field === 'runs',
        JSON.stringify(runs),
      );
    }
  });
});
