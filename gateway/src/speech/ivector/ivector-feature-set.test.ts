import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';

import { encodeWav } from '../../features/audio/index.js';

import { trainCosineBackend } from './cosine-backend.js';
import { newDiagonalGmm } from './diagonal-gmm.js';
import { IvectorErrorCode, isIvectorError } from './errors.js';
import {
  IVECTOR_EXTRACTOR_NAME,
  ivectorFeatureSet,
  registeredIvector,
  scoreRegisteredIvectors,
} from './ivector-feature-set.js';
import { newIvectorExtractor, newIvectorModel } from './ivector-model.js';
import { readIvectors } from './model-format.js';
import { namedNormals } from './normal-draws.js';
import { newTotalVariability } from './total-variability.js';

const C = 4;
const D = 39;
const R = 6;

function extractorWithBackend(): ReturnType<typeof newIvectorExtractor> {
  const ubm = newDiagonalGmm(
    Float64Array.from([0.1, 0.2, 0.3, 0.4]),
    namedNormals('fs-means', C * D),
    namedNormals('fs-var', C * D).map((x) => 1 + x * x),
  );
  const tv = newTotalVariability(
    C,
    D,
    R,
    namedNormals('fs-t', C * D * R).map((x) => x * 0.1),
  );
  const vectors = Array.from({ length: 12 }, (_, i) =>
    namedNormals(`fs-w-${String(i)}`, R).map((x, j) => x + (j === i % 3 ? 3 : 0)),
  );
  const backend = trainCosineBackend(
    vectors,
    vectors.map((_, i) => `s${String(i % 3)}`),
  );
  return newIvectorExtractor(newIvectorModel({ ubm, tv, backend }));
}

/** Two seconds of noise bursts with loud and quiet stretches, so some frames count as speech. */
function recording(name: string): Uint8Array {
  const noise = namedNormals(name, 32000);
  const samples = noise.map((x, i) => x * (Math.floor(i / 1600) % 2 === 0 ? 0.2 : 0.002));
  return encodeWav(samples, { sampleRate: 16000 });
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('i-vector feature sets', () => {
  const extractor = extractorWithBackend();
  const model = { id: 'spk', sha256: 'a'.repeat(64) };
  const wav = recording('fs-wav-1');
  const set = ivectorFeatureSet(extractor, model, wav);
  const asset = { id: 'iv-1', kind: 'feature-set', metadata: set.metadata };

  it('holds one i-vector in the back end scoring space, with metadata naming model and hashes', () => {
    const [vector] = readIvectors(set.bytes);
    assert.equal(readIvectors(set.bytes).length, 1);
    assert.equal(vector?.length, extractor.model.backend?.outputDimension);
    assert.equal(set.metadata.extractor, IVECTOR_EXTRACTOR_NAME);
    assert.equal(set.metadata.model, 'spk');
    assert.equal(set.metadata['model-sha256'], model.sha256);
    assert.equal(set.metadata['ivector-space'], 'lda-wccn');
    assert.equal(set.metadata['input-sha256'], sha256(wav));
    assert.equal(set.metadata['feature-sha256'], sha256(set.bytes));
    assert.equal(set.metadata.shape, `1x${String(vector?.length)}`);
    assert.deepEqual(ivectorFeatureSet(extractor, model, wav).bytes, set.bytes);
  });

  it('scores like the back end: 1 with itself, the cosine of the projected i-vectors otherwise', () => {
    const other = ivectorFeatureSet(extractor, model, recording('fs-wav-2'));
    const a = registeredIvector(asset, set.bytes, 'a');
    const b = registeredIvector(
      { id: 'iv-2', kind: 'feature-set', metadata: other.metadata },
      other.bytes,
      'b',
    );
    assert.ok(Math.abs(scoreRegisteredIvectors(a, a) - 1) < 1e-6);
    const score = scoreRegisteredIvectors(a, b);
    assert.ok(score > -1 && score < 1);
  });

  it('refuses bytes other than the registered ones, assets that are not i-vectors, and i-vectors of two models', () => {
    const refused = (run: () => unknown, code: IvectorErrorCode, field: string): void => {
      assert.throws(run, (error: unknown) => {
        assert.ok(isIvectorError(error, code), String(error));
        assert.equal(error.details.field, field);
        return true;
      });
    };
    const tampered = Uint8Array.from(set.bytes);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    refused(() => registeredIvector(asset, tampered, 'b'), IvectorErrorCode.hashMismatch, 'b');
    refused(
      () => registeredIvector({ ...asset, kind: 'model' }, set.bytes, 'a'),
      IvectorErrorCode.notAnIvector,
      'a',
    );
    refused(
      () =>
        registeredIvector(
          { ...asset, metadata: { ...set.metadata, extractor: 'sphinx-mfcc' } },
          set.bytes,
          'a',
        ),
      IvectorErrorCode.notAnIvector,
      'a',
    );
    const a = registeredIvector(asset, set.bytes, 'a');
    refused(
      () => scoreRegisteredIvectors(a, { ...a, model: 'other', modelSha256: 'b'.repeat(64) }),
      IvectorErrorCode.modelMismatch,
      'b',
    );
  });
});
