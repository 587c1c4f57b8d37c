import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { isDeuroError } from '../ledger/errors';
import { parseTrialResult } from './training-requests';

const result = {
  configuration: { model: 'softmax' },
  accuracyBasisPoints: 9_000,
  correct: 9,
  count: 10,
  lossRaw: 77,
  weightsSha256: 'a'.repeat(64),
  checkpointSha256: 'b'.repeat(64),
  modelAssetId: 'model-task-1-0',
};

describe('trial results', () => {
  it('takes an optional ONNX export, both its hash and its asset', () => {
    assert.equal(parseTrialResult(JSON.stringify(result)).onnx, null);
    const onnx = { sha256: 'c'.repeat(64), assetId: 'onnx-task-1-0' };
    assert.deepEqual(parseTrialResult(JSON.stringify({ ...result, onnx })).onnx, onnx);
  });

  it('refuses an ONNX export without its asset or with a bad hash, naming the field', () => {
    for (const onnx of [{ sha256: 'c'.repeat(64) }, { sha256: 'C', assetId: 'x' }, 'yes']) {
      assert.throws(
        () => parseTrialResult(JSON.stringify({ ...result, onnx })),
        (error: unknown) =>
          isDeuroError(error, 'DEURO_INVALID_ARGUMENT') && /result\.onnx/.test(error.message),
      );
    }
  });
});
