import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { IvectorErrorCode, isIvectorError } from './errors.js';
import {
  cholesky,
  choleskyInverse,
  choleskySolve,
  multiply,
  symmetricEigen,
  transpose,
} from './linear-algebra.js';
import { namedNormals } from './normal-draws.js';

/** A random symmetric positive-definite n x n matrix: B B^T + n I. */
function spd(n: number, name: string): Float64Array {
  const b = namedNormals(name, n * n);
  const a = multiply(b, transpose(b, n, n), n, n, n);
  for (let i = 0; i < n; i += 1) a[i * n + i] = (a[i * n + i] ?? 0) + n;
  return a;
}

function maxAbsDifference(a: Float64Array, b: Float64Array): number {
  let max = 0;
  a.forEach((value, i) => {
    max = Math.max(max, Math.abs(value - (b[i] ?? 0)));
  });
  return max;
}

describe('linear algebra', () => {
  const n = 12;
  const a = spd(n, 'la-test');

  it('factors, solves and inverts a positive-definite matrix', () => {
    const l = cholesky(a, n);
    assert.ok(maxAbsDifference(multiply(l, transpose(l, n, n), n, n, n), a) < 1e-10);
    const b = namedNormals('la-rhs', n);
    const x = choleskySolve(l, n, b);
    assert.ok(maxAbsDifference(multiply(a, x, n, n, 1), b) < 1e-10);
    const identity = multiply(a, choleskyInverse(l, n), n, n, n);
    for (let i = 0; i < n; i += 1) {
      for (let j = 0; j < n; j += 1) {
        assert.ok(Math.abs((identity[i * n + j] ?? 0) - (i === j ? 1 : 0)) < 1e-10);
      }
    }
  });

  it('rejects a matrix that is not positive definite, by code', () => {
    assert.throws(
      () => cholesky(Float64Array.from([1, 2, 2, 1]), 2, 'test matrix'),
      (error: unknown) =>
        isIvectorError(error, IvectorErrorCode.numerical) && error.details.field === 'test matrix',
    );
  });

  it('finds sorted eigenpairs that rebuild the matrix', () => {
    const { values, vectors } = symmetricEigen(a, n);
    for (let i = 1; i < n; i += 1) assert.ok((values[i - 1] ?? 0) >= (values[i] ?? 0));
    const scaled = new Float64Array(n * n);
    for (let i = 0; i < n; i += 1) {
      for (let j = 0; j < n; j += 1)
        scaled[i * n + j] = (vectors[i * n + j] ?? 0) * (values[j] ?? 0);
    }
    const rebuilt = multiply(scaled, transpose(vectors, n, n), n, n, n);
    assert.ok(maxAbsDifference(rebuilt, a) < 1e-9 * n);
    const gram = multiply(transpose(vectors, n, n), vectors, n, n, n);
    for (let i = 0; i < n; i += 1) assert.ok(Math.abs((gram[i * n + i] ?? 0) - 1) < 1e-12);
  });

  it('gives the known eigenvalues of a 2 x 2 matrix', () => {
    const { values } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    assert.ok(Math.abs((values[0] ?? 0) - 3) < 1e-14);
    assert.ok(Math.abs((values[1] ?? 0) - 1) < 1e-14);
  });
});
