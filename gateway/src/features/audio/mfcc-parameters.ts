/**
 * The one table of the MFCC pipeline's parameters: name, command-line flag, type, default, unit,
 * description and allowed range of every option of {@link MfccPipelineOptions} and of the
 * output choices. The `deuro features mfcc` command builds its flags from it (values parsed by
 * {@link parseMfccParameterValue}), and docs/features-audio.md carries
 * {@link formatMfccParameterTable}'s rendering of it (a test fails when the page drifts), so
 * code, CLI and docs share one source.
 *
 * Defaults are read from {@link SPHINX_DEFAULTS} and {@link MFCC_PIPELINE_DEFAULTS}, never
 * repeated; the table is typed so that an option without a row does not compile.
 */

import { SPHINX_DEFAULTS } from './mfcc-options.js';
import {
  MFCC_PIPELINE_DEFAULTS,
  type FeatureFileFormat,
  type ResolvedMfccPipelineParameters,
} from './mfcc-pipeline-options.js';
import type { ByteOrder } from './sphinx-mfc-format.js';

/** How a parameter's value is written on a command line. */
export type MfccParameterType =
  'number' | 'integer' | 'boolean' | 'choice' | 'number-list' | 'channel';

/** A parameter's value: what {@link parseMfccParameterValue} returns. */
export type MfccParameterValue = number | boolean | string | readonly number[];

/** Where a parameter acts. */
export type MfccParameterGroup =
  'input' | 'front end' | 'cepstra' | 'normalisation' | 'dynamic features' | 'output';

/** One row of {@link MFCC_PARAMETERS}. */
export interface MfccParameterSpec {
  /** The option's name in {@link MfccPipelineOptions} (or in the output choices). */
  readonly name: string;
  /** The long command-line flag, e.g. `--sample-rate`. */
  readonly flag: string;
  /** The matching sphinx_fe flag, if there is one. */
  readonly sphinxFlag: string | undefined;
  readonly type: MfccParameterType;
  readonly default: MfccParameterValue;
  /** The unit, or '' for none. */
  readonly unit: string;
  readonly description: string;
  /** The allowed values, as a person reads them. */
  readonly range: string;
  /** For `choice`: the allowed values. */
  readonly choices: readonly string[] | undefined;
  readonly group: MfccParameterGroup;
}

/** The output choices of the pipeline, with their defaults. */
export interface MfccOutputChoices {
  readonly format: FeatureFileFormat;
  readonly byteOrder: ByteOrder;
}

/** Defaults of the output choices. */
export const MFCC_OUTPUT_DEFAULTS: MfccOutputChoices = { format: 'npy', byteOrder: 'little' };

type Row = Omit<MfccParameterSpec, 'name' | 'flag' | 'default' | 'choices' | 'sphinxFlag'> & {
  readonly sphinxFlag?: string;
  readonly choices?: readonly string[];
};

