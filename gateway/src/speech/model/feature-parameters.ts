/**
 * The model's `feat.params`: the front-end and feature flags it was trained with, one
 * `-flag value` per line. Deuro computes the model's features itself (`model-features.ts`); this
 * reader checks that the model asks for what Deuro computes.
 */

import {
  POCKETSPHINX_EN_US,
  SPHINX_DEFAULTS,
  type MfccOptions,
} from '../../features/audio/index.js';
import { checkModel } from '../align/speech-error.js';

const FILE = 'feat.params';

/** Parses `-flag value` lines into a map without the dashes. */
export function parseFeatureParameters(text: string): ReadonlyMap<string, string> {
  const flags = new Map<string, string>();
  for (const line of text.split('\n')) {
    const words = line.trim().split(/\s+/);
    const [flag, value] = words;
    if (flag === undefined || flag === '') continue;
    checkModel(flag.startsWith('-') && value !== undefined, FILE, `bad line "${line.trim()}"`);
    flags.set(flag.slice(1), value);
  }
  return flags;
}

/** The flags Deuro's model features implement, with the values they implement. */
export const SUPPORTED_FEATURE_FLAGS: Readonly<Record<string, string>> = {
  feat: '1s_c_d_dd',
  svspec: '0-12/13-25/26-38',
  cmn: 'batch',
  varnorm: 'no',
  agc: 'none',
  model: 'ptm',
  lowerf: String(POCKETSPHINX_EN_US.lowerFrequency),
  upperf: String(POCKETSPHINX_EN_US.upperFrequency),
  nfilt: String(POCKETSPHINX_EN_US.filterCount),
  transform: String(POCKETSPHINX_EN_US.transform),
  lifter: String(POCKETSPHINX_EN_US.lifter),
  samprate: String(SPHINX_DEFAULTS.sampleRate),
  frate: String(SPHINX_DEFAULTS.frameRate),
  wlen: String(SPHINX_DEFAULTS.windowLength),
  nfft: String(SPHINX_DEFAULTS.fftSize),
  ncep: String(SPHINX_DEFAULTS.cepstrumCount),
  alpha: String(SPHINX_DEFAULTS.preEmphasis),
};

/** Flags that do not change Deuro's features: `-cmninit` only seeds live CMN. */
const IGNORED_FEATURE_FLAGS: ReadonlySet<string> = new Set(['cmninit']);

/**
 * Checks that every flag Deuro implements has the value Deuro implements (flags the file omits
 * take sphinx defaults, which must then match too; `-cmninit` is only used by live CMN), and
 * that the file has no other flag: one Deuro does not know may change the features.
 *
 * @throws {SpeechError} `DEURO_SPEECH_MODEL_MALFORMED` naming the first flag that differs or
 *   is unknown.
 */
export function checkFeatureParameters(flags: ReadonlyMap<string, string>): MfccOptions {
  for (const flag of flags.keys()) {
    checkModel(
      Object.hasOwn(SUPPORTED_FEATURE_FLAGS, flag) || IGNORED_FEATURE_FLAGS.has(flag),
      FILE,
      `-${flag} is not a flag Deuro knows`,
    );
  }
  for (const [flag, wanted] of Object.entries(SUPPORTED_FEATURE_FLAGS)) {
    const value = flags.get(flag);
    checkModel(
      value === undefined || Number(value) === Number(wanted) || value === wanted,
      FILE,
      `-${flag} ${value ?? ''} is not supported (Deuro computes ${wanted})`,
    );
  }
  return POCKETSPHINX_EN_US;
}
