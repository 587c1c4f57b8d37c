/*
 * A Parzen estimator over one group of parameters: a weighted mixture with one component per
 * observation plus a prior component, as in Optuna's TPE (Bergstra et al. 2011). A component is,
 * for each numeric dimension, a normal truncated to the dimension's internal range (its mass over
 * a grid point's cell for quantized parameters), and for each categorical dimension a
 * distribution that puts most of its weight on the observed option. Components are products over
 * dimensions, so one dimension gives independent (univariate) TPE and several give the
 * multivariate TPE of Falkner et al. (BOHB) with Scott's bandwidth.
 */
import type { RandomStream } from '../random/index.js';
import type { NumericDomain } from './numeric-domain.js';
import { logNormalDensity, logNormalMass, sampleTruncatedNormal } from './normal.js';

/** One dimension of an estimator. */
export type EstimatorDimension =
  | { readonly kind: 'numeric'; readonly domain: NumericDomain }
  | { readonly kind: 'categorical'; readonly size: number };

/** How the estimator is built (Optuna's defaults in parentheses). */
export interface ParzenSettings {
  /** Weight of the prior component relative to an observation of weight 1 (1). */
  readonly priorWeight: number;
  /** Floor the bandwidths at range / min(100, components) (true). */
  readonly magicClip: boolean;
  /** Let the bandwidth of the outermost observations reach the bounds (false). */
  readonly considerEndpoints: boolean;
  /** Scott's rule 0.2 n^(-1/(d+4)) of the range for every component instead of neighbour gaps. */
  readonly scottBandwidth: boolean;
}

/** A fitted mixture. Points are arrays of internal values, one per dimension. */
export interface ParzenEstimator {
  /** `count` points drawn from the mixture. */
  sample(stream: RandomStream, count: number): number[][];
  /** The log density (log mass on grids and categories) of each point. */
  logDensity(points: readonly (readonly number[])[]): number[];
}

const MIN_SIGMA = 1e-12;
const MAGIC_CLIP_COMPONENTS = 100;
const SCOTT_FACTOR = 0.2;

interface NumericKernel {
  readonly kind: 'numeric';
  readonly domain: NumericDomain;
  readonly mus: readonly number[];
  readonly sigmas: readonly number[];
  /** log of each component's normal mass over the internal range (its truncation). */
  readonly logMasses: readonly number[];
  /** log of each component's bandwidth. */
  readonly logSigmas: readonly number[];
}

interface CategoricalKernel {
  readonly kind: 'categorical';
  /** Per component, the log probability of each option. */
  readonly logProbabilities: readonly (readonly number[])[];
}

type Kernel = NumericKernel | CategoricalKernel;

/**
 * Fit the mixture to observations (rows of internal values) with their weights; the prior
 * component is added last.
 */
export function fitParzenEstimator(
  dimensions: readonly EstimatorDimension[],
  observations: readonly (readonly number[])[],
  weights: readonly number[],
  settings: ParzenSettings,
): ParzenEstimator {
  const total = weights.reduce((sum, weight) => sum + weight, 0) + settings.priorWeight;
  const componentWeights = [...weights, settings.priorWeight].map((weight) => weight / total);
  const kernels = dimensions.map((dimension, index) => {
    const column = observations.map((row) => row[index] ?? 0);
    return dimension.kind === 'numeric'
      ? numericKernel(dimension.domain, column, dimensions.length, settings)
      : categoricalKernel(dimension.size, column, settings.priorWeight);
  });
  return new Mixture(componentWeights, kernels);
}

function numericKernel(
  domain: NumericDomain,
  column: readonly number[],
  dimensionCount: number,
  settings: ParzenSettings,
): NumericKernel {
  const low = domain.internalLow;
  const high = domain.internalHigh;
  const range = high - low;
  const mus = [...column, 0.5 * (low + high)];
  const raw = settings.scottBandwidth
    ? mus.map(
        () => SCOTT_FACTOR * Math.max(column.length, 1) ** (-1 / (dimensionCount + 4)) * range,
      )
    : neighbourBandwidths(mus, low, high, settings.considerEndpoints);
  const minSigma = settings.magicClip
    ? range / Math.min(MAGIC_CLIP_COMPONENTS, 1 + mus.length)
    : MIN_SIGMA;
  const sigmas = raw.map((sigma) => Math.min(range, Math.max(minSigma, sigma)));
  sigmas[sigmas.length - 1] = range;
  const logMasses = mus.map((mu, index) => {
    const sigma = sigmas[index] ?? range;
    return logNormalMass((low - mu) / sigma, (high - mu) / sigma);
  });
  const logSigmas = sigmas.map((sigma) => Math.log(sigma));
  return { kind: 'numeric', domain, mus, sigmas, logMasses, logSigmas };
}

