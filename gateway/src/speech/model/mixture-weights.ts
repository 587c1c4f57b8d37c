/**
 * The senone mixture weights of a PTM or semi-continuous model as pocketsphinx stores them in
 * `sendump` (pocketsphinx `ptm_mgau.c`, `read_sendump`), in the writer's byte order (a title
 * length outside 1..999 means the other order):
 *
 * ```
 * int32 len; char title[len]           NUL-terminated ("BEGIN FILE FORMAT DESCRIPTION")
 * int32 len; char header[len]          NUL-terminated
 * (int32 len; char line[len])*         until len = 0: format text, and the settings
 *                                      "feature_count N", "mixture_count N", "model_count N",
 *                                      "cluster_count N" (0, 15 or 16), "cluster_bits N" (8 or 4)
 * int32 rows, int32 cols               only when cluster_count is 0: n_density, n_sen
 * uint8 cluster codebook[cluster_count]  (none here)
 * uint8 weights[n_feat][rows][cols]    transposed: codeword-major, one byte per senone
 * ```
 *
 * Each byte is a quantised negated log weight: w = 1.0001^(-1024 v), i.e. ln w = -v x 1024 x
 * ln 1.0001 (pocketsphinx's logmath base 1.0001 shifted by SENSCR_SHIFT = 10 bits), so one step
 * is 0.1024 nats. For the en-us model the weights of each senone and stream sum to 0.91..0.99.
 */

import { checkModel } from '../align/speech-error.js';

/** Natural-log size of one quantisation step of `sendump` values (and of pocketsphinx scores). */
export const LOG_WEIGHT_STEP = 1024 * Math.log(1.0001);

/** Mixture weights `[stream][codeword][senone]`. */
export interface MixtureWeights {
  readonly streamCount: number;
  readonly densityCount: number;
  readonly senoneCount: number;
  /** Quantised negated log weights, `[stream][codeword][senone]`. */
  readonly quantized: Uint8Array;
  /** The settings lines of the header (`feature_count 3`, ...). */
  readonly settings: ReadonlyMap<string, number>;
}

const FILE = 'sendump';

interface Cursor {
  at: number;
  readonly view: DataView;
  readonly little: boolean;
}

function int32(cursor: Cursor): number {
  checkModel(cursor.at + 4 <= cursor.view.byteLength, FILE, 'truncated header');
  const value = cursor.view.getInt32(cursor.at, cursor.little);
  cursor.at += 4;
  return value;
}

function readString(cursor: Cursor, bytes: Uint8Array): string | undefined {
  const length = int32(cursor);
  if (length === 0) return undefined;
  checkModel(length > 0 && cursor.at + length <= bytes.length, FILE, 'bad header string length');
  const text = new TextDecoder('latin1').decode(bytes.subarray(cursor.at, cursor.at + length));
  cursor.at += length;
  return text.replace(/\0+$/, '');
}

function readSettings(cursor: Cursor, bytes: Uint8Array): Map<string, number> {
  const settings = new Map<string, number>();
  for (let line = readString(cursor, bytes); line !== undefined; line = readString(cursor, bytes)) {
    const match =
      /^(feature_count|mixture_count|model_count|cluster_count|cluster_bits) (\d+)/.exec(line);
    if (match?.[1] !== undefined) settings.set(match[1], Number(match[2]));
  }
  return settings;
}

/**
 * Reads a `sendump` file.
 *
 * @param expected - Sizes from the other model files, checked as pocketsphinx checks them.
 * @throws {SpeechError} `DEURO_SPEECH_MODEL_MALFORMED` for a bad header, sizes or clustering.
 */
export function readMixtureWeights(
  bytes: Uint8Array,
  expected: { streamCount: number; densityCount: number; senoneCount: number },
): MixtureWeights {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  checkModel(bytes.length >= 8, FILE, 'too short');
  const titleLength = view.getInt32(0, true);
  const little = titleLength >= 1 && titleLength <= 999;
  const cursor: Cursor = { at: 0, view, little };
  checkModel(readString(cursor, bytes) !== undefined, FILE, 'no title');
  checkModel(readString(cursor, bytes) !== undefined, FILE, 'no header');
  const settings = readSettings(cursor, bytes);
  const streamCount = settings.get('feature_count') ?? expected.streamCount;
  let densityCount = settings.get('mixture_count') ?? expected.densityCount;
  let senoneCount = settings.get('model_count') ?? expected.senoneCount;
  checkModel((settings.get('cluster_count') ?? 0) === 0, FILE, 'clustered weights not supported');
  checkModel((settings.get('cluster_bits') ?? 8) === 8, FILE, '4-bit weights not supported');
  densityCount = int32(cursor);
  senoneCount = int32(cursor);
  checkModel(streamCount === expected.streamCount, FILE, 'stream count differs from means');
  checkModel(densityCount === expected.densityCount, FILE, 'density count differs from means');
  checkModel(senoneCount === expected.senoneCount, FILE, 'senone count differs from mdef');
  const size = streamCount * densityCount * senoneCount;
  checkModel(cursor.at + size === bytes.length, FILE, 'weight array size does not match');
  const quantized = bytes.slice(cursor.at, cursor.at + size);
  return { streamCount, densityCount, senoneCount, quantized, settings };
}
