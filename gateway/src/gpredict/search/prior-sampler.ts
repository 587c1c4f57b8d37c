/*
 * Sampling from the prior, which is random search and TPE's start-up trials: a choice's options
 * equally likely; a continuous parameter uniform in its coordinate (so log-uniform on a log
 * scale); a linear grid uniform over its points; a log grid log-uniform over its cells. Each
 * parameter draws from its own stream, so adding a branch never moves another parameter's draw.
 */
import type { InternalPoint } from './configuration.js';
import type { RandomStream } from '../random/index.js';
import type { ParameterGroup, SearchParameter, SearchSpace } from './search-space.js';
import { trialStream } from './trial-streams.js';

const MAX_BELOW = 0x100000000;

/** A random point of the space for trial `trialNumber`. */
export function samplePrior(space: SearchSpace, seed: string, trialNumber: number): InternalPoint {
  const point = new Map<string, number>();
  sampleGroup(space.root, seed, trialNumber, point);
  return point;
}

/** A random internal value of one parameter. */
export function samplePriorValue(parameter: SearchParameter, stream: RandomStream): number {
  if (parameter.kind === 'choice') {
    return stream.nextBelow(parameter.options.length);
  }
  const domain = parameter.domain;
  if (domain.step !== undefined && !domain.log && domain.gridSize <= MAX_BELOW) {
    return domain.toInternal(domain.gridValue(stream.nextBelow(domain.gridSize)));
  }
  const internal =
    domain.internalLow + stream.nextUniform() * (domain.internalHigh - domain.internalLow);
  return domain.toInternal(domain.fromInternal(internal));
}

function sampleGroup(
  group: ParameterGroup,
  seed: string,
  trialNumber: number,
  point: Map<string, number>,
): void {
  for (const parameter of group.parameters) {
    const value = samplePriorValue(
      parameter,
      trialStream(seed, trialNumber, 'prior', parameter.name),
    );
    point.set(parameter.name, value);
    if (parameter.kind === 'choice') {
      const option = parameter.options[value];
      if (option !== undefined) {
        sampleGroup(option.group, seed, trialNumber, point);
      }
    }
  }
}
