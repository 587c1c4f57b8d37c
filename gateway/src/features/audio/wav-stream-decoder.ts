/**
 * Push-style WAV decoding: feed the bytes of a RIFF/WAVE file as they arrive (from a socket, a
 * file stream, an HTTP body), in pieces split anywhere, and get mono samples back as soon as
 * whole sample frames are in.
 *
 * The decoder holds at most one chunk header, the first 40 bytes of `fmt `, and one partial
 * sample frame, whatever the file's size, and accepts and rejects what {@link decodeWav} does,
 * with the same codes, fields and sample arithmetic (`wav-format.ts` is shared), in stream order:
 * - sizes are checked as headers arrive (a chunk that runs past the RIFF size, a `data` size
 *   that is empty or not whole sample frames, a second `fmt ` or `data` chunk);
 * - what needs the end of the file is checked by {@link WavStreamDecoder.end}: fewer bytes than
 *   the RIFF size says (a truncated `data` chunk: its samples have been emitted, and `end` throws
 *   `DEURO_AUDIO_MALFORMED` on `RIFF.size` as `decodeWav` does), no `fmt ` or no `data` chunk.
 * One difference: `fmt ` must come before `data` (as the RIFF WAVE specification requires);
 * `decodeWav`, which holds the whole file, also takes the other order, the stream rejects it as
 * `DEURO_AUDIO_MALFORMED` on `fmt`. When a file has several faults, the first one in stream
 * order is reported, which may not be the one `decodeWav` reports.
 */

import type { DecodeWavOptions } from './wav-decoder.js';
import {
  CHUNK_HEADER_BYTES,
  FORMAT_BYTES_READ,
  RIFF_HEADER_BYTES,
  checkChannel,
  checkDataSize,
  chunkCount,
  fourCC,
  malformed,
  newFrameDecoder,
  parseFormat,
  parseRiffHeader,
  riffBeyondFile,
  strayBytes,
  tooShort,
  truncatedChunk,
  type FrameDecoder,
  type WavFormat,
  type WavSampleFormat,
} from './wav-format.js';

/** What the header of a streamed WAV file says, known before its first sample. */
export interface WavStreamFormat {
  readonly sampleRate: number;
  readonly channelCount: number;
  readonly sampleFormat: WavSampleFormat;
  readonly bitsPerSample: number;
  /** Sample frames in the `data` chunk (its size / blockAlign): the mono samples to expect. */
  readonly sampleCount: number;
}

/** A push-style WAV decoder; see {@link newWavStreamDecoder}. */
export interface WavStreamDecoder {
  /** The format, once the `fmt ` chunk and the `data` chunk's header are in; before, undefined. */
  readonly format: WavStreamFormat | undefined;
  /**
   * Consumes the next bytes of the file and returns the mono samples completed by them (often
   * none while headers arrive).
   *
   * @throws {AudioError} as {@link decodeWav}, as soon as the fault is in the bytes seen.
   */
  push(bytes: Uint8Array): Float64Array;
  /**
   * Ends the file.
   *
   * @throws {AudioError} `DEURO_AUDIO_MALFORMED` when the file is shorter than its RIFF size
   * (`RIFF.size`, a truncated `data` chunk) or lacks `fmt ` or `data`.
   */
  end(): void;
}

/**
 * The decoder as the pipeline uses it: `onSamples` receives a view of a buffer the decoder
 * reuses, valid until the callback returns, so nothing is allocated per push.
 */
export interface SharedWavStreamDecoder extends WavStreamDecoder {
  pushShared(bytes: Uint8Array, onSamples: (samples: Float64Array) => void): void;
}

type State = 'riff' | 'chunk-header' | 'fmt' | 'data' | 'skip' | 'done';

const NO_SAMPLES = new Float64Array(0);

