/**
 * The scoring back end of Dehak et al. (2011): i-vectors are centred on the training mean,
 * projected by LDA (the directions that best separate the training speakers), whitened by WCCN
 * (within-class covariance normalisation, Hatch et al. 2006: B with B B^T = W^-1, W the
 * within-speaker covariance in LDA space), and compared by the cosine of the angle between
 * them. The three linear steps are folded into one k x R matrix P, so a score is
 * cos(P (a - m), P (b - m)).
 *
 * LDA solves S_b v = lambda S_w v through the Cholesky factor of S_w (a ridge of 1e-6 of its
 * mean diagonal keeps it definite), keeping the k leading directions (k at most the number of
 * speakers minus one).
 */

import { checkDimension, checkOption, IvectorError, IvectorErrorCode } from './errors.js';
import {
  cholesky,
  choleskyInverse,
  lowerTriangularInverse,
  multiply,
  symmetricEigen,
  transpose,
} from './linear-algebra.js';

/** The trained back end: y = P (w - m); scores are cosines of y. */
export interface CosineBackend {
  /** R, the i-vector dimension. */
  readonly inputDimension: number;
  /** k, the dimension after LDA. */
  readonly outputDimension: number;
  /** m, the mean of the training i-vectors (R values). */
  readonly mean: Float64Array;
  /** LDA directions, R x k (column j is direction j). */
  readonly lda: Float64Array;
  /** WCCN matrix B (k x k, lower triangular), applied as B^T. */
  readonly wccn: Float64Array;
  /** P = B^T LDA^T, k x R row major. */
  readonly projection: Float64Array;
}

/** Options of {@link trainCosineBackend}. */
export interface CosineBackendOptions {
  /** Dimension after LDA (default: speakers - 1, at most 200 and at most R). */
  ldaDimension?: number;
}

/**
 * Trains LDA and WCCN on labelled training i-vectors.
 * @throws IvectorError `DEURO_IVECTOR_NOT_ENOUGH_DATA` with fewer than two speakers or no
 *   speaker with two i-vectors, `DEURO_IVECTOR_DIMENSION_MISMATCH` for ragged input,
 *   `DEURO_IVECTOR_INVALID_PARAMETER` for a bad `ldaDimension`.
 */
export function trainCosineBackend(
  ivectors: readonly Float64Array[],
  speakers: readonly string[],
  options: CosineBackendOptions = {},
): CosineBackend {
  checkDimension(speakers.length, ivectors.length, 'speakers.length');
  const r = ivectors[0]?.length ?? 0;
  ivectors.forEach((w, i) => {
    checkDimension(w.length, r, `ivectors[${String(i)}]`);
  });
  const classes = groupBySpeaker(speakers);
  if (classes.size < 2 || ![...classes.values()].some((members) => members.length > 1)) {
    throw new IvectorError(
      IvectorErrorCode.notEnoughData,
      'LDA needs at least two speakers, one of them with two i-vectors',
      { field: 'speakers', value: classes.size },
    );
  }
  const k = options.ldaDimension ?? Math.min(classes.size - 1, 200, r);
  checkOption(
    Number.isInteger(k) && k >= 1 && k <= Math.min(r, classes.size - 1),
    'ldaDimension',
    k,
    `an integer in [1, ${String(Math.min(r, classes.size - 1))}]`,
  );
  const mean = meanOf(ivectors, r);
  const centred = ivectors.map((w) => w.map((value, i) => value - (mean[i] as number)));
  const lda = ldaDirections(centred, classes, r, k);
  const projected = centred.map((w) => multiply(w, lda, 1, r, k));
  const wccn = wccnMatrix(projected, classes, k);
  const projection = multiply(transpose(wccn, k, k), transpose(lda, r, k), k, k, r);
  return { inputDimension: r, outputDimension: k, mean, lda, wccn, projection };
}

