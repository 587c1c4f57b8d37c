import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { projectIvector, scoreIvectors, trainCosineBackend } from './cosine-backend.js';
import { IvectorErrorCode, isIvectorError } from './errors.js';
import { multiply, transpose } from './linear-algebra.js';
import { namedNormals } from './normal-draws.js';

const R = 6;
const SPEAKERS = 5;
const PER_SPEAKER = 40;

/**
 * Speakers differ along two directions only; a large nuisance (session) variance lies along
 * another direction, which raw cosine scoring cannot ignore but LDA + WCCN must.
 */
function labelledVectors(): { vectors: Float64Array[]; speakers: string[] } {
  const vectors: Float64Array[] = [];
  const speakers: string[] = [];
  for (let s = 0; s < SPEAKERS; s += 1) {
    const centre = namedNormals(`backend-speaker-${String(s)}`, 2);
    for (let i = 0; i < PER_SPEAKER; i += 1) {
      const noise = namedNormals(`backend-session-${String(s)}-${String(i)}`, R);
      const w = noise.map((x, j) => 0.1 * x + (j === 2 ? 10 * x : 0));
      w[0] = (w[0] ?? 0) + 3 * (centre[0] ?? 0);
      w[1] = (w[1] ?? 0) + 3 * (centre[1] ?? 0);
      vectors.push(w);
      speakers.push(`s${String(s)}`);
    }
  }
  return { vectors, speakers };
}

describe('cosine back end (LDA + WCCN)', () => {
  const { vectors, speakers } = labelledVectors();
  const backend = trainCosineBackend(vectors, speakers);

  it('keeps speakers - 1 dimensions by default', () => {
    assert.equal(backend.inputDimension, R);
    assert.equal(backend.outputDimension, SPEAKERS - 1);
  });

  it('whitens the within-speaker covariance (WCCN gives the identity)', () => {
    const k = backend.outputDimension;
    const centred: Float64Array[] = [];
    for (let s = 0; s < SPEAKERS; s += 1) {
      const projected = vectors
        .slice(s * PER_SPEAKER, (s + 1) * PER_SPEAKER)
        .map((w) => projectIvector(backend, w));
      const mean = columnMeans(projected, k);
      for (const y of projected) centred.push(y.map((value, j) => value - (mean[j] as number)));
    }
    const within = multiply(
      transpose(stack(centred, k), centred.length, k),
      stack(centred, k),
      k,
      centred.length,
      k,
    );
    for (let i = 0; i < k; i += 1) {
      for (let j = 0; j < k; j += 1) {
        const value = (within[i * k + j] as number) / centred.length;
        assert.ok(Math.abs(value - (i === j ? 1 : 0)) < 1e-4, `W[${String(i)}][${String(j)}]`);
      }
    }
  });

  it('separates speakers that the raw cosine confuses', () => {
    const margin = (useBackend: boolean): number => {
      let target = 0;
      let nonTarget = 0;
      for (let i = 0; i < vectors.length; i += 7) {
        for (let j = i + 1; j < vectors.length; j += 5) {
          const a = vectors[i] ?? new Float64Array(R);
          const b = vectors[j] ?? new Float64Array(R);
          const score = scoreIvectors(a, b, useBackend ? backend : undefined);
          if (speakers[i] === speakers[j]) target += score;
          else nonTarget += score;
        }
      }
      return target - nonTarget;
    };
    assert.ok(margin(true) > 2 * margin(false));
  });

  it('accepts plain arrays (a JSON request) like typed ones', () => {
    const a = vectors[0] ?? new Float64Array(R);
    const b = vectors[1] ?? new Float64Array(R);
    assert.equal(
      scoreIvectors(Array.from(a), Array.from(b), backend),
      scoreIvectors(a, b, backend),
    );
    assert.equal(scoreIvectors(Array.from(a), Array.from(b)), scoreIvectors(a, b));
  });

  it('scores symmetrically, in [-1, 1]', () => {
    const a = vectors[0] ?? new Float64Array(R);
    const b = vectors[PER_SPEAKER] ?? new Float64Array(R);
    const ab = scoreIvectors(a, b, backend);
    assert.equal(ab, scoreIvectors(b, a, backend));
    assert.ok(Math.abs(ab) <= 1);
    assert.ok(Math.abs(scoreIvectors(a, a, backend) - 1) < 1e-12);
  });

  it('refuses one speaker, a bad LDA dimension and a vector of another length', () => {
    assert.throws(
      () => trainCosineBackend(vectors.slice(0, 3), ['a', 'a', 'a']),
      (error: unknown) => isIvectorError(error, IvectorErrorCode.notEnoughData),
    );
    assert.throws(
      () => trainCosineBackend(vectors, speakers, { ldaDimension: SPEAKERS }),
      (error: unknown) =>
        isIvectorError(error, IvectorErrorCode.invalidParameter) &&
        error.details.field === 'ldaDimension',
    );
    assert.throws(
      () => scoreIvectors(new Float64Array(3), new Float64Array(R), backend),
      (error: unknown) => isIvectorError(error, IvectorErrorCode.dimensionMismatch),
    );
    assert.throws(
      () => scoreIvectors([1, Number.NaN, 0, 0, 0, 0], new Float64Array(R), backend),
      (error: unknown) =>
        isIvectorError(error, IvectorErrorCode.invalidParameter) && error.details.field === 'a[1]',
    );
  });
});

function columnMeans(rows: readonly Float64Array[], k: number): Float64Array {
  const mean = new Float64Array(k);
  for (const row of rows)
    row.forEach((value, j) => (mean[j] = (mean[j] as number) + value / rows.length));
  return mean;
}

function stack(rows: readonly Float64Array[], k: number): Float64Array {
  const out = new Float64Array(rows.length * k);
  rows.forEach((row, i) => {
    out.set(row, i * k);
  });
  return out;
}
