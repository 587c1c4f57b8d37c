import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';

import { trainCosineBackend } from './cosine-backend.js';
import { newDiagonalGmm } from './diagonal-gmm.js';
import { IvectorErrorCode, isIvectorError } from './errors.js';
import { newIvectorModel } from './ivector-model.js';
import {
  joinIvectorModel,
  loadIvectorModel,
  readIvectorModel,
  readIvectors,
  splitIvectorModel,
  writeIvectorModel,
  writeIvectors,
} from './model-format.js';
import { namedNormals } from './normal-draws.js';
import { readNpz, writeNpz } from './npz-archive.js';
import { REFERENCE_PYTHON, requireSklearn } from './reference-gmm.js';
import { newTotalVariability } from './total-variability.js';

const C = 3;
const D = 2;
const R = 4;

function smallModel(): ReturnType<typeof newIvectorModel> {
  const ubm = newDiagonalGmm(
    Float64Array.from([0.2, 0.3, 0.5]),
    namedNormals('fmt-means', C * D),
    namedNormals('fmt-var', C * D).map((x) => 1 + x * x),
  );
  const tv = newTotalVariability(C, D, R, namedNormals('fmt-t', C * D * R));
  const vectors = Array.from({ length: 12 }, (_, i) =>
    namedNormals(`fmt-w-${String(i)}`, R).map((x, j) => x + (j === i % 3 ? 3 : 0)),
  );
  const backend = trainCosineBackend(
    vectors,
    vectors.map((_, i) => `s${String(i % 3)}`),
  );
  return newIvectorModel({ features: { energyRangeDb: 35 }, ubm, tv, backend });
}

describe('i-vector model format', () => {
  const model = smallModel();
  const bytes = writeIvectorModel(model);

  it('round-trips every parameter exactly and writes the same bytes again', () => {
    const read = readIvectorModel(bytes);
    assert.deepEqual(read.ubm.means, model.ubm.means);
    assert.deepEqual(read.ubm.variances, model.ubm.variances);
    assert.deepEqual(read.tv.matrix, model.tv.matrix);
    assert.deepEqual(read.backend?.projection, model.backend?.projection);
    assert.equal(read.features.energyRangeDb, 35);
    assert.deepEqual(writeIvectorModel(read), bytes);
  });

  it('is an .npz archive numpy.load reads', async () => {
    requireSklearn();
    const directory = await mkdtemp(join(tmpdir(), 'deuro-ivector-fmt-'));
    try {
      const path = join(directory, 'model.npz');
      await writeFile(path, bytes);
      const script = [
        'import json, sys, numpy as np',
        'z = np.load(sys.argv[1])',
        'print(json.dumps({"files": sorted(z.files), "tv": list(z["tv"].shape), "w0": float(z["ubm_weights"][0])}))',
      ].join('\n');
      const { stdout } = await promisify(execFile)(REFERENCE_PYTHON, ['-c', script, path]);
      const parsed = JSON.parse(stdout) as { files: string[]; tv: number[]; w0: number };
      assert.deepEqual(parsed.tv, [C * D, R]);
      assert.equal(parsed.w0, 0.2);
      assert.ok(parsed.files.includes('backend_wccn'));
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('names the member that is missing, corrupt or compressed', () => {
    const members = readNpz(bytes);
    members.delete('tv.npy');
    assert.throws(
      () => readIvectorModel(writeNpz(members)),
      (error: unknown) =>
        isIvectorError(error, IvectorErrorCode.malformedModel) && error.details.field === 'tv.npy',
    );
    const corrupt = Uint8Array.from(bytes);
    corrupt[200] = (corrupt[200] ?? 0) ^ 0xff;
    assert.throws(
      () => readIvectorModel(corrupt),
      (error: unknown) => isIvectorError(error, IvectorErrorCode.malformedModel),
    );
    assert.throws(
      () => readIvectorModel(new Uint8Array(10)),
      (error: unknown) => isIvectorError(error, IvectorErrorCode.malformedModel),
    );
  });

  it('loads a model file and names a missing one', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'deuro-ivector-load-'));
    try {
      const path = join(directory, 'model.npz');
      await writeFile(path, bytes);
      assert.deepEqual((await loadIvectorModel(path)).tv.matrix, model.tv.matrix);
      await assert.rejects(loadIvectorModel(join(directory, 'absent.npz')), (error: unknown) =>
        isIvectorError(error, IvectorErrorCode.modelMissing),
      );
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('stores i-vectors as a float32 feature-set .npy', () => {
    const vectors = [Float64Array.from([1, 2.5, -3, 0.125]), Float64Array.from([0, 0, 1, 2])];
    assert.deepEqual(readIvectors(writeIvectors(vectors)), vectors);
    assert.throws(
      () => writeIvectors([new Float64Array(2), new Float64Array(3)]),
      (error: unknown) => isIvectorError(error, IvectorErrorCode.dimensionMismatch),
    );
  });

  it('splits into a UBM file and a T file that join back to the same model', () => {
    const parts = splitIvectorModel(model);
    assert.deepEqual([...readNpz(parts.ubm).keys()].sort(), [
      'model.json',
      'ubm_means.npy',
      'ubm_variances.npy',
      'ubm_weights.npy',
    ]);
    assert.ok(!readNpz(parts.totalVariability).has('ubm_means.npy'));
    assert.deepEqual(writeIvectorModel(joinIvectorModel(parts.ubm, parts.totalVariability)), bytes);
    assert.deepEqual(splitIvectorModel(readIvectorModel(bytes)), parts);
  });

  it('refuses a T joined to another UBM, swapped parts and a whole model as a part', () => {
    const parts = splitIvectorModel(model);
    const other = splitIvectorModel(
      newIvectorModel({
        ubm: newDiagonalGmm(
          Float64Array.from([0.5, 0.25, 0.25]),
          model.ubm.means,
          model.ubm.variances,
        ),
        tv: model.tv,
      }),
    );
    const refused = (run: () => unknown, detail: RegExp): void => {
      assert.throws(run, (error: unknown) => {
        assert.ok(isIvectorError(error, IvectorErrorCode.malformedModel));
        assert.match(error.message, detail);
        return true;
      });
    };
    refused(() => joinIvectorModel(other.ubm, parts.totalVariability), /another UBM/);
    refused(() => joinIvectorModel(parts.totalVariability, parts.ubm), /expected the ubm part/);
    refused(() => joinIvectorModel(bytes, parts.totalVariability), /a whole model, expected/);
    refused(() => readIvectorModel(parts.ubm), /expected a whole model/);
  });
});
