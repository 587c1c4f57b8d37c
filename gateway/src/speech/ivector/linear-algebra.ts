/**
 * The dense linear algebra the i-vector model needs, on row-major Float64Array matrices of
 * explicit size: Cholesky factorisation and solves for the symmetric positive-definite
 * precision matrices of the posterior (size R, the i-vector dimension), and a cyclic Jacobi
 * eigen-decomposition for LDA. R is at most a few hundred, so O(R^3) direct methods are cheap
 * next to the statistics (which cost O(frames x components x features)).
 */

import { IvectorError, IvectorErrorCode } from './errors.js';

/**
 * The lower-triangular L with L L^T = A for a symmetric positive-definite n x n A (only the
 * lower triangle of A is read).
 * @throws IvectorError `DEURO_IVECTOR_NUMERICAL` when A is not positive definite.
 */
export function cholesky(a: Float64Array, n: number, what = 'matrix'): Float64Array {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j += 1) {
    let diagonal = a[j * n + j] as number;
    for (let k = 0; k < j; k += 1) diagonal -= (l[j * n + k] as number) ** 2;
    if (!(diagonal > 0)) {
      throw new IvectorError(IvectorErrorCode.numerical, `${what} is not positive definite`, {
        field: what,
      });
    }
    const pivot = Math.sqrt(diagonal);
    l[j * n + j] = pivot;
    for (let i = j + 1; i < n; i += 1) {
      let sum = a[i * n + j] as number;
      const rowI = i * n;
      const rowJ = j * n;
      for (let k = 0; k < j; k += 1) sum -= (l[rowI + k] as number) * (l[rowJ + k] as number);
      l[rowI + j] = sum / pivot;
    }
  }
  return l;
}

/** Solves L y = b in place (forward substitution) for lower-triangular L. */
export function forwardSubstitute(l: Float64Array, n: number, b: Float64Array): Float64Array {
  for (let i = 0; i < n; i += 1) {
    let sum = b[i] ?? 0;
    for (let k = 0; k < i; k += 1) sum -= (l[i * n + k] ?? 0) * (b[k] ?? 0);
    b[i] = sum / (l[i * n + i] ?? 1);
  }
  return b;
}

/** Solves L^T x = y in place (back substitution) for lower-triangular L. */
export function backSubstitute(l: Float64Array, n: number, y: Float64Array): Float64Array {
  for (let i = n - 1; i >= 0; i -= 1) {
    let sum = y[i] ?? 0;
    for (let k = i + 1; k < n; k += 1) sum -= (l[k * n + i] ?? 0) * (y[k] ?? 0);
    y[i] = sum / (l[i * n + i] ?? 1);
  }
  return y;
}

/** x with A x = b, given the Cholesky factor L of A; `b` is not modified. */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): Float64Array {
  return backSubstitute(l, n, forwardSubstitute(l, n, Float64Array.from(b)));
}

/** G^-1 of a lower-triangular n x n G (itself lower triangular), column by column. */
export function lowerTriangularInverse(g: Float64Array, n: number): Float64Array {
  const inverse = new Float64Array(n * n);
  for (let j = 0; j < n; j += 1) {
    inverse[j * n + j] = 1 / (g[j * n + j] as number);
    for (let i = j + 1; i < n; i += 1) {
      let sum = 0;
      for (let p = j; p < i; p += 1)
        sum -= (g[i * n + p] as number) * (inverse[p * n + j] as number);
      inverse[i * n + j] = sum / (g[i * n + i] as number);
    }
  }
  return inverse;
}

/**
 * A^{-1} (symmetric, full) from the Cholesky factor L of A, as L^-T L^-1: n^3 / 3 multiply-adds
 * in all, a sixth of solving for the n columns of the identity.
 */
