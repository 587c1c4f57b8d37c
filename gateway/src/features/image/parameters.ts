/*
 * Every parameter of every extractor as one table, `IMAGE_PARAMETERS`, that the resolvers, the
 * CLI (`deuro features image`, through the flags and `parseImageParameterValue`) and
 * docs/features-image.md (through `formatImageParameterTable`) all read; a test fails when the
 * docs drift from it. Options are validated at this boundary: an unknown option, a value of the
 * wrong type or out of range is `DEURO_IMAGE_INVALID_PARAMETER` naming `extractor.option`.
 */
import { checkParameter } from './errors.js';
import {
  CANNY_SPECS,
  DOH_SPECS,
  EXTRACTOR_SPECS,
  HARRIS_SPECS,
  IMAGE_EXTRACTORS,
  LOG_SPECS,
  RIDGE_SPECS,
  SHI_TOMASI_SPECS,
  type BlobParameters,
  type BooleanSpec,
  type CannyParameters,
  type HarrisParameters,
  type ImageExtractorName,
  type NumberSpec,
  type RidgeParameters,
  type ShiTomasiParameters,
  type Specs,
} from './parameter-specs.js';

export {
  IMAGE_EXTRACTORS,
  type BlobParameters,
  type CannyParameters,
  type HarrisParameters,
  type ImageExtractorName,
  type RidgeParameters,
  type ShiTomasiParameters,
} from './parameter-specs.js';

/** Options of `cannyEdges`: any subset of its parameters. */
export type CannyOptions = Partial<CannyParameters>;
/** Options of `harrisCorners`. */
export type HarrisOptions = Partial<HarrisParameters>;
/** Options of `shiTomasiCorners`. */
export type ShiTomasiOptions = Partial<ShiTomasiParameters>;
/** Options of `logBlobs` and `dohBlobs`. */
export type BlobOptions = Partial<BlobParameters>;
/** Options of `ridges`. */
export type RidgeOptions = Partial<RidgeParameters>;

/** One row of {@link IMAGE_PARAMETERS}. */
export interface ImageParameter {
  /** The extractor the parameter belongs to. */
  readonly extractor: ImageExtractorName;
  /** The option's name in that extractor's options object. */
  readonly name: string;
  /** `extractor.name`: how error fields name it. */
  readonly key: string;
  /** The command-line flag, e.g. `--canny-sigma`. */
  readonly flag: string;
  readonly type: 'number' | 'integer' | 'boolean';
  readonly default: number | boolean;
  /** The accepted values, e.g. `(0, 50]` or `true, false`. */
  readonly range: string;
  readonly description: string;
}

/** Every parameter of every extractor: name, flag, type, default, accepted range, meaning. */
export const IMAGE_PARAMETERS: readonly ImageParameter[] = IMAGE_EXTRACTORS.flatMap((extractor) =>
  Object.entries(EXTRACTOR_SPECS[extractor]).map(([name, spec]) => ({
    extractor,
    name,
    key: `${extractor}.${name}`,
    flag: `--${kebab(extractor)}-${kebab(name)}`,
    type: spec.type,
    default: spec.default,
    range: describeRange(spec),
    description: spec.description,
  })),
);

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function describeRange(spec: NumberSpec | BooleanSpec): string {
  if (spec.type === 'boolean') return 'true, false';
  const open = spec.minExclusive === true ? '(' : '[';
  const interval = `${open}${String(spec.min)}, ${String(spec.max)}]`;
  return spec.type === 'integer' ? `integer in ${interval}` : interval;
}

/** The table as Markdown, as docs/features-image.md carries it. */
export function formatImageParameterTable(): string {
  const lines = [
    '| parameter | flag | default | range | meaning |',
    '| --- | --- | --- | --- | --- |',
    ...IMAGE_PARAMETERS.map(
      (p) =>
        `| \`${p.key}\` | \`${p.flag}\` | ${String(p.default)} | ${p.range} | ${p.description} |`,
    ),
  ];
  return lines.join('\n');
}

/**
 * A parameter's value from its command-line text (`0.5`, `12`, `true`/`false`/`yes`/`no`),
 * checked against its range. `key` is `extractor.name` or the flag.
 *
 * @throws {ImageError} `DEURO_IMAGE_INVALID_PARAMETER` naming the parameter.
 */
export function parseImageParameterValue(key: string, text: string): number | boolean {
  const row = IMAGE_PARAMETERS.find((p) => p.key === key || p.flag === key);
  checkParameter(row !== undefined, key, key, 'an image feature parameter');
  const p = row as ImageParameter;
  const spec = EXTRACTOR_SPECS[p.extractor][p.name] as NumberSpec | BooleanSpec;
  const value = parseText(spec, text.trim());
  checkValue(p.key, spec, value);
  return value as number | boolean;
}

