/**
 * Sphinx-3 transition matrix files (`transition_matrices`; pocketsphinx `tmat.c`): an s3 file
 * whose payload is
 *
 * ```
 * int32 n_tmat, n_src, n_dst   n_dst = n_src + 1 (the last column is the exit state)
 * int32 n                      n_tmat x n_src x n_dst
 * float32 [n_tmat][n_src][n_dst]   counts or probabilities, normalised per row here
 * uint32 checksum              (chksum0)
 * ```
 *
 * Each row is normalised, its non-zero entries floored at `-tmatfloor` (1e-4) and normalised
 * again, as pocketsphinx does; zero entries stay impossible (-Infinity), so the en-us model's
 * HMMs are strictly left to right (self loop or next state, no skips).
 */

import { checkModel } from '../align/speech-error.js';
import { openS3File } from './s3-file.js';

/** Log transition probabilities of every matrix. */
export interface TransitionMatrices {
  readonly count: number;
  /** Emitting states per HMM (n_src). */
  readonly stateCount: number;
  /** Natural-log probabilities `[tmat][from][to]`, `to` in 0..stateCount (stateCount = exit). */
  readonly logProbabilities: Float64Array;
}

/** pocketsphinx's `-tmatfloor` default. */
export const TRANSITION_FLOOR = 1e-4;

function normalizeRow(row: Float32Array, floor: number): Float64Array {
  let sum = row.reduce((a, b) => a + b, 0);
  const p = Float64Array.from(row, (x) => (sum > 0 ? x / sum : x));
  for (let k = 0; k < p.length; k++) if ((p[k] ?? 0) !== 0 && (p[k] ?? 0) < floor) p[k] = floor;
  sum = p.reduce((a, b) => a + b, 0);
  return p.map((x) => (x > 0 ? Math.log(x / sum) : -Infinity));
}

/**
 * Reads a `transition_matrices` file.
 *
 * @throws {SpeechError} `DEURO_SPEECH_MODEL_MALFORMED` when sizes, topology or checksum disagree.
 */
export function readTransitionMatrices(
  bytes: Uint8Array,
  file: string,
  floor = TRANSITION_FLOOR,
): TransitionMatrices {
  const reader = openS3File(bytes, file);
  const count = reader.int32();
  const from = reader.int32();
  const to = reader.int32();
  const total = reader.int32();
  checkModel(count > 0 && from > 0 && to === from + 1, file, 'expected n_dst = n_src + 1');
  checkModel(total === count * from * to, file, 'value count does not match the dimensions');
  const raw = reader.float32s(total);
  reader.end();
  const logProbabilities = new Float64Array(total);
  for (let row = 0; row < count * from; row++) {
    logProbabilities.set(normalizeRow(raw.subarray(row * to, (row + 1) * to), floor), row * to);
  }
  for (let m = 0; m < count; m++) {
    for (let i = 0; i < from; i++) {
      for (let j = 0; j < i; j++) {
        checkModel(
          logProbabilities[(m * from + i) * to + j] === -Infinity,
          file,
          `matrix ${String(m)} is not left to right`,
        );
      }
    }
  }
  return { count, stateCount: from, logProbabilities };
}