/** Each component's bandwidth: the larger gap to its neighbours in sorted order (Optuna's rule). */
function neighbourBandwidths(
  mus: readonly number[],
  low: number,
  high: number,
  considerEndpoints: boolean,
): number[] {
  const order = mus.map((_, index) => index).sort((a, b) => (mus[a] ?? 0) - (mus[b] ?? 0) || a - b);
  const sorted = [low, ...order.map((index) => mus[index] ?? 0), high];
  const at = (index: number): number => sorted[index] ?? 0;
  const count = mus.length;
  const sortedSigmas = order.map((_, rank) =>
    Math.max(at(rank + 1) - at(rank), at(rank + 2) - at(rank + 1)),
  );
  if (!considerEndpoints && count >= 2) {
    sortedSigmas[0] = at(2) - at(1);
    sortedSigmas[count - 1] = at(count) - at(count - 1);
  }
  const sigmas = new Array<number>(count).fill(0);
  order.forEach((index, rank) => {
    sigmas[index] = sortedSigmas[rank] ?? 0;
  });
  return sigmas;
}

function categoricalKernel(
  size: number,
  column: readonly number[],
  priorWeight: number,
): CategoricalKernel {
  const smoothing = priorWeight / (column.length + 1);
  const rows = [...column, -1].map((observed) => {
    const row = new Array<number>(size).fill(smoothing);
    if (observed >= 0) {
      row[observed] = (row[observed] ?? 0) + 1;
    }
    const total = row.reduce((sum, value) => sum + value, 0);
    return row.map((value) => Math.log(value / total));
  });
  return { kind: 'categorical', logProbabilities: rows };
}

class Mixture implements ParzenEstimator {
  readonly #weights: readonly number[];
  readonly #logWeights: readonly number[];
  readonly #kernels: readonly Kernel[];

  constructor(weights: readonly number[], kernels: readonly Kernel[]) {
    this.#weights = weights;
    this.#logWeights = weights.map((weight) => Math.log(weight));
    this.#kernels = kernels;
  }

  sample(stream: RandomStream, count: number): number[][] {
    const points: number[][] = [];
    for (let index = 0; index < count; index += 1) {
      const component = pickIndex(this.#weights, stream.nextUniform());
      points.push(this.#kernels.map((kernel) => sampleKernel(kernel, component, stream)));
    }
    return points;
  }

  logDensity(points: readonly (readonly number[])[]): number[] {
    return points.map((point) => {
      const located = this.#kernels.map((kernel, dimension) =>
        locate(kernel, point[dimension] ?? 0),
      );
      const terms = this.#logWeights.map((logWeight, component) =>
        this.#kernels.reduce(
          (sum, kernel, dimension) =>
            sum + kernelLogDensity(kernel, component, located[dimension] ?? 0),
          logWeight,
        ),
      );
      return logSumExp(terms);
    });
  }
}

function sampleKernel(kernel: Kernel, component: number, stream: RandomStream): number {
  if (kernel.kind === 'categorical') {
    const logRow = kernel.logProbabilities[component] ?? [];
    return pickIndex(
      logRow.map((value) => Math.exp(value)),
      stream.nextUniform(),
    );
  }
  const { domain } = kernel;
  const mu = kernel.mus[component] ?? 0;
  const sigma = kernel.sigmas[component] ?? 1;
  const z = sampleTruncatedNormal(
    stream,
    (domain.internalLow - mu) / sigma,
    (domain.internalHigh - mu) / sigma,
  );
  return domain.toInternal(domain.fromInternal(mu + sigma * z));
}

/** A value, or for a grid dimension the internal bounds of its grid cell. */
type Located = number | readonly [number, number];

function locate(kernel: Kernel, value: number): Located {
  if (kernel.kind === 'categorical' || kernel.domain.step === undefined) {
    return value;
  }
  const { domain } = kernel;
  return domain.cell(domain.gridIndex(domain.fromInternal(value)));
}

function kernelLogDensity(kernel: Kernel, component: number, value: Located): number {
  if (kernel.kind === 'categorical') {
    return typeof value === 'number'
      ? (kernel.logProbabilities[component]?.[value] ?? -Infinity)
      : -Infinity;
  }
  const mu = kernel.mus[component] ?? 0;
  const sigma = kernel.sigmas[component] ?? 1;
  const logMass = kernel.logMasses[component] ?? 0;
  if (typeof value === 'number') {
    return logNormalDensity((value - mu) / sigma) - (kernel.logSigmas[component] ?? 0) - logMass;
  }
  const [lower, upper] = value;
  return logNormalMass((lower - mu) / sigma, (upper - mu) / sigma) - logMass;
}

/** The index i where the cumulative sum of `weights` first exceeds `u` times their total. */
function pickIndex(weights: readonly number[], u: number): number {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let cumulative = 0;
  for (let index = 0; index < weights.length; index += 1) {
    cumulative += weights[index] ?? 0;
    if (u * total < cumulative) {
      return index;
    }
  }
  return weights.length - 1;
}

function logSumExp(terms: readonly number[]): number {
  const max = Math.max(...terms);
  if (max === -Infinity) {
    return -Infinity;
  }
  return max + Math.log(terms.reduce((sum, term) => sum + Math.exp(term - max), 0));
}
