/**
 * Loading the CMU Sphinx en-us acoustic model (Debian `pocketsphinx-en-us`) and its
 * pronouncing dictionary from their files. Every file is parsed here (see
 * docs/speech.md for the formats); nothing runs pocketsphinx.
 */

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { SpeechError, SpeechErrorCode } from '../align/speech-error.js';
import { buildCodebooks, type Codebooks } from './codebooks.js';
import { checkFeatureParameters, parseFeatureParameters } from './feature-parameters.js';
import { readGaussianParameters, type GaussianParameters } from './gaussian-parameters.js';
import { readMixtureWeights, type MixtureWeights } from './mixture-weights.js';
import { readModelDefinition, type ModelDefinition } from './model-definition.js';
import {
  parsePronouncingDictionary,
  type PronouncingDictionary,
} from './pronouncing-dictionary.js';
import { readTransitionMatrices, type TransitionMatrices } from './transition-matrices.js';

/** Where Debian's `pocketsphinx-en-us` installs the acoustic model. */
export const DEFAULT_MODEL_DIRECTORY = '/usr/share/pocketsphinx/model/en-us/en-us';
/** Where Debian's `pocketsphinx-en-us` installs the pronouncing dictionary. */
export const DEFAULT_DICTIONARY_PATH = '/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict';
/** The Debian package that provides both. */
export const MODEL_PACKAGE = 'pocketsphinx-en-us';

/** A loaded acoustic model. */
export interface AcousticModel {
  /** The directory it was read from. */
  readonly directory: string;
  readonly definition: ModelDefinition;
  readonly means: GaussianParameters;
  readonly variances: GaussianParameters;
  readonly mixtureWeights: MixtureWeights;
  readonly transitions: TransitionMatrices;
  /** Filler words (`<sil>`, `[NOISE]`, ...) and their phones. */
  readonly noiseDictionary: PronouncingDictionary;
  /** `feat.params`, flags without dashes. */
  readonly featureParameters: ReadonlyMap<string, string>;
  /** Scoring tables derived from the above. */
  readonly codebooks: Codebooks;
}

async function readModelFile(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new SpeechError(
        SpeechErrorCode.modelMissing,
        `${path} not found: install the Debian package ${MODEL_PACKAGE} (apt-get install -y ${MODEL_PACKAGE})`,
        { field: path },
        error,
      );
    }
    throw error;
  }
}

/** The files of a model directory that Deuro reads, in the order it reads them. */
export const MODEL_FILE_NAMES: readonly string[] = [
  'mdef',
  'means',
  'variances',
  'sendump',
  'transition_matrices',
  'noisedict',
  'feat.params',
];

/**
 * Loads the acoustic model: `mdef`, `means`, `variances`, `sendump`, `transition_matrices`,
 * `noisedict` and `feat.params` from `directory`.
 *
 * @param directory - Default {@link DEFAULT_MODEL_DIRECTORY}.
 * @throws {SpeechError} `DEURO_SPEECH_MODEL_MISSING` (naming the package) when a file is absent,
 *   `DEURO_SPEECH_MODEL_MALFORMED` when one cannot be read or they disagree.
 */
export async function loadAcousticModel(
  directory: string = DEFAULT_MODEL_DIRECTORY,
): Promise<AcousticModel> {
  const [mdef, meanBytes, varianceBytes, sendump, tmat, noise, params] = await Promise.all(
    MODEL_FILE_NAMES.map((name) => readModelFile(join(directory, name))),
  );
  const text = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes);
  const definition = readModelDefinition(mdef ?? new Uint8Array(0));
  const means = readGaussianParameters(meanBytes ?? new Uint8Array(0), 'means');
  const variances = readGaussianParameters(varianceBytes ?? new Uint8Array(0), 'variances');
  const mixtureWeights = readMixtureWeights(sendump ?? new Uint8Array(0), {
    streamCount: means.streamCount,
    densityCount: means.densityCount,
    senoneCount: definition.senoneCount,
  });
  const transitions = readTransitionMatrices(tmat ?? new Uint8Array(0), 'transition_matrices');
  const featureParameters = parseFeatureParameters(text(params));
  checkFeatureParameters(featureParameters);
  return {
    directory,
    definition,
    means,
    variances,
    mixtureWeights,
    transitions,
    noiseDictionary: parsePronouncingDictionary(text(noise), 'noisedict'),
    featureParameters,
    codebooks: buildCodebooks(definition, means, variances, mixtureWeights),
  };
}

/**
 * Loads a pronouncing dictionary (default: Debian's `cmudict-en-us.dict`).
 *
 * @throws {SpeechError} `DEURO_SPEECH_MODEL_MISSING` when the file is absent.
 */
export async function loadDictionary(
  path: string = DEFAULT_DICTIONARY_PATH,
): Promise<PronouncingDictionary> {
  const bytes = await readModelFile(path);
  return parsePronouncingDictionary(new TextDecoder().decode(bytes), path);
}
