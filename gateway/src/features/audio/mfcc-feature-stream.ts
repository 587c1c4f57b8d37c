/**
 * The feature pipeline as a synchronous push stage: WAV bytes in, feature file bytes out.
 *
 *   WAV bytes -> {@link newWavStreamDecoder} -> {@link newResampler} (when the rate differs)
 *   -> MFCC frames -> CMN (live, or batch) -> dynamic features -> `.npy`/`.mfc` encoder
 *
 * Each stage keeps a bounded window (a chunk header and a sample frame; the resampler's kernel;
 * a few analysis windows; the delta window; one block of output frames), so memory does not
 * grow with the recording. The one exception is batch CMN, which needs the mean of the whole
 * recording before the first frame can be written: it holds the cepstra (4 x cepstrumCount bytes
 * per frame, 5.2 kB per second at the defaults) and writes everything at the end.
 *
 * The frame count goes in the output header, before any frame, so it is computed from the WAV
 * header: the `data` size gives the sample count N, the resampler gives ceil(N x rate / wavRate)
 * samples, and sphinx_fe's framing gives {@link sphinxFrameCount} frames. A stream whose data
 * turns out shorter than announced fails at the end (`DEURO_AUDIO_MALFORMED`, `RIFF.size`), as
 * {@link decodeWav} does, after a header and some frames have been written.
 */

import { batchCmn, newLiveCmn, type LiveCmn } from './cepstral-mean-normalization.js';
import { newFeatureFileEncoder, type FeatureFileEncoder } from './feature-file-encoder.js';
import { newFeatureMatrix } from './feature-matrix.js';
import { newMfccFrameSource, type MfccFrameSource } from './mfcc.js';
import {
  featureDimension,
  frontEndParameters,
  type FeatureFileFormat,
  type FeatureFileOptions,
  type ResolvedMfccPipelineParameters,
} from './mfcc-pipeline-options.js';
import { newResampler, type Resampler } from './resampler.js';
import { sphinxFrameCount } from './sphinx-front-end.js';
import {
  newStreamingRegressionDeltas,
  newStreamingSphinxDeltas,
  type StreamingDeltas,
} from './streaming-deltas.js';
import {
  newSharedWavStreamDecoder,
  type SharedWavStreamDecoder,
  type WavStreamFormat,
} from './wav-stream-decoder.js';

/** Input bytes decoded at a time: 16 KiB, 64 KiB of samples. */
const SLICE_BYTES = 16 * 1024;

/** The synchronous pipeline; see {@link newMfccFeatureStream}. */
export interface MfccFeatureStream {
  /** The WAV header, once read. */
  readonly input: WavStreamFormat | undefined;
  /** The frame count announced in the output header, once known. */
  readonly frameCount: number | undefined;
  /** Values per frame. */
  readonly dimension: number;
  /** Consumes WAV bytes; returns the output bytes now ready (the header first). */
  push(bytes: Uint8Array): Uint8Array[];
  /**
   * Ends the input; returns the last output bytes.
   *
   * @throws {AudioError} as {@link WavStreamDecoder.end}.
   */
  end(): Uint8Array[];
}

/** The frame count the pipeline will write for a WAV file of `sampleCount` samples. */
export function expectedFrameCount(
  sampleCount: number,
  wavRate: number,
  p: ResolvedMfccPipelineParameters,
): number {
  const { frameSize, frameShift } = frontEndParameters(p);
  const samples =
    wavRate === p.sampleRate ? sampleCount : Math.ceil((sampleCount * p.sampleRate) / wavRate);
  return sphinxFrameCount(samples, frameSize, frameShift);
}

