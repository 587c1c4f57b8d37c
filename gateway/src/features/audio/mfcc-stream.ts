/**
 * MFCC features of a WAV recording, streaming ({@link extractMfccStream}: a byte stream in, a
 * feature file written to a stream, memory bounded by a window) or in memory
 * ({@link extractMfcc}: the same pipeline composed from the batch functions, the reference the
 * stream is tested against byte for byte).
 *
 * The stream computes the frame count from the WAV header and writes the file header first, so
 * the output needs no seek: it can be a pipe, a socket or an HTTP response (see
 * `mfcc-feature-stream.ts` for the trade-off).
 */

import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

import { batchCmn, newLiveCmn } from './cepstral-mean-normalization.js';
import { regressionDeltas, sphinxDeltas } from './deltas.js';
import { checkParameter } from './errors.js';
import { canonicalParameterHash } from './extractor-identity.js';
import type { FeatureMatrix } from './feature-matrix.js';
import { mfcc } from './mfcc.js';
import { newMfccFeatureStream } from './mfcc-feature-stream.js';
import {
  frontEndParameters,
  resolveMfccPipelineOptions,
  type FeatureFileFormat,
  type FeatureFileOptions,
  type MfccPipelineOptions,
  type ResolvedMfccPipelineParameters,
} from './mfcc-pipeline-options.js';
import { writeNpy } from './npy-format.js';
import { resample } from './resampler.js';
import { writeSphinxMfc } from './sphinx-mfc-format.js';
import { decodeWav } from './wav-decoder.js';
import type { WavStreamFormat } from './wav-stream-decoder.js';

/** Options of {@link extractMfccStream}'s output. */
export interface MfccStreamOutputOptions extends FeatureFileOptions {
  /** End `output` when the file is complete (default true; pass false for `process.stdout`). */
  readonly end?: boolean;
}

/** What {@link extractMfccStream} reports once the file is written. */
export interface MfccStreamResult {
  /** Every parameter, resolved: what a feature set registers. */
  readonly parameters: ResolvedMfccPipelineParameters;
  /** {@link canonicalParameterHash} of `parameters`. */
  readonly parameterHash: string;
  /** The WAV file's header. */
  readonly input: WavStreamFormat;
  readonly frameCount: number;
  /** Values per frame. */
  readonly dimension: number;
  /** Bytes written to the output, header included. */
  readonly byteCount: number;
}

const FORMATS: readonly FeatureFileFormat[] = ['npy', 'mfc'];

async function write(output: Writable, chunk: Uint8Array, failure: () => unknown): Promise<void> {
  const error = failure();
  if (error !== undefined)
    throw error instanceof Error ? error : new Error('the output failed', { cause: error });
  if (!output.write(chunk)) await once(output, 'drain');
}

/**
 * Streams a WAV recording through the MFCC pipeline into a `.npy` or `.mfc` file.
 *
 * @param input the WAV file's bytes, e.g. `createReadStream(path)` or an HTTP request body, in
 * chunks of any size.
 * @param options the pipeline's parameters (every one is in {@link MFCC_PARAMETERS}).
 * @param output where the file goes; written with back-pressure, and ended unless
 * `outputOptions.end` is false. On failure it is neither ended nor destroyed, and may hold a
 * partial file: the caller removes it.
 * @param format `npy` or `mfc`.
 * @throws {AudioError} `DEURO_AUDIO_INVALID_PARAMETER` for an invalid option (before reading),
 * `DEURO_AUDIO_MALFORMED` or `DEURO_AUDIO_UNSUPPORTED` for the input, as {@link decodeWav};
 * errors of the input or output streams are passed on.
 */
export async function extractMfccStream(
  input: AsyncIterable<Uint8Array> | Readable,
  options: MfccPipelineOptions,
  output: Writable,
  format: FeatureFileFormat,
  outputOptions: MfccStreamOutputOptions = {},
): Promise<MfccStreamResult> {
  checkParameter(FORMATS.includes(format), 'format', format, 'npy or mfc');
  const parameters = resolveMfccPipelineOptions(options);
  const stream = newMfccFeatureStream(parameters, format, outputOptions);
  let outputError: unknown;
  const onError = (error: unknown): void => {
    outputError = error;
  };
  output.on('error', onError);
  let byteCount = 0;
  const send = async (chunks: Uint8Array[]): Promise<void> => {
    for (const chunk of chunks) {
      byteCount += chunk.length;
      await write(output, chunk, () => outputError);
    }
  };
  try {
    for await (const chunk of input as AsyncIterable<unknown>) {
      checkParameter(chunk instanceof Uint8Array, 'input', typeof chunk, 'a stream of bytes');
      await send(stream.push(chunk as Uint8Array));
    }
    await send(stream.end());
    if (outputOptions.end !== false) {
      output.end();
      await finished(output);
    }
  } finally {
    output.off('error', onError);
  }
  const { input: header, frameCount } = stream;
  if (header === undefined || frameCount === undefined) throw new Error('unreachable: no header');
  return {
    parameters,
    parameterHash: canonicalParameterHash(parameters),
    input: header,
    frameCount,
    dimension: stream.dimension,
    byteCount,
  };
}

function liveCmn(m: FeatureMatrix, initialMean: readonly number[]): FeatureMatrix {
  const cmn = newLiveCmn(m.dimension, initialMean);
  const data = m.data.slice();
  for (let t = 0; t < m.frameCount; t++) {
    cmn.apply([data.subarray(t * m.dimension, (t + 1) * m.dimension)]);
  }
  return { ...m, data };
}

/**
 * The whole pipeline in memory, from the batch functions: {@link decodeWav}, {@link resample}
 * (when the WAV rate is not `sampleRate`), {@link mfcc}, {@link batchCmn} or live CMN applied
 * frame by frame, {@link sphinxDeltas} or {@link regressionDeltas}. {@link extractMfccStream}
 * writes exactly {@link writeFeatureFile} of this.
 *
 * @throws {AudioError} as {@link extractMfccStream}.
 */
export function extractMfcc(wav: Uint8Array, options: MfccPipelineOptions = {}): FeatureMatrix {
  const p = resolveMfccPipelineOptions(options);
  const audio = decodeWav(wav, p.channel === 'mix' ? {} : { channel: p.channel });
  const samples =
    audio.sampleRate === p.sampleRate
      ? audio.samples
      : resample(audio.samples, {
          inputRate: audio.sampleRate,
          outputRate: p.sampleRate,
          attenuationDb: p.resampleAttenuationDb,
          passband: p.resamplePassband,
        });
  let m = mfcc(samples, frontEndParameters(p));
  if (p.cmn === 'batch') m = batchCmn(m, { varianceNormalization: p.varianceNormalization });
  if (p.cmn === 'live') m = liveCmn(m, p.cmnInitialMean);
  if (p.deltas === 'sphinx') m = sphinxDeltas(m);
  if (p.deltas === 'regression') {
    m = regressionDeltas(m, {
      deltaWindow: p.deltaWindow,
      accelerationWindow: p.accelerationWindow,
    });
  }
  return m;
}

/** A matrix as a `.npy` or `.mfc` file. */
export function writeFeatureFile(
  m: FeatureMatrix,
  format: FeatureFileFormat,
  options: FeatureFileOptions = {},
): Uint8Array {
  return format === 'npy' ? writeNpy(m) : writeSphinxMfc(m, options.byteOrder);
}