export function choleskyInverse(l: Float64Array, n: number): Float64Array {
  const li = lowerTriangularInverse(l, n);
  const inverse = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j <= i; j += 1) {
      let sum = 0;
      for (let p = i; p < n; p += 1) sum += (li[p * n + i] as number) * (li[p * n + j] as number);
      inverse[i * n + j] = sum;
      inverse[j * n + i] = sum;
    }
  }
  return inverse;
}

/** The product of the m x k matrix A and the k x n matrix B. */
export function multiply(
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  n: number,
): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i += 1) {
    for (let p = 0; p < k; p += 1) {
      const aip = a[i * k + p] ?? 0;
      if (aip === 0) continue;
      const rowB = p * n;
      const rowOut = i * n;
      for (let j = 0; j < n; j += 1)
        out[rowOut + j] = (out[rowOut + j] ?? 0) + aip * (b[rowB + j] ?? 0);
    }
  }
  return out;
}

/** The transpose of the m x n matrix A. */
export function transpose(a: Float64Array, m: number, n: number): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i += 1) {
    for (let j = 0; j < n; j += 1) out[j * m + i] = a[i * n + j] ?? 0;
  }
  return out;
}

/** Eigenvalues (descending) and unit eigenvectors (the columns of `vectors`, n x n). */
export interface SymmetricEigen {
  values: Float64Array;
  vectors: Float64Array;
}

/**
 * The eigen-decomposition of a symmetric n x n matrix by the cyclic Jacobi method (sweeps until
 * the off-diagonal mass is below 1e-22 of the total), eigenvalues sorted in descending order.
 */
export function symmetricEigen(a: Float64Array, n: number): SymmetricEigen {
  const work = Float64Array.from(a);
  const vectors = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) vectors[i * n + i] = 1;
  const total = frobeniusSquared(work);
  for (let sweep = 0; sweep < 100 && offDiagonalSquared(work, n) > 1e-22 * total; sweep += 1) {
    for (let p = 0; p < n - 1; p += 1) {
      for (let q = p + 1; q < n; q += 1) rotate(work, vectors, n, p, q);
    }
  }
  return sortedEigen(work, vectors, n);
}

function frobeniusSquared(a: Float64Array): number {
  let sum = 0;
  for (const value of a) sum += value * value;
  return sum;
}

function offDiagonalSquared(a: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j < n; j += 1) if (i !== j) sum += (a[i * n + j] ?? 0) ** 2;
  }
  return sum;
}

/** One Jacobi rotation zeroing a[p][q] (and a[q][p]). */
function rotate(a: Float64Array, v: Float64Array, n: number, p: number, q: number): void {
  const apq = a[p * n + q] as number;
  if (apq === 0) return;
  const app = a[p * n + p] as number;
  const aqq = a[q * n + q] as number;
  const theta = (aqq - app) / (2 * apq);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < n; k += 1) {
    const akp = a[k * n + p] as number;
    const akq = a[k * n + q] as number;
    a[k * n + p] = c * akp - s * akq;
    a[k * n + q] = s * akp + c * akq;
  }
  for (let k = 0; k < n; k += 1) {
    const apk = a[p * n + k] as number;
    const aqk = a[q * n + k] as number;
    a[p * n + k] = c * apk - s * aqk;
    a[q * n + k] = s * apk + c * aqk;
  }
  for (let k = 0; k < n; k += 1) {
    const vkp = v[k * n + p] as number;
    const vkq = v[k * n + q] as number;
    v[k * n + p] = c * vkp - s * vkq;
    v[k * n + q] = s * vkp + c * vkq;
  }
}

function sortedEigen(a: Float64Array, v: Float64Array, n: number): SymmetricEigen {
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (i, j) => (a[j * n + j] ?? 0) - (a[i * n + i] ?? 0) || i - j,
  );
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((source, target) => {
    values[target] = a[source * n + source] ?? 0;
    for (let k = 0; k < n; k += 1) vectors[k * n + target] = v[k * n + source] ?? 0;
  });
  return { values, vectors };
}
