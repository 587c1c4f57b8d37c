/**
 * Options of the whole feature pipeline, WAV in and a feature file out: the front-end options
 * ({@link MfccOptions}) plus the input channel, the resampler, cepstral mean normalisation and
 * dynamic features. Output choices (file format, byte order) are not feature parameters: the
 * same features in `.npy` or `.mfc` are the same feature set, so they are apart
 * ({@link FeatureFileOptions}).
 *
 * {@link resolveMfccPipelineOptions} gives every parameter its value (the defaults are in
 * {@link MFCC_PARAMETERS}), which is what {@link canonicalParameterHash} hashes to register a
 * feature set.
 */

import type { ByteOrder } from './sphinx-mfc-format.js';
import { checkParameter } from './errors.js';
import {
  SPHINX_DEFAULTS,
  resolveMfccOptions,
  type MfccOptions,
  type MfccParameters,
  type ResolvedMfccParameters,
} from './mfcc-options.js';

/** Cepstral mean normalisation: none, over the whole recording, or sphinxbase's live estimate. */
export type MfccCmn = 'none' | 'batch' | 'live';
/** Dynamic features appended to the cepstra. */
export type MfccDeltas = 'none' | 'sphinx' | 'regression';
/** Feature file formats the pipeline writes. */
export type FeatureFileFormat = 'npy' | 'mfc';
/** Which channel of the WAV file: the mean of all, or one by 0-based index. */
export type ChannelChoice = 'mix' | number;

/** The pipeline's parameters beyond the front end's. */
export interface MfccPipelineExtras {
  /** The channel analysed: `mix` averages all channels (default), a number picks one. */
  readonly channel: ChannelChoice;
  /** Stopband attenuation of the resampler, used when the WAV rate is not `sampleRate`. */
  readonly resampleAttenuationDb: number;
  /** Passband edge of the resampler as a fraction of the lower Nyquist frequency. */
  readonly resamplePassband: number;
  /** Cepstral mean normalisation, applied to the cepstra before dynamic features. */
  readonly cmn: MfccCmn;
  /** With `cmn: 'batch'`, also divide by each coefficient's standard deviation. */
  readonly varianceNormalization: boolean;
  /** With `cmn: 'live'`, the initial mean (sphinx `-cmninit`; missing values are 0). */
  readonly cmnInitialMean: readonly number[];
  /** Dynamic features: frames become [c, delta, delta-delta]. */
  readonly deltas: MfccDeltas;
  /** With `deltas: 'regression'`, the half window of the first-order regression. */
  readonly deltaWindow: number;
  /** With `deltas: 'regression'`, the half window of the second-order regression. */
  readonly accelerationWindow: number;
}

/** Every parameter of the pipeline, resolved. */
export type ResolvedMfccPipelineParameters = MfccParameters & MfccPipelineExtras;

/** Options of the pipeline: any subset of {@link ResolvedMfccPipelineParameters}. */
export type MfccPipelineOptions = MfccOptions & Partial<MfccPipelineExtras>;

/** Output choices of the pipeline. */
export interface FeatureFileOptions {
  /** Byte order of a `.mfc` file (default little, as sphinx_fe on x86-64 and arm64); `.npy` is always `<f4`. */
  readonly byteOrder?: ByteOrder;
}

/** The pipeline's own defaults (the front end's are {@link SPHINX_DEFAULTS}). */
export const MFCC_PIPELINE_DEFAULTS: MfccPipelineExtras = {
  channel: 'mix',
  resampleAttenuationDb: 100,
  resamplePassband: 0.9,
  cmn: 'none',
  varianceNormalization: false,
  cmnInitialMean: [8],
  deltas: 'none',
  deltaWindow: 2,
  accelerationWindow: 2,
};

const CMN_KINDS: readonly MfccCmn[] = ['none', 'batch', 'live'];
const DELTA_KINDS: readonly MfccDeltas[] = ['none', 'sphinx', 'regression'];