function parseText(spec: NumberSpec | BooleanSpec, text: string): unknown {
  if (spec.type === 'boolean') {
    if (text === 'true' || text === 'yes') return true;
    return text === 'false' || text === 'no' ? false : text;
  }
  return text === '' || !/^[-+0-9.eE]+$/.test(text) ? text : Number(text);
}

function checkValue(field: string, spec: NumberSpec | BooleanSpec, value: unknown): void {
  if (spec.type === 'boolean') {
    checkParameter(typeof value === 'boolean', field, value, 'true or false');
    return;
  }
  const inRange =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (spec.minExclusive === true ? value > spec.min : value >= spec.min) &&
    value <= spec.max &&
    (spec.type === 'number' || Number.isInteger(value));
  const kind = spec.type === 'integer' ? 'an integer' : 'a number';
  const interval = describeRange(spec).replace('integer in ', '');
  checkParameter(inRange, field, value, `${kind} in ${interval}`);
}

function resolve<T extends object>(
  extractor: ImageExtractorName,
  specs: Specs<T>,
  options: unknown,
): T {
  const isObject = typeof options === 'object' && options !== null && !Array.isArray(options);
  checkParameter(options === undefined || isObject, extractor, options, 'an options object');
  const given = (options ?? {}) as Record<string, unknown>;
  const table = specs as Readonly<Record<string, NumberSpec | BooleanSpec>>;
  for (const name of Object.keys(given)) {
    const known = Object.keys(table);
    checkParameter(
      known.includes(name),
      `${extractor}.${name}`,
      name,
      `one of ${known.join(', ')}`,
    );
  }
  const resolved: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(table)) {
    const value = given[name] ?? spec.default;
    checkValue(`${extractor}.${name}`, spec, value);
    resolved[name] = value;
  }
  return resolved as T;
}

function checkSigmaRange(extractor: ImageExtractorName, p: BlobParameters | RidgeParameters): void {
  const rule = `at least ${extractor}.minSigma (${String(p.minSigma)})`;
  checkParameter(p.maxSigma >= p.minSigma, `${extractor}.maxSigma`, p.maxSigma, rule);
}

/**
 * Canny options with defaults filled in, validated.
 *
 * @throws {ImageError} `DEURO_IMAGE_INVALID_PARAMETER` naming the first invalid field.
 */
export function resolveCannyOptions(options: CannyOptions = {}): CannyParameters {
  const p = resolve<CannyParameters>('canny', CANNY_SPECS, options);
  const rule = `at least canny.lowThreshold (${String(p.lowThreshold)})`;
  checkParameter(p.highThreshold >= p.lowThreshold, 'canny.highThreshold', p.highThreshold, rule);
  return p;
}

/**
 * Harris options with defaults filled in, validated.
 *
 * @throws {ImageError} `DEURO_IMAGE_INVALID_PARAMETER` naming the first invalid field.
 */
export function resolveHarrisOptions(options: HarrisOptions = {}): HarrisParameters {
  return resolve<HarrisParameters>('harris', HARRIS_SPECS, options);
}

/**
 * Shi-Tomasi options with defaults filled in, validated.
 *
 * @throws {ImageError} `DEURO_IMAGE_INVALID_PARAMETER` naming the first invalid field.
 */
export function resolveShiTomasiOptions(options: ShiTomasiOptions = {}): ShiTomasiParameters {
  return resolve<ShiTomasiParameters>('shiTomasi', SHI_TOMASI_SPECS, options);
}

/**
 * Laplacian-of-Gaussian blob options with defaults filled in, validated.
 *
 * @throws {ImageError} `DEURO_IMAGE_INVALID_PARAMETER` naming the first invalid field.
 */
export function resolveLogOptions(options: BlobOptions = {}): BlobParameters {
  const p = resolve<BlobParameters>('log', LOG_SPECS, options);
  checkSigmaRange('log', p);
  return p;
}

/**
 * Determinant-of-Hessian blob options with defaults filled in, validated.
 *
 * @throws {ImageError} `DEURO_IMAGE_INVALID_PARAMETER` naming the first invalid field.
 */
export function resolveDohOptions(options: BlobOptions = {}): BlobParameters {
  const p = resolve<BlobParameters>('doh', DOH_SPECS, options);
  checkSigmaRange('doh', p);
  return p;
}

/**
 * Ridge options with defaults filled in, validated.
 *
 * @throws {ImageError} `DEURO_IMAGE_INVALID_PARAMETER` naming the first invalid field.
 */
export function resolveRidgeOptions(options: RidgeOptions = {}): RidgeParameters {
  const p = resolve<RidgeParameters>('ridges', RIDGE_SPECS, options);
  checkSigmaRange('ridges', p);
  return p;
}