/**
 * Checks and wraps a back end read from storage (recomputes the projection).
 * @throws IvectorError `DEURO_IVECTOR_DIMENSION_MISMATCH` when the sizes disagree.
 */
export function newCosineBackend(
  mean: Float64Array,
  lda: Float64Array,
  wccn: Float64Array,
): CosineBackend {
  const r = mean.length;
  const k = lda.length / Math.max(r, 1);
  checkOption(
    Number.isInteger(k) && k > 0,
    'lda.length',
    lda.length,
    `a positive multiple of ${String(r)}`,
  );
  checkDimension(wccn.length, k * k, 'wccn.length');
  const projection = multiply(transpose(wccn, k, k), transpose(lda, r, k), k, k, r);
  return { inputDimension: r, outputDimension: k, mean, lda, wccn, projection };
}

/**
 * P (w - m): the i-vector in the scoring space.
 * @throws IvectorError `DEURO_IVECTOR_DIMENSION_MISMATCH` when `w` has the wrong dimension.
 */
export function projectIvector(backend: CosineBackend, w: ArrayLike<number>): Float64Array {
  checkDimension(w.length, backend.inputDimension, 'ivector');
  const r = backend.inputDimension;
  const centred = new Float64Array(r);
  for (let j = 0; j < r; j += 1) centred[j] = (w[j] as number) - (backend.mean[j] as number);
  const out = new Float64Array(backend.outputDimension);
  for (let i = 0; i < backend.outputDimension; i += 1) {
    let sum = 0;
    for (let j = 0; j < r; j += 1)
      sum += (backend.projection[i * r + j] as number) * (centred[j] as number);
    out[i] = sum;
  }
  return out;
}

/**
 * The cosine score of two i-vectors through the back end, in [-1, 1] (higher: more likely the
 * same speaker). Without a back end, the plain cosine of the two vectors. Plain arrays (such as
 * a request's JSON) are accepted.
 * @throws IvectorError `DEURO_IVECTOR_DIMENSION_MISMATCH` when a vector has the wrong dimension,
 *   `DEURO_IVECTOR_INVALID_PARAMETER` (field `a` or `b`) when a value is not a finite number.
 */
export function scoreIvectors(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  backend?: CosineBackend,
): number {
  checkFinite(a, 'a');
  checkFinite(b, 'b');
  if (backend === undefined) {
    checkDimension(b.length, a.length, 'b');
    return cosine(Float64Array.from(a), Float64Array.from(b));
  }
  return cosine(projectIvector(backend, a), projectIvector(backend, b));
}

function checkFinite(vector: ArrayLike<number>, field: string): void {
  for (let i = 0; i < vector.length; i += 1) {
    const value = vector[i];
    checkOption(
      typeof value === 'number' && Number.isFinite(value),
      `${field}[${String(i)}]`,
      value,
      'a finite number',
    );
  }
}

/** The cosine of the angle between two vectors of equal length (0 when one is zero). */
export function cosine(a: Float64Array, b: Float64Array): number {
  let dot = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    aa += x * x;
    bb += y * y;
  }
  const norm = Math.sqrt(aa * bb);
  return norm > 0 ? dot / norm : 0;
}

function groupBySpeaker(speakers: readonly string[]): Map<string, number[]> {
  const classes = new Map<string, number[]>();
  speakers.forEach((speaker, i) => {
    const members = classes.get(speaker) ?? [];
    members.push(i);
    classes.set(speaker, members);
  });
  return classes;
}

function meanOf(vectors: readonly Float64Array[], r: number): Float64Array {
  const mean = new Float64Array(r);
  for (const w of vectors)
    for (let i = 0; i < r; i += 1) mean[i] = (mean[i] as number) + (w[i] as number);
  return mean.map((value) => value / Math.max(vectors.length, 1));
}