class PushWavDecoder implements SharedWavStreamDecoder {
  format: WavStreamFormat | undefined;
  readonly #channel: number | undefined;
  #state: State = 'riff';
  /** Bytes of the file consumed so far. */
  #position = 0;
  #riffEnd = 0;
  /** Bytes left in the current state's region (chunk body, skipped bytes). */
  #remaining = 0;
  /** A header or the start of `fmt ` being gathered. */
  readonly #header = new Uint8Array(FORMAT_BYTES_READ);
  #headerLength = 0;
  #headerNeeded = RIFF_HEADER_BYTES;
  #chunkSize = 0;
  #wavFormat: WavFormat | undefined;
  #formatCount = 0;
  #dataCount = 0;
  #decodeFrames: FrameDecoder | undefined;
  /** Decoded samples handed to the caller; reused from push to push. */
  #scratch = new Float64Array(0);
  /** A sample frame split between pushes. */
  #partial = new Uint8Array(0);
  #partialLength = 0;

  constructor(options: DecodeWavOptions) {
    this.#channel = options.channel;
  }

  push(bytes: Uint8Array): Float64Array {
    let samples: Float64Array = NO_SAMPLES;
    this.pushShared(bytes, (shared) => {
      samples = shared.slice();
    });
    return samples;
  }

