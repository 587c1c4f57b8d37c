/**
 * The forced aligner: a recording and its transcript in, word and phone timings, word
 * confidences and a verdict out. See docs/speech.md.
 */

import {
  loadAcousticModel,
  loadDictionary,
  modelCepstra,
  type AcousticModel,
  type FeatureMatrix,
  type PronouncingDictionary,
} from '../model/index.js';
import { resolveAlignOptions, type AlignOptions } from './align-options.js';
import type { Alignment } from './alignment.js';
import { buildAlignmentNetwork } from './alignment-network.js';
import { hopEnergies } from './boundary-refinement.js';
import { alignmentFromPath } from './alignment-output.js';
import {
  runAlignmentSearch,
  type SearchResult,
  type SearchStatistics,
} from './alignment-search.js';
import type { HmmNetwork } from './hmm-network.js';
import { SpeechError, SpeechErrorCode, checkOption } from './speech-error.js';
import { transcriptWords } from './transcript.js';

/** The acoustic model and dictionary, loaded once and reused across alignments. */
export interface LoadedSpeechModel {
  readonly acoustic: AcousticModel;
  readonly dictionary: PronouncingDictionary;
}

/** Where to load them from (defaults: Debian `pocketsphinx-en-us`). */
export interface SpeechModelPaths {
  readonly modelDirectory?: string;
  readonly dictionaryPath?: string;
}

/** The input of {@link alignTranscript}. */
export interface AlignInput {
  /** Mono samples in [-1, 1). */
  readonly samples: Float32Array;
  /** Their rate in Hz (resampled to 16 kHz when different). */
  readonly sampleRate: number;
  /** What the recording should say. */
  readonly transcript: string;
}

/** An alignment with the search's effort figures. */
export interface AlignmentRun {
  readonly alignment: Alignment;
  readonly statistics: SearchStatistics & {
    /** HMM nodes in the compiled network. */
    readonly networkNodes: number;
  };
}

let defaultModel: Promise<LoadedSpeechModel> | undefined;

/**
 * Loads the acoustic model and the dictionary.
 *
 * @throws {SpeechError} `DEURO_SPEECH_MODEL_MISSING` naming the Debian package when a file is
 *   absent, `DEURO_SPEECH_MODEL_MALFORMED` when one cannot be read.
 */
export async function loadSpeechModel(paths: SpeechModelPaths = {}): Promise<LoadedSpeechModel> {
  const [acoustic, dictionary] = await Promise.all([
    loadAcousticModel(paths.modelDirectory),
    loadDictionary(paths.dictionaryPath),
  ]);
  return { acoustic, dictionary };
}

function sharedDefaultModel(): Promise<LoadedSpeechModel> {
  defaultModel ??= loadSpeechModel().catch((error: unknown) => {
    defaultModel = undefined;
    throw error;
  });
  return defaultModel;
}

/**
 * The search with the beam, then, when no path reached the end (a wrong transcript often ends
 * so: the paths that would finish in time fall out of the beam behind ones that lag), once more
 * with the retry beam.
 */
function searchWithRetry(
  acoustic: AcousticModel,
  network: HmmNetwork,
  cepstra: FeatureMatrix,
  settings: Required<AlignOptions>,
): SearchResult {
  const search = (beam: number): SearchResult =>
    runAlignmentSearch(acoustic, network, cepstra, {
      beam,
      loopBeam: settings.loopBeam,
      phoneInsertionPenalty: -settings.phoneInsertionPenalty,
      topN: settings.topN,
    });
  const first = search(settings.beam);
  if (first.path !== undefined || settings.retryBeam <= settings.beam) return first;
  return search(settings.retryBeam);
}

function checkInput(input: AlignInput): void {
  checkOption(
    input.samples instanceof Float32Array,
    'samples',
    typeof input.samples,
    'a Float32Array',
  );
  checkOption(
    typeof input.transcript === 'string',
    'transcript',
    typeof input.transcript,
    'a string',
  );
}

/**
 * Aligns and also returns the search's effort figures (active HMMs and codebooks per frame,
 * history records).
 *
 * @throws {SpeechError} as {@link alignTranscript}.
 */
export async function alignTranscriptWithStatistics(
  input: AlignInput,
  options: AlignOptions = {},
  model?: LoadedSpeechModel,
): Promise<AlignmentRun> {
  checkInput(input);
  const settings = resolveAlignOptions(options);
  const loaded = model ?? (await sharedDefaultModel());
  const words = transcriptWords(input.transcript, loaded.dictionary);
  const cepstra = modelCepstra(input.samples, input.sampleRate, {
    ditherSteps: settings.ditherSteps,
  });
  const phonesNeeded = words.reduce(
    (sum, w) => sum + Math.min(...w.pronunciations.map((p) => p.length)),
    0,
  );
  if (cepstra.frameCount < 3 * phonesNeeded) {
    throw new SpeechError(
      SpeechErrorCode.audioTooShort,
      `${String(cepstra.frameCount)} frames of audio cannot hold ${String(phonesNeeded)} phones (3 frames each)`,
      { field: 'samples', value: cepstra.frameCount },
    );
  }
  const { network } = buildAlignmentNetwork(loaded.acoustic, words, {
    silencePenalty: -settings.silencePenalty,
    fillerPenalty: -settings.fillerPenalty,
  });
  const result = searchWithRetry(loaded.acoustic, network, cepstra, settings);
  if (result.path === undefined) {
    const beam = Math.max(settings.beam, settings.retryBeam);
    throw new SpeechError(
      SpeechErrorCode.noPath,
      `no path through the transcript reached the end of the audio within a beam of ${String(beam)}`,
      { field: 'beam', value: beam },
    );
  }
  const alignment = alignmentFromPath({
    model: loaded.acoustic,
    network,
    words,
    path: result.path.phones,
    loopScores: result.loopScores,
    frames: result.frames,
    duration: input.samples.length / input.sampleRate,
    threshold: settings.verdictThreshold,
    worstWordMargin: settings.worstWordMargin,
    energies: hopEnergies(input.samples, input.sampleRate, result.frames),
  });
  return { alignment, statistics: { ...result.statistics, networkNodes: network.nodeCount } };
}

/**
 * Aligns a transcript to a recording: word and phone timings, a confidence per word, and a
 * verdict on whether the recording says the transcript.
 *
 * @param model - From {@link loadSpeechModel}; when omitted the default model is loaded once
 *   and shared.
 * @throws {SpeechError} `DEURO_SPEECH_UNKNOWN_WORDS` (listing them), `DEURO_SPEECH_EMPTY_TRANSCRIPT`,
 *   `DEURO_SPEECH_AUDIO_TOO_SHORT`, `DEURO_SPEECH_NO_PATH`, `DEURO_SPEECH_INVALID_OPTION`,
 *   `DEURO_SPEECH_MODEL_MISSING`, `DEURO_SPEECH_MODEL_MALFORMED`.
 */
export async function alignTranscript(
  input: AlignInput,
  options: AlignOptions = {},
  model?: LoadedSpeechModel,
): Promise<Alignment> {
  return (await alignTranscriptWithStatistics(input, options, model)).alignment;
}
