/**
 * Sphinx-3 Gaussian parameter files (`means`, `variances`; sphinxbase `ms_gauden.c`,
 * `gauden_param_read`): an s3 file whose payload is
 *
 * ```
 * int32 n_mgau                 codebooks (one per CI phone in a PTM model)
 * int32 n_feat                 feature streams
 * int32 n_density              Gaussians per codebook and stream
 * int32 veclen[n_feat]         dimensions of each stream
 * int32 n                      n_mgau x n_density x sum(veclen)
 * float32 [n_mgau][n_feat][n_density][veclen[f]]
 * uint32 checksum              (chksum0)
 * ```
 */

import { checkModel } from '../align/speech-error.js';
import { openS3File } from './s3-file.js';

/** One of `means` or `variances`. */
export interface GaussianParameters {
  readonly codebookCount: number;
  readonly streamCount: number;
  readonly densityCount: number;
  /** Dimensions of each stream. */
  readonly streamLengths: readonly number[];
  /** `[codebook][stream][density][dimension]`, streams of their own lengths, row major. */
  readonly values: Float32Array;
}

const MAX_COUNT = 1 << 20;

function count(value: number, file: string, what: string): number {
  checkModel(Number.isInteger(value) && value > 0 && value < MAX_COUNT, file, `bad ${what}`);
  return value;
}

/**
 * Reads a `means` or `variances` file.
 *
 * @throws {SpeechError} `DEURO_SPEECH_MODEL_MALFORMED` naming the file when sizes or checksum disagree.
 */
export function readGaussianParameters(bytes: Uint8Array, file: string): GaussianParameters {
  const reader = openS3File(bytes, file);
  const codebookCount = count(reader.int32(), file, 'codebook count');
  const streamCount = count(reader.int32(), file, 'stream count');
  const densityCount = count(reader.int32(), file, 'density count');
  const streamLengths: number[] = [];
  for (let f = 0; f < streamCount; f++) streamLengths.push(count(reader.int32(), file, 'veclen'));
  const width = streamLengths.reduce((a, b) => a + b, 0);
  const total = reader.int32();
  checkModel(
    total === codebookCount * densityCount * width,
    file,
    `value count ${String(total)} is not ${String(codebookCount)} x ${String(densityCount)} x ${String(width)}`,
  );
  const values = reader.float32s(total);
  reader.end();
  return { codebookCount, streamCount, densityCount, streamLengths, values };
}