/** Where frames go after the extractor: CMN, then deltas, then the encoder. */
class FrameChain {
  readonly #encoder: FeatureFileEncoder;
  readonly #out: Uint8Array[] = [];
  readonly #live: LiveCmn | undefined;
  readonly #deltas: StreamingDeltas | undefined;
  /** Batch CMN: every frame's cepstra, until the end. */
  #held: Float32Array | undefined;
  #heldFrames = 0;
  readonly #p: ResolvedMfccPipelineParameters;
  readonly #toEncoder = (frame: Float32Array): void => {
    const block = this.#encoder.push(frame);
    if (block !== undefined) this.#out.push(block);
  };

  constructor(p: ResolvedMfccPipelineParameters, encoder: FeatureFileEncoder) {
    this.#p = p;
    this.#encoder = encoder;
    this.#live = p.cmn === 'live' ? newLiveCmn(p.cepstrumCount, p.cmnInitialMean) : undefined;
    this.#held = p.cmn === 'batch' ? new Float32Array(1024 * p.cepstrumCount) : undefined;
    if (p.deltas === 'sphinx') this.#deltas = newStreamingSphinxDeltas(p.cepstrumCount);
    if (p.deltas === 'regression') {
      this.#deltas = newStreamingRegressionDeltas(
        p.cepstrumCount,
        p.deltaWindow,
        p.accelerationWindow,
      );
    }
  }

  /** Takes one frame of cepstra (may be modified in place). */
  readonly take = (cepstra: Float32Array): void => {
    if (this.#held !== undefined) {
      this.#hold(cepstra);
      return;
    }
    this.#live?.apply([cepstra]);
    this.#afterCmn(cepstra);
  };

  /** Output bytes gathered so far (and the partial block). */
  drain(): Uint8Array[] {
    const block = this.#encoder.flush();
    if (block.length > 0) this.#out.push(block);
    return this.#out.splice(0);
  }

  /** Ends the frames: batch CMN, the deltas' last frames, the count check. */
  end(): Uint8Array[] {
    if (this.#held !== undefined) {
      const d = this.#p.cepstrumCount;
      const all = newFeatureMatrix(this.#held.subarray(0, this.#heldFrames * d), d);
      const normalized = batchCmn(all, { varianceNormalization: this.#p.varianceNormalization });
      for (let t = 0; t < normalized.frameCount; t++) {
        this.#afterCmn(normalized.data.subarray(t * d, (t + 1) * d));
      }
    }
    this.#deltas?.end(this.#toEncoder);
    this.#encoder.finish();
    return this.drain();
  }

  #afterCmn(frame: Float32Array): void {
    if (this.#deltas === undefined) this.#toEncoder(frame);
    else this.#deltas.push(frame, this.#toEncoder);
  }

  #hold(cepstra: Float32Array): void {
    const d = this.#p.cepstrumCount;
    let held = this.#held ?? new Float32Array(0);
    if ((this.#heldFrames + 1) * d > held.length) {
      const grown = new Float32Array(held.length * 2);
      grown.set(held);
      held = grown;
      this.#held = grown;
    }
    held.set(cepstra, this.#heldFrames * d);
    this.#heldFrames++;
  }
}

class PushFeatureStream implements MfccFeatureStream {
  readonly dimension: number;
  readonly #p: ResolvedMfccPipelineParameters;
  readonly #format: FeatureFileFormat;
  readonly #fileOptions: FeatureFileOptions;
  readonly #decoder: SharedWavStreamDecoder;
  readonly #source: MfccFrameSource;
  #resampler: Resampler | undefined;
  #chain: FrameChain | undefined;
  #frameCount: number | undefined;
  /** Output bytes not yet returned. */
  readonly #out: Uint8Array[] = [];

  constructor(
    p: ResolvedMfccPipelineParameters,
    format: FeatureFileFormat,
    fileOptions: FeatureFileOptions,
  ) {
    this.#p = p;
    this.#format = format;
    this.#fileOptions = fileOptions;
    this.dimension = featureDimension(p);
    this.#decoder = newSharedWavStreamDecoder(p.channel === 'mix' ? {} : { channel: p.channel });
    this.#source = newMfccFrameSource(frontEndParameters(p));
  }

  get input(): WavStreamFormat | undefined {
    return this.#decoder.format;
  }

  get frameCount(): number | undefined {
    return this.#frameCount;
  }

  push(bytes: Uint8Array): Uint8Array[] {
    // Slices small enough that the decoded samples stay in the processor's cache.
    for (let at = 0; at < bytes.length; at += SLICE_BYTES) {
      this.#decoder.pushShared(bytes.subarray(at, at + SLICE_BYTES), this.#onSamples);
    }
    this.#ensureStarted();
    if (this.#chain !== undefined) this.#out.push(...this.#chain.drain());
    return this.#out.splice(0);
  }

  end(): Uint8Array[] {
    this.#decoder.end();
    const chain = this.#chain;
    if (chain === undefined) return [];
    if (this.#resampler !== undefined) this.#source.push(this.#resampler.flush(), chain.take);
    this.#source.end(chain.take);
    return [...this.#out.splice(0), ...chain.end()];
  }

  /** Decoded samples: resampled if needed, then framed (the header is read by then). */
  readonly #onSamples = (samples: Float64Array): void => {
    const chain = this.#ensureStarted();
    if (chain !== undefined) {
      this.#source.push(this.#resampler?.process(samples) ?? samples, chain.take);
    }
  };

  /** Once the WAV header is in, sets up the rest and queues the output header. */
  #ensureStarted(): FrameChain | undefined {
    const format = this.#decoder.format;
    if (this.#chain === undefined && format !== undefined) this.#out.push(this.#start(format));
    return this.#chain;
  }

  /** The WAV header is in: set up the resampler and the encoder; returns the output header. */
  #start(input: WavStreamFormat): Uint8Array {
    const p = this.#p;
    if (input.sampleRate !== p.sampleRate) {
      this.#resampler = newResampler({
        inputRate: input.sampleRate,
        outputRate: p.sampleRate,
        attenuationDb: p.resampleAttenuationDb,
        passband: p.resamplePassband,
      });
    }
    this.#frameCount = expectedFrameCount(input.sampleCount, input.sampleRate, p);
    const encoder = newFeatureFileEncoder(
      this.#format,
      this.#frameCount,
      this.dimension,
      this.#fileOptions.byteOrder,
    );
    this.#chain = new FrameChain(p, encoder);
    return encoder.header;
  }
}

/**
 * The pipeline for resolved parameters (see {@link resolveMfccPipelineOptions}), writing
 * `format`.
 */
export function newMfccFeatureStream(
  parameters: ResolvedMfccPipelineParameters,
  format: FeatureFileFormat,
  fileOptions: FeatureFileOptions = {},
): MfccFeatureStream {
  return new PushFeatureStream(parameters, format, fileOptions);
}
