/**
 * The deterministic starting point of UBM training: k-means++ seeding (Arthur & Vassilvitskii,
 * 2007) on an evenly strided subsample of the frames, a few Lloyd iterations, then one Gaussian
 * per cluster (weight = cluster share, mean = centroid, variance = within-cluster variance plus
 * the regularisation, then floored). Random draws come from a named Philox stream
 * (`gpredict/random`), so the same frames and seed give the same start on every machine.
 */

import { newRandomStream, type RandomStream } from '../../gpredict/random/index.js';

import { newDiagonalGmm, type DiagonalGmm } from './diagonal-gmm.js';
import { IvectorError, IvectorErrorCode } from './errors.js';
import type { Frames } from './frames.js';
import { floorVariances, globalVariances } from './variance-floor.js';

/** Options of {@link kmeansPlusPlusInit}. */
export interface KmeansInitOptions {
  /** Number of Gaussians. */
  componentCount: number;
  /** Name of the Philox stream for the k-means++ draws. */
  seed: string;
  /** Frames used for seeding and Lloyd iterations (an even stride over all frames). */
  sampleSize: number;
  /** Lloyd iterations after seeding. */
  lloydIterations: number;
  /** Added to every variance (scikit-learn's `reg_covar`). */
  covarianceRegularization: number;
  /** Variance floor as a fraction of the global variance of each dimension. */
  varianceFloor: number;
}

/**
 * The k-means++ starting GMM of `frames`.
 * @throws IvectorError `DEURO_IVECTOR_NOT_ENOUGH_DATA` when there are fewer frames than
 *   components.
 */
export function kmeansPlusPlusInit(frames: Frames, options: KmeansInitOptions): DiagonalGmm {
  const { componentCount } = options;
  if (frames.frameCount < componentCount) {
    throw new IvectorError(
      IvectorErrorCode.notEnoughData,
      `${String(frames.frameCount)} frames cannot train ${String(componentCount)} components`,
      { field: 'frames', value: frames.frameCount },
    );
  }
  const sample = stridedSample(frames, Math.max(componentCount, options.sampleSize));
  const centroids = seedCentroids(sample, componentCount, newRandomStream(options.seed));
  let labels = assign(sample, centroids, componentCount);
  for (let i = 0; i < options.lloydIterations; i += 1) {
    updateCentroids(sample, labels, centroids, componentCount);
    labels = assign(sample, centroids, componentCount);
  }
  return gaussiansOfClusters(sample, labels, centroids, options, globalVariances(frames));
}

function stridedSample(frames: Frames, size: number): Frames {
  if (frames.frameCount <= size) return frames;
  const d = frames.dimension;
  const data = new Float64Array(size * d);
  for (let i = 0; i < size; i += 1) {
    const t = Math.floor((i * frames.frameCount) / size);
    data.set(frames.data.subarray(t * d, (t + 1) * d), i * d);
  }
  return { frameCount: size, dimension: d, data };
}

function squaredDistance(
  a: Float64Array,
  aOffset: number,
  b: Float64Array,
  bOffset: number,
  d: number,
): number {
  let sum = 0;
  for (let k = 0; k < d; k += 1) {
    const diff = (a[aOffset + k] as number) - (b[bOffset + k] as number);
    sum += diff * diff;
  }
  return sum;
}

/** k-means++: the first centre uniformly, each next one with probability proportional to D^2. */
function seedCentroids(sample: Frames, k: number, random: RandomStream): Float64Array {
  const { frameCount: n, dimension: d, data } = sample;
  const centroids = new Float64Array(k * d);
  const nearest = new Float64Array(n).fill(Infinity);
  let chosen = random.nextBelow(n);
  for (let c = 0; c < k; c += 1) {
    centroids.set(data.subarray(chosen * d, (chosen + 1) * d), c * d);
    let total = 0;
    for (let t = 0; t < n; t += 1) {
      const distance = Math.min(
        nearest[t] as number,
        squaredDistance(data, t * d, centroids, c * d, d),
      );
      nearest[t] = distance;
      total += distance;
    }
    chosen = drawProportional(nearest, total, random);
  }
  return centroids;
}

function drawProportional(weights: Float64Array, total: number, random: RandomStream): number {
  if (!(total > 0)) return random.nextBelow(weights.length);
  let target = random.nextUniform() * total;
  for (let t = 0; t < weights.length; t += 1) {
    target -= weights[t] as number;
    if (target < 0) return t;
  }
  return weights.length - 1;
}

function assign(sample: Frames, centroids: Float64Array, k: number): Int32Array {
  const { frameCount: n, dimension: d, data } = sample;
  const labels = new Int32Array(n);
  for (let t = 0; t < n; t += 1) {
    let best = 0;
    let bestDistance = Infinity;
    for (let c = 0; c < k; c += 1) {
      const distance = squaredDistance(data, t * d, centroids, c * d, d);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = c;
      }
    }
    labels[t] = best;
  }
  return labels;
}

/** Centroids become cluster means; an empty cluster keeps its centroid. */
function updateCentroids(
  sample: Frames,
  labels: Int32Array,
  centroids: Float64Array,
  k: number,
): void {
  const d = sample.dimension;
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  labels.forEach((c, t) => {
    counts[c] = (counts[c] ?? 0) + 1;
    for (let j = 0; j < d; j += 1)
      sums[c * d + j] = (sums[c * d + j] ?? 0) + (sample.data[t * d + j] ?? 0);
  });
  for (let c = 0; c < k; c += 1) {
    const count = counts[c] ?? 0;
    if (count === 0) continue;
    for (let j = 0; j < d; j += 1) centroids[c * d + j] = (sums[c * d + j] ?? 0) / count;
  }
}

function gaussiansOfClusters(
  sample: Frames,
  labels: Int32Array,
  centroids: Float64Array,
  options: KmeansInitOptions,
  global: Float64Array,
): DiagonalGmm {
  const k = options.componentCount;
  const d = sample.dimension;
  updateCentroids(sample, labels, centroids, k);
  const counts = new Float64Array(k);
  const squares = new Float64Array(k * d);
  labels.forEach((c, t) => {
    counts[c] = (counts[c] ?? 0) + 1;
    for (let j = 0; j < d; j += 1) {
      const diff = (sample.data[t * d + j] ?? 0) - (centroids[c * d + j] ?? 0);
      squares[c * d + j] = (squares[c * d + j] ?? 0) + diff * diff;
    }
  });
  const variances = new Float64Array(k * d);
  for (let c = 0; c < k; c += 1) {
    const count = counts[c] ?? 0;
    for (let j = 0; j < d; j += 1) {
      const within = count > 1 ? (squares[c * d + j] ?? 0) / count : (global[j] ?? 1);
      variances[c * d + j] = within + options.covarianceRegularization;
    }
  }
  floorVariances(variances, global, options.varianceFloor);
  const weights = counts.map((count) => Math.max(count, 1));
  const total = weights.reduce((a, b) => a + b, 0);
  return newDiagonalGmm(
    weights.map((w) => w / total),
    centroids,
    variances,
  );
}
