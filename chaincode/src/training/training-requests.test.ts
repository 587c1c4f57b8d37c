import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { isDeuroError } from '../ledger/errors';
import { parseCreateTaskRequest, parseTrialResult } from './training-requests';

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

describe('training task requests', () => {
  const request = {
    id: 'task-1',
    modelName: 'digits',
    datasets: ['digits-train'],
    searchSpace: { parameters: { lr: { type: 'uniform', low: 0, high: 1 } } },
    trials: 4,
  };

  it('records the search version, 1 when none is given (tasks of earlier gateways)', () => {
    assert.equal(parseCreateTaskRequest(JSON.stringify(request)).searchVersion, 1);
    const v2 = parseCreateTaskRequest(JSON.stringify({ ...request, searchVersion: 2 }));
    assert.equal(v2.searchVersion, 2);
  });

  it('refuses a search version that is not a whole number from 1, naming the field', () => {
    for (const searchVersion of [0, 1.5, '2', -1]) {
      assert.throws(
        () => parseCreateTaskRequest(JSON.stringify({ ...request, searchVersion })),
        (error: unknown) =>
          isDeuroError(error, 'DEURO_INVALID_ARGUMENT') &&
          /request\.searchVersion/.test(error.message),
      );
    }
  });
});
