/**
 * The model's `feat.params`: the front-end and feature flags it was trained with, one
 * `-flag value` per line. Deuro computes the model's features itself (`model-features.ts`); this
 * reader checks that the model asks for what Deuro computes.
 */

import { POCKETSPHINX_EN_US, type MfccOptions } from '../../features/audio/index.js';
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
};

/**
 * Checks that every flag Deuro implements has the value Deuro implements (flags the file omits
 * take sphinx defaults, which must then match too; `-cmninit` is only used by live CMN).
 *
 * @throws {SpeechError} `DEURO_SPEECH_MODEL_MALFORMED` naming the first flag that differs.
 */
export function checkFeatureParameters(flags: ReadonlyMap<string, string>): MfccOptions {
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
