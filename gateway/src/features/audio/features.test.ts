import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { batchCmn, newLiveCmn } from './cepstral-mean-normalization.js';
import {
  applyLifter,
  cepstra,
  cepstralTables,
  inverseCepstra,
  lifterWeights,
  removeLifter,
} from './cepstral-transforms.js';
import { regressionDeltas, sphinxDeltas } from './deltas.js';
import { AudioErrorCode, isAudioError } from './errors.js';
import { newFeatureMatrix } from './feature-matrix.js';
import { featuresToJson } from './json-format.js';
import { readNpy, writeNpy } from './npy-format.js';
import { readSphinxMfc, writeSphinxMfc } from './sphinx-mfc-format.js';

const LOG_MEL = Float64Array.from({ length: 40 }, (_, j) => 10 + Math.sin(j / 3) * 4 - j / 10);

describe('cepstral transforms', () => {
  for (const transform of ['legacy', 'dct', 'htk', 'dct-unnormalized'] as const) {
    it(`inverts ${transform} when all cepstra are kept`, () => {
      const tables = cepstralTables(40, 40);
      const cep = new Float32Array(40);
      cepstra(transform, tables, LOG_MEL, cep);
      const back = new Float64Array(40);
      inverseCepstra(transform, tables, cep, back);
      back.forEach((x, j) => {
        assert.ok(Math.abs(x - (LOG_MEL[j] ?? 0)) < 1e-4, `${transform} bin ${String(j)}`);
      });
    });
  }

  it('orthogonal DCT-II keeps the energy', () => {
    const cep = new Float32Array(40);
    cepstra('dct', cepstralTables(40, 40), LOG_MEL, cep);
    const energy = (x: ArrayLike<number>): number => Array.from(x).reduce((s, v) => s + v * v, 0);
    assert.ok(Math.abs(energy(cep) / energy(LOG_MEL) - 1) < 1e-6);
  });

  it('legacy c0 is the mean with the first filter at half weight', () => {
    const cep = new Float32Array(13);
    cepstra('legacy', cepstralTables(40, 13), LOG_MEL, cep);
    const expected = (Array.from(LOG_MEL).reduce((s, v) => s + v, 0) - (LOG_MEL[0] ?? 0) / 2) / 40;
    assert.ok(Math.abs((cep[0] ?? 0) - expected) < 1e-5);
  });

  it('lifters as Sphinx: 1 + floor(L/2) sin(pi i / L)', () => {
    const w = lifterWeights(22, 13);
    assert.equal(w[0], 1);
    assert.equal(w[11], Math.fround(1 + 11 * Math.sin((11 * Math.PI) / 22)));
    assert.equal(lifterWeights(23, 13)[1], Math.fround(1 + 11 * Math.sin(Math.PI / 23)));
    const cep = Float32Array.from([1, 2, 3]);
    applyLifter(cep, lifterWeights(22, 3));
    removeLifter(cep, lifterWeights(22, 3));
    cep.forEach((x, i) => {
      assert.ok(Math.abs(x - (i + 1)) < 1e-6);
    });
  });
});

describe('deltas', () => {
  const ramp = newFeatureMatrix(
    Float32Array.from({ length: 10 }, (_, t) => t * t),
    1,
  );

  it('Sphinx 1s_c_d_dd windows with repeated edges', () => {
    const f = sphinxDeltas(ramp);
    assert.equal(f.dimension, 3);
    // t = 5: c = 25, d = c7 - c3 = 40, dd = (c8 - c4) - (c6 - c2) = 48 - 32 = 16.
    assert.deepEqual(Array.from(f.data.subarray(15, 18)), [25, 40, 16]);
    // t = 0: c(-2) = c(0), so d = c2 - c0 = 4.
    assert.equal(f.data[1], 4);
  });

  it('HTK regression form', () => {
    const f = regressionDeltas(ramp);
    // For c = t^2 away from the edges, delta = 2t (K = 2) and delta-delta = 2.
    assert.ok(Math.abs((f.data[5 * 3 + 1] ?? 0) - 10) < 1e-6);
    assert.ok(Math.abs((f.data[5 * 3 + 2] ?? 0) - 2) < 1e-6);
  });
});

describe('cepstral mean normalisation', () => {
  const m = newFeatureMatrix(Float32Array.from([1, 10, 3, 20, 5, 30]), 2);

  it('batch removes the utterance mean', () => {
    assert.deepEqual(Array.from(batchCmn(m).data), [-2, -10, 0, 0, 2, 10]);
    const v = batchCmn(m, { varianceNormalization: true });
    assert.ok(Math.abs((v.data[0] ?? 0) + Math.sqrt(1.5)) < 1e-6);
  });

  it('live subtracts the running estimate and updates it per utterance', () => {
    const live = newLiveCmn(2, [8, 0]);
    const frames = [Float32Array.from([10, 1]), Float32Array.from([-1, 5])];
    live.apply(frames);
    assert.deepEqual(Array.from(frames[0] ?? []), [2, 1]);
    assert.deepEqual(Array.from(frames[1] ?? []), [-1, 5], 'frames with c0 < 0 are left alone');
    live.update();
    assert.ok(Math.abs((live.mean[0] ?? 0) - (8 * 500 + 10) / 501) < 1e-9);
  });
});

describe('feature file formats', () => {
  const m = newFeatureMatrix(
    Float32Array.from({ length: 26 }, (_, i) => i / 3 - 4),
    13,
  );

  it('Sphinx .mfc round trips in both byte orders and detects the order', () => {
    for (const order of ['little', 'big'] as const) {
      const file = readSphinxMfc(writeSphinxMfc(m, order));
      assert.equal(file.byteOrder, order);
      assert.deepEqual(file.features.data, m.data);
    }
    assert.throws(
      () => readSphinxMfc(writeSphinxMfc(m).subarray(0, 20)),
      (e: unknown) => isAudioError(e, AudioErrorCode.malformed),
    );
  });

  it('.npy round trips with a 64-byte aligned v1.0 header', () => {
    const bytes = writeNpy(m);
    assert.equal((10 + new DataView(bytes.buffer).getUint16(8, true)) % 64, 0);
    assert.deepEqual(readNpy(bytes), m);
  });

  it('JSON only for small outputs', () => {
    assert.equal(featuresToJson(m).frames.length, 2);
    assert.throws(
      () => featuresToJson(m, 10),
      (e: unknown) => isAudioError(e, AudioErrorCode.invalidParameter),
    );
  });
});