const ROWS = {
  channel: {
    type: 'channel',
    unit: '',
    range: '`mix` or a channel index from 0',
    description: 'Channel analysed: `mix` averages all channels of the WAV file.',
    group: 'input',
  },
  sampleRate: {
    sphinxFlag: '-samprate',
    type: 'integer',
    unit: 'Hz',
    range: '> 0; upperFrequency <= sampleRate / 2 + 1',
    description: 'Rate the front end works at; the WAV file is resampled to it when it differs.',
    group: 'input',
  },
  resampleAttenuationDb: {
    type: 'number',
    unit: 'dB',
    range: '[40, 180]',
    description: 'Stopband attenuation of the resampler (used only when resampling).',
    group: 'input',
  },
  resamplePassband: {
    type: 'number',
    unit: '',
    range: '(0, 1)',
    description: 'Resampler passband edge, as a fraction of the lower Nyquist frequency.',
    group: 'input',
  },
  inputScale: {
    type: 'number',
    unit: '',
    range: '> 0',
    description: 'Multiplies the [-1, 1) samples; 32768 works in 16-bit units as sphinx_fe.',
    group: 'input',
  },
  frameRate: {
    sphinxFlag: '-frate',
    type: 'number',
    unit: 'frames/s',
    range: '> 0; shift (int)(sampleRate / frameRate + 0.5) > 1',
    description: 'Frames per second; the frame shift is rounded to samples (160 at 16 kHz).',
    group: 'front end',
  },
  windowLength: {
    sphinxFlag: '-wlen',
    type: 'number',
    unit: 's',
    range: '> 0; at least one frame shift, at most fftSize samples',
    description: 'Hamming window length, rounded to samples (410 at 16 kHz).',
    group: 'front end',
  },
  fftSize: {
    sphinxFlag: '-nfft',
    type: 'integer',
    unit: 'samples',
    range: 'a power of two, at least the window',
    description: 'FFT size; the window is zero padded to it.',
    group: 'front end',
  },
  preEmphasis: {
    sphinxFlag: '-alpha',
    type: 'number',
    unit: '',
    range: '[0, 1)',
    description: 'Pre-emphasis y[n] = x[n] - a x[n - 1], carried across frames; 0 for none.',
    group: 'front end',
  },
  removeDc: {
    sphinxFlag: '-remove_dc',
    type: 'boolean',
    unit: '',
    range: 'yes or no',
    description: "Subtract each frame's mean before the window.",
    group: 'front end',
  },
  filterCount: {
    sphinxFlag: '-nfilt',
    type: 'integer',
    unit: '',
    range: '>= cepstrumCount',
    description: 'Number of triangular mel filters.',
    group: 'front end',
  },
  lowerFrequency: {
    sphinxFlag: '-lowerf',
    type: 'number',
    unit: 'Hz',
    range: '>= 0, below upperFrequency',
    description: 'Lower edge of the filter bank.',
    group: 'front end',
  },
  upperFrequency: {
    sphinxFlag: '-upperf',
    type: 'number',
    unit: 'Hz',
    range: 'above lowerFrequency, <= sampleRate / 2 + 1',
    description: 'Upper edge of the filter bank.',
    group: 'front end',
  },
  unitArea: {
    sphinxFlag: '-unit_area',
    type: 'boolean',
    unit: '',
    range: 'yes or no',
    description: 'Scale each filter to unit area.',
    group: 'front end',
  },
  roundFilters: {
    sphinxFlag: '-round_filters',
    type: 'boolean',
    unit: '',
    range: 'yes or no',
    description: 'Round filter edges to FFT bins.',
    group: 'front end',
  },
  doubleBandwidth: {
    sphinxFlag: '-doublebw',
    type: 'boolean',
    unit: '',
    range: 'yes or no',
    description: 'Filters twice as wide, same centres.',
    group: 'front end',
  },
  logFloor: {
    type: 'number',
    unit: '',
    range: '>= 0',
    description: "Added to each mel energy before the natural log (sphinx_fe's LOG_FLOOR).",
    group: 'front end',
  },
  cepstrumCount: {
    sphinxFlag: '-ncep',
    type: 'integer',
    unit: '',
    range: '1 to filterCount',
    description: 'Cepstra per frame.',
    group: 'cepstra',
  },
  transform: {
    sphinxFlag: '-transform',
    type: 'choice',
    choices: ['legacy', 'dct', 'htk', 'dct-unnormalized'],
    unit: '',
    range: 'legacy, dct, htk, dct-unnormalized',
    description: "Cepstral transform: Sphinx's legacy DCT, orthogonal DCT-II, HTK's, or unscaled.",
    group: 'cepstra',
  },
  lifter: {
    sphinxFlag: '-lifter',
    type: 'integer',
    unit: '',
    range: '>= 0',
    description: 'Sine lifter length; 0 for none.',
    group: 'cepstra',
  },
  cmn: {
    sphinxFlag: '-cmn',
    type: 'choice',
    choices: ['none', 'batch', 'live'],
    unit: '',
    range: 'none, batch, live',
    description:
      "Cepstral mean normalisation: none, over the recording, or sphinxbase's running mean.",
    group: 'normalisation',
  },
  varianceNormalization: {
    sphinxFlag: '-varnorm',
    type: 'boolean',
    unit: '',
    range: 'yes or no',
    description: "With cmn batch, also divide by each coefficient's standard deviation.",
    group: 'normalisation',
  },
  cmnInitialMean: {
    sphinxFlag: '-cmninit',
    type: 'number-list',
    unit: '',
    range: 'comma-separated numbers',
    description: 'With cmn live, the initial mean (missing values are 0).',
    group: 'normalisation',
  },
  deltas: {
    type: 'choice',
    choices: ['none', 'sphinx', 'regression'],
    unit: '',
    range: 'none, sphinx, regression',
    description: 'Append deltas and delta-deltas: Sphinx 1s_c_d_dd, or HTK regression.',
    group: 'dynamic features',
  },
  deltaWindow: {
    type: 'integer',
    unit: 'frames',
    range: '1 to 100',
    description: 'With deltas regression, half window of the deltas (HTK DELTAWINDOW).',
    group: 'dynamic features',
  },
  accelerationWindow: {
    type: 'integer',
    unit: 'frames',
    range: '1 to 100',
    description: 'With deltas regression, half window of the delta-deltas (HTK ACCWINDOW).',
    group: 'dynamic features',
  },
  format: {
    type: 'choice',
    choices: ['npy', 'mfc'],
    unit: '',
    range: 'npy, mfc',
    description: 'Output file: NumPy .npy (<f4, frames x dimension) or Sphinx .mfc.',
    group: 'output',
  },
  byteOrder: {
    sphinxFlag: '-mach_endian',
    type: 'choice',
    choices: ['little', 'big'],
    unit: '',
    range: 'little, big',
    description: 'Byte order of a .mfc file (.npy is always little-endian).',
    group: 'output',
  },
} as const satisfies Record<keyof ResolvedMfccPipelineParameters | keyof MfccOutputChoices, Row>;

const DEFAULTS: ResolvedMfccPipelineParameters & MfccOutputChoices = {
  ...SPHINX_DEFAULTS,
  ...MFCC_PIPELINE_DEFAULTS,
  ...MFCC_OUTPUT_DEFAULTS,
};

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** Every parameter of the MFCC pipeline and its output, in the order the docs list them. */
export const MFCC_PARAMETERS: readonly MfccParameterSpec[] = Object.entries(ROWS).map(
  ([name, row]: [string, Row]) => ({
    name,
    flag: `--${kebab(name)}`,
    sphinxFlag: row.sphinxFlag,
    type: row.type,
    default: DEFAULTS[name as keyof typeof DEFAULTS],
    unit: row.unit,
    description: row.description,
    range: row.range,
    choices: row.choices,
    group: row.group,
  }),
);
