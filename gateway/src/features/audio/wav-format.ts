/**
 * The parts of RIFF/WAVE parsing that the whole-file decoder ({@link decodeWav}) and the
 * streaming decoder ({@link newWavStreamDecoder}) share, so both accept and reject the same
 * files with the same codes and fields, and decode samples with the same arithmetic: the RIFF
 * header, the `fmt ` chunk, the `data` chunk's size, the channel option and the sample readers.
 * Internal to this folder.
 */

import { AudioError, AudioErrorCode } from './errors.js';

/** How the samples of a WAV file are coded. */
export type WavSampleFormat = 'pcm' | 'float';

/** What the `fmt ` chunk says. */
export interface WavFormat {
  readonly sampleFormat: WavSampleFormat;
  readonly channelCount: number;
  readonly sampleRate: number;
  readonly bitsPerSample: number;
  readonly blockAlign: number;
}

/** A chunk: its id, where its body starts, and its size from its header. */
export interface WavChunk {
  readonly id: string;
  readonly offset: number;
  readonly size: number;
}

/** Bytes of the RIFF header (`RIFF`, size, `WAVE`) and of a chunk header (id, size). */
export const RIFF_HEADER_BYTES = 12;
export const CHUNK_HEADER_BYTES = 8;
/** The `fmt ` bytes any format needs (WAVE_FORMAT_EXTENSIBLE's 40); the rest is skipped. */
export const FORMAT_BYTES_READ = 40;

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_IEEE_FLOAT = 3;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
/** The 14 bytes after the format tag in a KSDATAFORMAT_SUBTYPE_* GUID. */
const SUBFORMAT_GUID_TAIL = [
  0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71,
];

/** A `DEURO_AUDIO_MALFORMED` error naming the WAV field. */
export function malformed(message: string, field: string, value?: number | string): AudioError {
  return new AudioError(
    AudioErrorCode.malformed,
    message,
    value === undefined ? { field } : { field, value },
  );
}

function unsupported(message: string, field: string, value: number | string): AudioError {
  return new AudioError(AudioErrorCode.unsupported, message, { field, value });
}

/** The four ASCII characters at `offset`. */
export function fourCC(view: DataView, offset: number): string {
  return String.fromCharCode(
    view.getUint8(offset),
    view.getUint8(offset + 1),
    view.getUint8(offset + 2),
    view.getUint8(offset + 3),
  );
}

/** The error for a file of `byteLength` bytes, fewer than the RIFF header. */
export function tooShort(byteLength: number): AudioError {
  return malformed(`a WAV file needs at least 12 bytes, got ${String(byteLength)}`, 'RIFF');
}

/**
 * Checks the 12-byte RIFF header and returns the end of the RIFF chunk (8 + its size).
 *
 * @throws {AudioError} `DEURO_AUDIO_UNSUPPORTED` for RIFX and RF64, `DEURO_AUDIO_MALFORMED` for
 * anything else that is not RIFF/WAVE.
 */
export function parseRiffHeader(view: DataView): number {
  const riff = fourCC(view, 0);
  if (riff === 'RIFX' || riff === 'RF64') {
    throw unsupported(`${riff} containers are not decoded, only RIFF`, 'RIFF', riff);
  }
  if (riff !== 'RIFF' || fourCC(view, 8) !== 'WAVE') {
    throw malformed('not a RIFF/WAVE file', 'RIFF');
  }
  return 8 + view.getUint32(4, true);
}

/** The error for a RIFF size that says more bytes than the file has. */
export function riffBeyondFile(riffEnd: number, byteLength: number): AudioError {
  return malformed(
    `RIFF size says ${String(riffEnd)} bytes but the file has ${String(byteLength)}`,
    'RIFF.size',
    riffEnd,
  );
}

/** The error for a chunk whose size runs past the end of the RIFF chunk. */
export function truncatedChunk(chunk: WavChunk): AudioError {
  return malformed(
    `chunk '${chunk.id}' at byte ${String(chunk.offset - CHUNK_HEADER_BYTES)} is truncated`,
    `${chunk.id}.size`,
    chunk.size,
  );
}

/** The error for more than one byte left in the RIFF chunk after the last chunk. */
export function strayBytes(count: number): AudioError {
  return malformed(`${String(count)} stray bytes after the last chunk`, 'RIFF.size');
}