/** Adds the outer product x x^T times `weight` to the r x r matrix `target`. */
function addOuter(target: Float64Array, x: Float64Array, weight: number, r: number): void {
  for (let i = 0; i < r; i += 1) {
    const xi = weight * (x[i] as number);
    for (let j = 0; j < r; j += 1)
      target[i * r + j] = (target[i * r + j] as number) + xi * (x[j] as number);
  }
}

/** Within-class scatter (averaged per vector) and the class means. */
function withinClass(
  vectors: readonly Float64Array[],
  classes: Map<string, number[]>,
  r: number,
): { within: Float64Array; means: Float64Array[] } {
  const within = new Float64Array(r * r);
  const means: Float64Array[] = [];
  for (const members of classes.values()) {
    const mean = meanOf(
      members.map((i) => vectors[i] ?? new Float64Array(r)),
      r,
    );
    means.push(mean);
    for (const i of members) {
      const w = vectors[i] ?? new Float64Array(r);
      addOuter(
        within,
        w.map((value, j) => value - (mean[j] as number)),
        1 / vectors.length,
        r,
      );
    }
  }
  return { within, means };
}

function ldaDirections(
  centred: readonly Float64Array[],
  classes: Map<string, number[]>,
  r: number,
  k: number,
): Float64Array {
  const { within, means } = withinClass(centred, classes, r);
  const between = new Float64Array(r * r);
  [...classes.values()].forEach((members, index) => {
    addOuter(between, means[index] ?? new Float64Array(r), members.length / centred.length, r);
  });
  let trace = 0;
  for (let i = 0; i < r; i += 1) trace += within[i * r + i] as number;
  for (let i = 0; i < r; i += 1)
    within[i * r + i] = (within[i * r + i] as number) + (1e-6 * trace) / r;
  // S_w = G G^T; eigenvectors V of G^-1 S_b G^-T give directions G^-T V.
  const factor = cholesky(within, r, 'within-speaker scatter');
  const inverseFactor = lowerTriangularInverse(factor, r);
  const whitened = multiply(
    multiply(inverseFactor, between, r, r, r),
    transpose(inverseFactor, r, r),
    r,
    r,
    r,
  );
  const { vectors } = symmetricEigen(symmetrize(whitened, r), r);
  const directions = multiply(transpose(inverseFactor, r, r), vectors, r, r, r);
  const lda = new Float64Array(r * k);
  for (let i = 0; i < r; i += 1) lda.set(directions.subarray(i * r, i * r + k), i * k);
  return lda;
}

function symmetrize(a: Float64Array, r: number): Float64Array {
  const out = new Float64Array(r * r);
  for (let i = 0; i < r; i += 1)
    for (let j = 0; j < r; j += 1)
      out[i * r + j] = ((a[i * r + j] as number) + (a[j * r + i] as number)) / 2;
  return out;
}

/** B, lower triangular, with B B^T = W^-1 (W: within-speaker covariance of `vectors`). */
function wccnMatrix(
  vectors: readonly Float64Array[],
  classes: Map<string, number[]>,
  k: number,
): Float64Array {
  // Hatch's W averages each speaker's covariance (equal weight per speaker).
  const within = new Float64Array(k * k);
  for (const members of classes.values()) {
    const mean = meanOf(
      members.map((i) => vectors[i] ?? new Float64Array(k)),
      k,
    );
    for (const i of members) {
      const w = vectors[i] ?? new Float64Array(k);
      addOuter(
        within,
        w.map((value, j) => value - (mean[j] as number)),
        1 / (members.length * classes.size),
        k,
      );
    }
  }
  let trace = 0;
  for (let i = 0; i < k; i += 1) trace += within[i * k + i] as number;
  for (let i = 0; i < k; i += 1)
    within[i * k + i] = (within[i * k + i] as number) + (1e-6 * trace) / k;
  const inverse = choleskyInverse(cholesky(within, k, 'WCCN within-speaker covariance'), k);
  return cholesky(inverse, k, 'inverse WCCN covariance');
}
