/*
 * One-dimensional Gaussian kernels computed as scipy.ndimage computes them
 * (`_gaussian_kernel1d`, scipy 1.10): radius int(truncate * sigma + 0.5), samples
 * exp(-0.5 / sigma^2 * x^2) normalised by their sum, and for the second derivative the same
 * samples times (-1 / sigma^2 + x^2 / sigma^4). The sum is numpy's pairwise summation, so the
 * normalisation rounds as numpy's does; exp itself is V8's and may differ from numpy's in the
 * last bit of a weight.
 */

/** A 1-D correlation kernel: `weights[radius + k]` multiplies the sample at offset k. */
export interface Kernel1d {
  readonly radius: number;
  readonly weights: Float64Array;
}

/** scipy's default truncation of Gaussian kernels, in standard deviations. */
export const GAUSSIAN_TRUNCATE = 4;

/** The radius scipy gives a Gaussian kernel of standard deviation `sigma`. */
export function gaussianRadius(sigma: number, truncate = GAUSSIAN_TRUNCATE): number {
  return Math.trunc(truncate * sigma + 0.5);
}

/**
 * The Gaussian kernel of order 0 (smoothing) or 2 (second derivative), as
 * `scipy.ndimage.gaussian_filter1d` correlates with.
 */
export function gaussianKernel(
  sigma: number,
  order: 0 | 2,
  truncate = GAUSSIAN_TRUNCATE,
): Kernel1d {
  const radius = gaussianRadius(sigma, truncate);
  const size = 2 * radius + 1;
  const sigma2 = sigma * sigma;
  const factor = -0.5 / sigma2;
  const weights = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const x = i - radius;
    weights[i] = Math.exp(factor * (x * x));
  }
  const sum = pairwiseSum(weights, 0, size);
  for (let i = 0; i < size; i++) weights[i] = (weights[i] as number) / sum;
  if (order === 2) {
    const q0 = 1 / -sigma2;
    const q2 = q0 * q0;
    for (let i = 0; i < size; i++) {
      const x = i - radius;
      weights[i] = (q0 + x * x * q2) * (weights[i] as number);
    }
  }
  return { radius, weights };
}

const PAIRWISE_BLOCK = 128;

/** numpy's pairwise summation of `values[offset .. offset + count)` (as `np.sum`). */
export function pairwiseSum(values: Float64Array, offset: number, count: number): number {
  if (count < 8) {
    let sum = 0;
    for (let i = 0; i < count; i++) sum += values[offset + i] as number;
    return sum;
  }
  if (count <= PAIRWISE_BLOCK) return blockSum(values, offset, count);
  let half = Math.floor(count / 2);
  half -= half % 8;
  return pairwiseSum(values, offset, half) + pairwiseSum(values, offset + half, count - half);
}

/** numpy's unrolled block: eight running sums combined as a tree, then the remainder. */
function blockSum(values: Float64Array, offset: number, count: number): number {
  const r = values.slice(offset, offset + 8);
  let i = 8;
  for (; i < count - (count % 8); i += 8) {
    for (let j = 0; j < 8; j++) r[j] = (r[j] as number) + (values[offset + i + j] as number);
  }
  const at = (j: number): number => r[j] as number;
  let sum = at(0) + at(1) + (at(2) + at(3)) + (at(4) + at(5) + (at(6) + at(7)));
  for (; i < count; i++) sum += values[offset + i] as number;
  return sum;
}