/** The error for a missing or repeated `fmt ` (`id` 'fmt') or `data` chunk. */
export function chunkCount(id: 'fmt' | 'data', found: number): AudioError {
  return malformed(`expected one ${id} chunk, found ${String(found)}`, id);
}

function extensibleFormatTag(view: DataView, chunk: WavChunk, bitsPerSample: number): number {
  if (chunk.size < 40 || view.getUint16(chunk.offset + 16, true) < 22) {
    throw malformed('WAVE_FORMAT_EXTENSIBLE needs a 40-byte fmt chunk', 'fmt.cbSize', chunk.size);
  }
  const validBits = view.getUint16(chunk.offset + 18, true);
  if (validBits > bitsPerSample) {
    throw malformed(
      `validBitsPerSample ${String(validBits)} exceeds bitsPerSample ${String(bitsPerSample)}`,
      'fmt.validBitsPerSample',
      validBits,
    );
  }
  const guid = chunk.offset + 24;
  const tag = view.getUint16(guid, true);
  SUBFORMAT_GUID_TAIL.forEach((byte, i) => {
    if (view.getUint8(guid + 2 + i) !== byte) {
      throw unsupported('unknown WAVE_FORMAT_EXTENSIBLE sub-format GUID', 'fmt.subFormat', tag);
    }
  });
  return tag;
}

function sampleFormatOf(tag: number, bitsPerSample: number): WavSampleFormat {
  if (tag === WAVE_FORMAT_PCM && [8, 16, 24, 32].includes(bitsPerSample)) return 'pcm';
  if (tag === WAVE_FORMAT_IEEE_FLOAT && [32, 64].includes(bitsPerSample)) return 'float';
  if (tag !== WAVE_FORMAT_PCM && tag !== WAVE_FORMAT_IEEE_FLOAT) {
    throw unsupported(
      `format tag 0x${tag.toString(16)} is not decoded (PCM and IEEE float only)`,
      'fmt.audioFormat',
      tag,
    );
  }
  throw unsupported(
    `${String(bitsPerSample)}-bit ${tag === WAVE_FORMAT_PCM ? 'PCM' : 'float'} is not decoded`,
    'fmt.bitsPerSample',
    bitsPerSample,
  );
}

/**
 * Parses a `fmt ` chunk. `view` must hold the chunk's first min(size, 40) bytes at
 * `chunk.offset`; `chunk.size` is the size its header gives.
 *
 * @throws {AudioError} `DEURO_AUDIO_MALFORMED` or `DEURO_AUDIO_UNSUPPORTED` naming the field.
 */
export function parseFormat(view: DataView, chunk: WavChunk): WavFormat {
  if (chunk.size < 16) {
    throw malformed(`fmt chunk has ${String(chunk.size)} bytes, needs 16`, 'fmt.size', chunk.size);
  }
  const o = chunk.offset;
  let tag = view.getUint16(o, true);
  const channelCount = view.getUint16(o + 2, true);
  const sampleRate = view.getUint32(o + 4, true);
  const byteRate = view.getUint32(o + 8, true);
  const blockAlign = view.getUint16(o + 12, true);
  const bitsPerSample = view.getUint16(o + 14, true);
  if (tag === WAVE_FORMAT_EXTENSIBLE) tag = extensibleFormatTag(view, chunk, bitsPerSample);
  const sampleFormat = sampleFormatOf(tag, bitsPerSample);
  if (channelCount === 0) throw malformed('no channels', 'fmt.numChannels', 0);
  if (sampleRate === 0) throw malformed('sample rate 0', 'fmt.sampleRate', 0);
  if (blockAlign !== (channelCount * bitsPerSample) / 8) {
    throw malformed(
      `blockAlign ${String(blockAlign)} does not match ${String(channelCount)} x ${String(bitsPerSample)} bits`,
      'fmt.blockAlign',
      blockAlign,
    );
  }
  if (byteRate !== sampleRate * blockAlign) {
    throw malformed(
      `byteRate ${String(byteRate)} is not sampleRate x blockAlign`,
      'fmt.byteRate',
      byteRate,
    );
  }
  return { sampleFormat, channelCount, sampleRate, bitsPerSample, blockAlign };
}

/**
 * Checks the size of the `data` chunk against the format.
 *
 * @throws {AudioError} `DEURO_AUDIO_MALFORMED` (`data.size`) when it is empty or not a whole
 * number of sample frames.
 */