function isNumberList(value: unknown): boolean {
  return Array.isArray(value) && value.every((x) => typeof x === 'number' && Number.isFinite(x));
}

function checkExtras(p: MfccPipelineExtras): void {
  checkParameter(
    p.channel === 'mix' || (Number.isInteger(p.channel) && p.channel >= 0),
    'channel',
    p.channel,
    "'mix' or a non-negative integer",
  );
  checkParameter(
    p.resampleAttenuationDb >= 40 && p.resampleAttenuationDb <= 180,
    'resampleAttenuationDb',
    p.resampleAttenuationDb,
    'in [40, 180]',
  );
  checkParameter(
    p.resamplePassband > 0 && p.resamplePassband < 1,
    'resamplePassband',
    p.resamplePassband,
    'in (0, 1)',
  );
  checkParameter(CMN_KINDS.includes(p.cmn), 'cmn', p.cmn, `one of ${CMN_KINDS.join(', ')}`);
  checkParameter(
    isNumberList(p.cmnInitialMean),
    'cmnInitialMean',
    String(p.cmnInitialMean),
    'a list of finite numbers',
  );
  checkParameter(
    DELTA_KINDS.includes(p.deltas),
    'deltas',
    p.deltas,
    `one of ${DELTA_KINDS.join(', ')}`,
  );
  for (const field of ['deltaWindow', 'accelerationWindow'] as const) {
    checkParameter(
      Number.isInteger(p[field]) && p[field] > 0 && p[field] <= 100,
      field,
      p[field],
      'an integer in [1, 100]',
    );
  }
}

const FRONT_END_KEYS = Object.keys(SPHINX_DEFAULTS) as (keyof MfccParameters)[];
const KNOWN_KEYS = new Set<string>([...FRONT_END_KEYS, ...Object.keys(MFCC_PIPELINE_DEFAULTS)]);

function pickFrontEnd(p: MfccParameters): MfccParameters {
  return Object.fromEntries(
    FRONT_END_KEYS.map((key) => [key, p[key]]),
  ) as unknown as MfccParameters;
}

/**
 * Fills in every default and validates: the front end as {@link resolveMfccOptions}, plus the
 * pipeline's own options. Options given as `undefined` take their default; an unknown option
 * (a typo) is an error rather than silently ignored. `sampleRate` must be an integer here (WAV
 * rates are).
 *
 * @returns every parameter, without the derived frame sizes: what a feature set registers.
 * @throws {AudioError} `DEURO_AUDIO_INVALID_PARAMETER` naming the first invalid field.
 */
export function resolveMfccPipelineOptions(
  options: MfccPipelineOptions = {},
): ResolvedMfccPipelineParameters {
  const given = Object.fromEntries(
    Object.entries(options as Record<string, unknown>).filter(([, value]) => value !== undefined),
  ) as MfccPipelineOptions;
  for (const key of Object.keys(given)) {
    checkParameter(KNOWN_KEYS.has(key), key, 'set', 'a known option (see MFCC_PARAMETERS)');
  }
  const resolved: ResolvedMfccPipelineParameters = {
    ...SPHINX_DEFAULTS,
    ...MFCC_PIPELINE_DEFAULTS,
    ...given,
  };
  resolveMfccOptions(pickFrontEnd(resolved));
  checkParameter(
    Number.isInteger(resolved.sampleRate),
    'sampleRate',
    resolved.sampleRate,
    'an integer number of Hz',
  );
  checkExtras(resolved);
  return { ...resolved, cmnInitialMean: [...resolved.cmnInitialMean] };
}

/** The front-end part of resolved pipeline parameters, with the derived frame sizes. */
export function frontEndParameters(p: ResolvedMfccPipelineParameters): ResolvedMfccParameters {
  return resolveMfccOptions(pickFrontEnd(p));
}

/** Values per output frame: the cepstra, tripled with dynamic features. */
export function featureDimension(p: ResolvedMfccPipelineParameters): number {
  return p.deltas === 'none' ? p.cepstrumCount : 3 * p.cepstrumCount;
}
