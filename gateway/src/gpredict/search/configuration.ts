/*
 * Configurations in both forms: the external one (a JSON object of the active parameters' values)
 * and the internal one the estimators work on (each active parameter's internal coordinate, the
 * option index for a choice). Encoding checks that a configuration belongs to the space: exactly
 * the active parameters, each value in its bounds and on its grid.
 */
import type { NumericDomain } from './numeric-domain.js';
import { SearchError } from './search-error.js';
import type {
  Configuration,
  ParameterGroup,
  ParameterValue,
  SearchParameter,
  SearchSpace,
} from './search-space.js';

/** Active parameters by name: the internal coordinate, or the option index of a choice. */
export type InternalPoint = ReadonlyMap<string, number>;

/** How close (relative to the step) a value must be to its grid point. */
const GRID_TOLERANCE = 1e-9;

/**
 * The internal form of a configuration.
 * @throws SearchError `DEURO_SEARCH_INVALID_TRIAL` naming the parameter (`field`) when the
 * configuration is not a point of the space.
 */
export function encodeConfiguration(
  space: SearchSpace,
  configuration: Configuration,
  trialNumber?: number,
): InternalPoint {
  const point = new Map<string, number>();
  encodeGroup(space.root, configuration, point, trialNumber);
  const extra = Object.keys(configuration).find((name) => !point.has(name));
  if (extra !== undefined) {
    throw invalidValue(extra, 'is not an active parameter of the space', trialNumber);
  }
  return point;
}

/** The external form of an internal point (every active parameter must be in it). */
export function decodePoint(space: SearchSpace, point: InternalPoint): Configuration {
  const configuration: Record<string, ParameterValue> = {};
  decodeGroup(space.root, point, configuration);
  return configuration;
}

/** The external value of one parameter from its internal value. */
export function decodeValue(parameter: SearchParameter, internal: number): ParameterValue {
  if (parameter.kind === 'choice') {
    return parameter.options[internal]?.label ?? false;
  }
  return parameter.domain.fromInternal(internal);
}

function encodeGroup(
  group: ParameterGroup,
  configuration: Configuration,
  point: Map<string, number>,
  trialNumber: number | undefined,
): void {
  for (const parameter of group.parameters) {
    const value = Object.hasOwn(configuration, parameter.name)
      ? configuration[parameter.name]
      : undefined;
    if (value === undefined) {
      throw invalidValue(parameter.name, 'is active but missing', trialNumber);
    }
    if (parameter.kind === 'choice') {
      const index = parameter.options.findIndex((option) => option.label === value);
      const option = parameter.options[index];
      if (option === undefined) {
        throw invalidValue(parameter.name, 'is not one of the options', trialNumber);
      }
      point.set(parameter.name, index);
      encodeGroup(option.group, configuration, point, trialNumber);
    } else {
      point.set(parameter.name, encodeNumber(parameter.name, parameter.domain, value, trialNumber));
    }
  }
}

function encodeNumber(
  name: string,
  domain: NumericDomain,
  value: ParameterValue,
  trialNumber: number | undefined,
): number {
  if (typeof value !== 'number' || !(value >= domain.low && value <= domain.high)) {
    throw invalidValue(
      name,
      `must be a number from ${String(domain.low)} to ${String(domain.high)}`,
      trialNumber,
    );
  }
  if (domain.step === undefined) {
    return domain.toInternal(value);
  }
  const gridValue = domain.gridValue(domain.gridIndex(value));
  const onGrid = domain.integer
    ? gridValue === value
    : Math.abs(gridValue - value) <= GRID_TOLERANCE * domain.step;
  if (!onGrid) {
    throw invalidValue(name, `must be low + k * ${String(domain.step)}`, trialNumber);
  }
  return domain.toInternal(gridValue);
}

function decodeGroup(
  group: ParameterGroup,
  point: InternalPoint,
  configuration: Record<string, ParameterValue>,
): void {
  for (const parameter of group.parameters) {
    const internal = point.get(parameter.name) ?? 0;
    configuration[parameter.name] = decodeValue(parameter, internal);
    if (parameter.kind === 'choice') {
      const option = parameter.options[internal];
      if (option !== undefined) {
        decodeGroup(option.group, point, configuration);
      }
    }
  }
}

function invalidValue(name: string, reason: string, trialNumber: number | undefined): SearchError {
  const trial = trialNumber === undefined ? '' : `trial ${String(trialNumber)}: `;
  return new SearchError('DEURO_SEARCH_INVALID_TRIAL', `${trial}parameter ${name} ${reason}`, {
    field: name,
    ...(trialNumber === undefined ? {} : { trialNumber }),
  });
}