  pushShared(bytes: Uint8Array, onSamples: (samples: Float64Array) => void): void {
    let offset = 0;
    while (offset < bytes.length && this.#state !== 'done') {
      if (this.#state === 'data') {
        const taken = Math.min(this.#remaining, bytes.length - offset);
        this.#decode(bytes.subarray(offset, offset + taken), onSamples);
        offset += taken;
        this.#advance(taken);
      } else if (this.#state === 'skip') {
        const taken = Math.min(this.#remaining, bytes.length - offset);
        offset += taken;
        this.#advance(taken);
      } else {
        offset += this.#gather(bytes, offset);
      }
    }
    this.#position += bytes.length - offset;
  }

  end(): void {
    if (this.#position < RIFF_HEADER_BYTES) throw tooShort(this.#position);
    if (this.#position < this.#riffEnd) throw riffBeyondFile(this.#riffEnd, this.#position);
    if (this.#formatCount === 0) throw chunkCount('fmt', 0);
    if (this.#dataCount === 0) throw chunkCount('data', 0);
  }

  /** Gathers header bytes; returns how many were taken. */
  #gather(bytes: Uint8Array, offset: number): number {
    const taken = Math.min(this.#headerNeeded - this.#headerLength, bytes.length - offset);
    this.#header.set(bytes.subarray(offset, offset + taken), this.#headerLength);
    this.#headerLength += taken;
    this.#position += taken;
    if (this.#headerLength === this.#headerNeeded) this.#headerComplete();
    return taken;
  }

  #headerComplete(): void {
    const view = new DataView(this.#header.buffer, 0, this.#headerLength);
    this.#headerLength = 0;
    if (this.#state === 'riff') {
      this.#riffEnd = parseRiffHeader(view);
      this.#nextChunk();
    } else if (this.#state === 'chunk-header') {
      this.#chunkHeader(view);
    } else {
      this.#formatChunk(view);
    }
  }

  /** At a chunk boundary: read the next header, or stop at the end of the RIFF chunk. */
  #nextChunk(): void {
    if (this.#position + CHUNK_HEADER_BYTES <= this.#riffEnd) {
      this.#state = 'chunk-header';
      this.#headerNeeded = CHUNK_HEADER_BYTES;
      return;
    }
    if (this.#riffEnd - this.#position > 1) throw strayBytes(this.#riffEnd - this.#position);
    this.#state = 'done';
  }

  #chunkHeader(view: DataView): void {
    const chunk = { id: fourCC(view, 0), offset: this.#position, size: view.getUint32(4, true) };
    if (chunk.offset + chunk.size > this.#riffEnd) throw truncatedChunk(chunk);
    this.#chunkSize = chunk.size;
    if (chunk.id === 'fmt ') {
      this.#formatCount++;
      if (this.#formatCount > 1) throw chunkCount('fmt', this.#formatCount);
      this.#state = 'fmt';
      this.#headerNeeded = Math.min(chunk.size, FORMAT_BYTES_READ);
      if (this.#headerNeeded === 0) this.#headerComplete();
    } else if (chunk.id === 'data') {
      this.#dataChunk(chunk.size);
    } else {
      this.#skip(chunk.size + (chunk.size % 2));
    }
  }

  #formatChunk(view: DataView): void {
    const format = parseFormat(view, { id: 'fmt ', offset: 0, size: this.#chunkSize });
    checkChannel(this.#channel, format.channelCount);
    this.#wavFormat = format;
    this.#decodeFrames = newFrameDecoder(format, this.#channel);
    this.#partial = new Uint8Array(format.blockAlign);
    const read = Math.min(this.#chunkSize, FORMAT_BYTES_READ);
    this.#skip(this.#chunkSize - read + (this.#chunkSize % 2));
  }

  #dataChunk(size: number): void {
    this.#dataCount++;
    if (this.#dataCount > 1) throw chunkCount('data', this.#dataCount);
    const format = this.#wavFormat;
    if (format === undefined) {
      throw malformed('the fmt chunk must come before the data chunk to stream', 'fmt');
    }
    checkDataSize(format, size);
    this.format = {
      sampleRate: format.sampleRate,
      channelCount: format.channelCount,
      sampleFormat: format.sampleFormat,
      bitsPerSample: format.bitsPerSample,
      sampleCount: size / format.blockAlign,
    };
    this.#state = 'data';
    this.#remaining = size;
  }

  /** Skips `count` bytes, then moves to the next chunk. */
  #skip(count: number): void {
    this.#state = 'skip';
    this.#remaining = count;
    if (count === 0) this.#nextChunk();
  }

  /** Consumes `taken` bytes of a body region; at its end, goes on to the next chunk. */
  #advance(taken: number): void {
    this.#position += taken;
    this.#remaining -= taken;
    if (this.#remaining > 0) return;
    if (this.#state === 'data' && this.#chunkSize % 2 === 1) {
      this.#skip(1);
      return;
    }
    this.#nextChunk();
  }

  /**
   * Decodes the whole sample frames of `bytes` (after any frame split by the previous push)
   * into the scratch buffer and hands them to `onSamples`.
   */
  #decode(bytes: Uint8Array, onSamples: (samples: Float64Array) => void): void {
    const blockAlign = this.#partial.length;
    const decodeFrames = this.#decodeFrames;
    if (decodeFrames === undefined) return;
    let offset = 0;
    let count = 0;
    if (this.#partialLength > 0) {
      offset = Math.min(blockAlign - this.#partialLength, bytes.length);
      this.#partial.set(bytes.subarray(0, offset), this.#partialLength);
      this.#partialLength += offset;
      if (this.#partialLength < blockAlign) return;
      this.#reserve(1 + Math.floor((bytes.length - offset) / blockAlign));
      decodeFrames(new DataView(this.#partial.buffer), 0, 1, this.#scratch, 0);
      this.#partialLength = 0;
      count = 1;
    }
    const whole = Math.floor((bytes.length - offset) / blockAlign);
    this.#reserve(count + whole);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    decodeFrames(view, offset, whole, this.#scratch, count);
    count += whole;
    const rest = bytes.subarray(offset + whole * blockAlign);
    this.#partial.set(rest);
    this.#partialLength = rest.length;
    if (count > 0) onSamples(this.#scratch.subarray(0, count));
  }

  #reserve(count: number): void {
    if (this.#scratch.length < count) this.#scratch = new Float64Array(count);
  }
}

/**
 * A push-style WAV decoder (see the module comment for what it checks when).
 *
 * @param options which channel to keep (default: the mean of all channels), as {@link decodeWav}.
 */
export function newWavStreamDecoder(options: DecodeWavOptions = {}): WavStreamDecoder {
  return new PushWavDecoder(options);
}

/** The decoder without a copy per push (see {@link SharedWavStreamDecoder}). */
export function newSharedWavStreamDecoder(options: DecodeWavOptions = {}): SharedWavStreamDecoder {
  return new PushWavDecoder(options);
}
