/*
 * One TPE suggestion over a tree-structured space. The space is walked from the top: a group of
 * parameters that are active together is fitted on the trials where it was active (l(x) on the
 * good ones, g(x) on the others), `candidates` points are drawn from l(x) and the one with the
 * largest l(x)/g(x) is kept; then the groups of the chosen options are walked the same way. In
 * independent mode every parameter is its own group, as in Optuna's default sampler; in
 * multivariate mode a group is estimated jointly. Before `startupTrials` completed trials, the
 * point comes from the prior, exactly as random search would draw it.
 *
 * The magic clip (bandwidths at least range / (n + 2)) guards the neighbour rule of independent
 * mode, whose bandwidth is a gap between observations and can be tiny. Scott's rule, used in
 * multivariate mode, never falls below 0.2 n^(-1/(d+4)) of the range, so the clip there only
 * widens the first few good trials' kernels (a lone good trial gets range/3 instead of range/5 in
 * every dimension) and keeps l(x) near the prior while n is small; it is applied to Scott's rule
 * only with `clipScottBandwidths`, as Optuna does.
 */
import type { InternalPoint } from './configuration.js';
import {
  observationWeights,
  splitObservations,
  type ModelObservation,
  type SplitObservations,
} from './observation-split.js';
import {
  fitParzenEstimator,
  type EstimatorDimension,
  type ParzenEstimator,
} from './parzen-estimator.js';
import { samplePrior } from './prior-sampler.js';
import type { TpeSettings } from './search-options.js';
import type { ParameterGroup, SearchParameter, SearchSpace } from './search-space.js';
import { trialStream } from './trial-streams.js';

interface SamplingContext {
  readonly seed: string;
  readonly trialNumber: number;
  readonly split: SplitObservations;
  readonly settings: TpeSettings;
  readonly point: Map<string, number>;
}

/** TPE's point for trial `trialNumber` given the observations it may use. */
export function sampleTpe(
  space: SearchSpace,
  seed: string,
  trialNumber: number,
  observations: readonly ModelObservation[],
  settings: TpeSettings,
): InternalPoint {
  const completed = observations.filter((observation) => observation.loss !== undefined).length;
  if (completed < settings.startupTrials) {
    return samplePrior(space, seed, trialNumber);
  }
  const context: SamplingContext = {
    seed,
    trialNumber,
    split: splitObservations(observations, settings.gammaFraction, settings.maxBelow),
    settings,
    point: new Map(),
  };
  sampleGroup(space.root, context);
  return context.point;
}

function sampleGroup(group: ParameterGroup, context: SamplingContext): void {
  const batches = context.settings.multivariate
    ? [{ parameters: group.parameters, stream: `group:${group.key}` }]
    : group.parameters.map((parameter) => ({ parameters: [parameter], stream: parameter.name }));
  for (const batch of batches) {
    if (batch.parameters.length > 0) {
      const values = sampleJointly(batch.parameters, batch.stream, context);
      batch.parameters.forEach((parameter, index) => {
        context.point.set(parameter.name, values[index] ?? 0);
      });
    }
  }
  for (const parameter of group.parameters) {
    if (parameter.kind === 'choice') {
      const option = parameter.options[context.point.get(parameter.name) ?? 0];
      if (option !== undefined) {
        sampleGroup(option.group, context);
      }
    }
  }
}

function sampleJointly(
  parameters: readonly SearchParameter[],
  streamName: string,
  context: SamplingContext,
): readonly number[] {
  const { settings } = context;
  const dimensions = parameters.map(toDimension);
  const parzen = {
    priorWeight: settings.priorWeight,
    magicClip: settings.magicClip && (!settings.multivariate || settings.clipScottBandwidths),
    considerEndpoints: settings.considerEndpoints,
    scottBandwidth: settings.multivariate,
  };
  const fit = (observations: readonly ModelObservation[]): ParzenEstimator => {
    const rows = activeRows(parameters, observations);
    return fitParzenEstimator(
      dimensions,
      rows,
      observationWeights(rows.length, settings.fullWeightTrials),
      parzen,
    );
  };
  const below = fit(context.split.below);
  const above = fit(context.split.above);
  const stream = trialStream(context.seed, context.trialNumber, 'tpe', streamName);
  const candidates = below.sample(stream, settings.candidates);
  const logBelow = below.logDensity(candidates);
  const logAbove = above.logDensity(candidates);
  let best = 0;
  let bestScore = -Infinity;
  candidates.forEach((_, index) => {
    const score = (logBelow[index] ?? -Infinity) - (logAbove[index] ?? 0);
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
  });
  return candidates[best] ?? [];
}

/** The parameters' internal values in each observation where all of them were active. */
function activeRows(
  parameters: readonly SearchParameter[],
  observations: readonly ModelObservation[],
): number[][] {
  return observations
    .filter((observation) => parameters.every((parameter) => observation.point.has(parameter.name)))
    .map((observation) =>
      parameters.map((parameter) => observation.point.get(parameter.name) ?? 0),
    );
}

function toDimension(parameter: SearchParameter): EstimatorDimension {
  return parameter.kind === 'choice'
    ? { kind: 'categorical', size: parameter.options.length }
    : { kind: 'numeric', domain: parameter.domain };
}