export function checkDataSize(format: WavFormat, size: number): void {
  if (size === 0) throw malformed('the data chunk is empty', 'data.size', 0);
  if (size % format.blockAlign !== 0) {
    throw malformed(
      `data size ${String(size)} is not a multiple of blockAlign ${String(format.blockAlign)}`,
      'data.size',
      size,
    );
  }
}

/**
 * Checks the `channel` option against the file's channels.
 *
 * @throws {AudioError} `DEURO_AUDIO_INVALID_PARAMETER` (`channel`).
 */
export function checkChannel(channel: number | undefined, channelCount: number): void {
  if (
    channel !== undefined &&
    !(Number.isInteger(channel) && channel >= 0 && channel < channelCount)
  ) {
    throw new AudioError(
      AudioErrorCode.invalidParameter,
      `channel must be an integer in [0, ${String(channelCount - 1)}] (got ${String(channel)})`,
      { field: 'channel', value: channel },
    );
  }
}

type SampleReader = (view: DataView, offset: number) => number;

function sampleReader(format: WavFormat): SampleReader {
  const key = `${format.sampleFormat}${String(format.bitsPerSample)}`;
  switch (key) {
    case 'pcm8':
      return (v, o) => (v.getUint8(o) - 128) / 128;
    case 'pcm16':
      return (v, o) => v.getInt16(o, true) / 32768;
    case 'pcm24':
      return (v, o) => ((v.getInt8(o + 2) << 16) | v.getUint16(o, true)) / 8388608;
    case 'pcm32':
      return (v, o) => v.getInt32(o, true) / 2147483648;
    case 'float32':
      return (v, o) => v.getFloat32(o, true);
    default:
      return (v, o) => v.getFloat64(o, true);
  }
}

/**
 * Decodes `count` sample frames starting at byte `offset` of `view` into `out` from `outOffset`:
 * the chosen channel, or the mean of all channels (summed in channel order, then divided).
 */
export type FrameDecoder = (
  view: DataView,
  offset: number,
  count: number,
  out: Float64Array,
  outOffset: number,
) => void;

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function decode16(blockAlign: number, skip: number): FrameDecoder {
  return (view, offset, count, out, outOffset) => {
    for (let i = 0; i < count; i++) {
      out[outOffset + i] = view.getInt16(offset + i * blockAlign + skip, true) / 32768;
    }
  };
}

/**
 * 16-bit mono, the common case: read through an Int16Array when the bytes are 2-aligned (the
 * same values as `getInt16`, on a little-endian host), else through the DataView.
 */
const decodeMono16: FrameDecoder = (view, offset, count, out, outOffset) => {
  const start = view.byteOffset + offset;
  if (start % 2 !== 0) {
    decode16(2, 0)(view, offset, count, out, outOffset);
    return;
  }
  const pcm = new Int16Array(view.buffer, start, count);
  for (let i = 0; i < count; i++) out[outOffset + i] = (pcm[i] as number) / 32768;
};

/** The frame decoder of a format and channel choice (see {@link FrameDecoder}). */
export function newFrameDecoder(format: WavFormat, channel: number | undefined): FrameDecoder {
  const read = sampleReader(format);
  const { channelCount, blockAlign } = format;
  const bytesPerSample = format.bitsPerSample / 8;
  // A mixed mono file goes through the mean below too: 0 + (-0) is 0, as decodeWav always gave.
  if (channel !== undefined || (channelCount === 1 && format.sampleFormat === 'pcm')) {
    const skip = (channel ?? 0) * bytesPerSample;
    if (format.sampleFormat === 'pcm' && format.bitsPerSample === 16) {
      return blockAlign === 2 && HOST_LITTLE_ENDIAN ? decodeMono16 : decode16(blockAlign, skip);
    }
    return (view, offset, count, out, outOffset) => {
      for (let i = 0; i < count; i++)
        out[outOffset + i] = read(view, offset + i * blockAlign + skip);
    };
  }
  return (view, offset, count, out, outOffset) => {
    for (let i = 0; i < count; i++) {
      const base = offset + i * blockAlign;
      let sum = 0;
      for (let c = 0; c < channelCount; c++) sum += read(view, base + c * bytesPerSample);
      out[outOffset + i] = sum / channelCount;
    }
  };
}
