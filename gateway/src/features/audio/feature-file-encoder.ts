/**
 * Feature files written as a stream: the header first (it carries the frame count, so the count
 * must be known before the first frame: the pipeline computes it from the WAV header), then
 * frames gathered in blocks and encoded to bytes a block at a time. Memory is one block,
 * whatever the number of frames.
 */

import { endianness } from 'node:os';

import { AudioError, AudioErrorCode } from './errors.js';
import type { FeatureFileFormat } from './mfcc-pipeline-options.js';
import { npyHeader } from './npy-format.js';
import { sphinxMfcHeader, type ByteOrder } from './sphinx-mfc-format.js';

/** Frames per encoded block. */
const BLOCK_FRAMES = 1024;
const HOST_LITTLE_ENDIAN = endianness() === 'LE';

/** Encodes frames of a feature file as they come; see {@link newFeatureFileEncoder}. */
export interface FeatureFileEncoder {
  /** The header, for the frame count announced. */
  readonly header: Uint8Array;
  /** Adds one frame (`dimension` values, copied); returns a full block's bytes, if one is full. */
  push(frame: Float32Array): Buffer | undefined;
  /** The frames gathered since the last block, as bytes (empty when none). */
  flush(): Buffer;
  /** Frames pushed so far. */
  readonly frameCount: number;
  /**
   * Checks that exactly the announced frames were pushed.
   *
   * @throws {AudioError} `DEURO_AUDIO_MALFORMED` (`frameCount`) otherwise.
   */
  finish(): void;
}

class BlockEncoder implements FeatureFileEncoder {
  readonly header: Uint8Array;
  frameCount = 0;
  readonly #announced: number;
  readonly #dimension: number;
  readonly #littleEndian: boolean;
  readonly #block: Float32Array;
  #blockFrames = 0;

  constructor(header: Uint8Array, announced: number, dimension: number, littleEndian: boolean) {
    this.header = header;
    this.#announced = announced;
    this.#dimension = dimension;
    this.#littleEndian = littleEndian;
    this.#block = new Float32Array(BLOCK_FRAMES * dimension);
  }

  push(frame: Float32Array): Buffer | undefined {
    const at = this.#blockFrames * this.#dimension;
    if (frame.length === this.#dimension) this.#block.set(frame, at);
    else this.#block.set(frame.subarray(0, this.#dimension), at);
    this.#blockFrames++;
    this.frameCount++;
    return this.#blockFrames === BLOCK_FRAMES ? this.flush() : undefined;
  }

  flush(): Buffer {
    const values = this.#block.subarray(0, this.#blockFrames * this.#dimension);
    this.#blockFrames = 0;
    if (this.#littleEndian === HOST_LITTLE_ENDIAN) {
      return Buffer.from(values.slice().buffer);
    }
    const bytes = Buffer.allocUnsafe(4 * values.length);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    values.forEach((x, i) => {
      view.setFloat32(4 * i, x, this.#littleEndian);
    });
    return bytes;
  }

  finish(): void {
    if (this.frameCount !== this.#announced) {
      throw new AudioError(
        AudioErrorCode.malformed,
        `the header announced ${String(this.#announced)} frames but ${String(this.frameCount)} came`,
        { field: 'frameCount', value: this.frameCount },
      );
    }
  }
}

/**
 * An encoder for a feature file of `frameCount` frames of `dimension` values: `.npy` (`<f4`,
 * shape (frames, dimension)) or Sphinx `.mfc` in `byteOrder`.
 *
 * @throws {AudioError} `DEURO_AUDIO_UNSUPPORTED` when a `.mfc` header cannot hold the count.
 */
export function newFeatureFileEncoder(
  format: FeatureFileFormat,
  frameCount: number,
  dimension: number,
  byteOrder: ByteOrder = 'little',
): FeatureFileEncoder {
  if (format === 'npy') {
    return new BlockEncoder(npyHeader(frameCount, dimension), frameCount, dimension, true);
  }
  const header = sphinxMfcHeader(frameCount * dimension, byteOrder);
  return new BlockEncoder(header, frameCount, dimension, byteOrder === 'little');
}
