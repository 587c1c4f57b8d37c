/**
 * WAV (RIFF/WAVE) decoding to mono samples in [-1, 1).
 *
 * The container is walked chunk by chunk with every size checked against the bytes present, so
 * a truncated or inconsistent file is rejected with `DEURO_AUDIO_MALFORMED` instead of being
 * decoded short (wavefile, for one, silently returns the samples a truncated `data` chunk still
 * holds). Decoded are PCM 8 (unsigned), 16, 24 and 32-bit and IEEE float 32 and 64-bit, plain or
 * as WAVE_FORMAT_EXTENSIBLE; anything else is `DEURO_AUDIO_UNSUPPORTED`. Several channels are
 * averaged into one, or one channel is picked.
 */

import { AudioError, AudioErrorCode } from './errors.js';

/** How the samples of a WAV file are coded. */
export type WavSampleFormat = 'pcm' | 'float';

/** What {@link decodeWav} returns. */
export interface DecodedAudio {
  readonly sampleRate: number;
  /** Channels in the file (the samples are already mixed or picked). */
  readonly channelCount: number;
  readonly sampleFormat: WavSampleFormat;
  /** Bits per sample of the container (`validBitsPerSample` may be fewer for EXTENSIBLE). */
  readonly bitsPerSample: number;
  /** Mono samples, full scale [-1, 1): 16-bit value v is v / 32768. */
  readonly samples: Float64Array;
}

/** Options of {@link decodeWav}. */
export interface DecodeWavOptions {
  /** 0-based channel to keep; by default all channels are averaged. */
  readonly channel?: number;
}

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_IEEE_FLOAT = 3;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
/** The 14 bytes after the format tag in a KSDATAFORMAT_SUBTYPE_* GUID. */
const SUBFORMAT_GUID_TAIL = [
  0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71,
];

interface WavFormat {
  readonly sampleFormat: WavSampleFormat;
  readonly channelCount: number;
  readonly sampleRate: number;
  readonly bitsPerSample: number;
  readonly blockAlign: number;
}

interface Chunk {
  readonly id: string;
  readonly offset: number;
  readonly size: number;
}

function malformed(message: string, field: string, value?: number | string): AudioError {
  return new AudioError(
    AudioErrorCode.malformed,
    message,
    value === undefined ? { field } : { field, value },
  );
}

function unsupported(message: string, field: string, value: number | string): AudioError {
  return new AudioError(AudioErrorCode.unsupported, message, { field, value });
}

function fourCC(view: DataView, offset: number): string {
  return String.fromCharCode(
    view.getUint8(offset),
    view.getUint8(offset + 1),
    view.getUint8(offset + 2),
    view.getUint8(offset + 3),
  );
}

function readChunks(view: DataView): Chunk[] {
  if (view.byteLength < 12) {
    throw malformed(`a WAV file needs at least 12 bytes, got ${String(view.byteLength)}`, 'RIFF');
  }
  const riff = fourCC(view, 0);
  if (riff === 'RIFX' || riff === 'RF64') {
    throw unsupported(`${riff} containers are not decoded, only RIFF`, 'RIFF', riff);
  }
  if (riff !== 'RIFF' || fourCC(view, 8) !== 'WAVE') {
    throw malformed('not a RIFF/WAVE file', 'RIFF');
  }
  const riffEnd = 8 + view.getUint32(4, true);
  if (riffEnd > view.byteLength) {
    throw malformed(
      `RIFF size says ${String(riffEnd)} bytes but the file has ${String(view.byteLength)}`,
      'RIFF.size',
      riffEnd,
    );
  }
  const chunks: Chunk[] = [];
  let offset = 12;
  while (offset + 8 <= riffEnd) {
    const id = fourCC(view, offset);
    const size = view.getUint32(offset + 4, true);
    if (offset + 8 + size > riffEnd) {
      throw malformed(`chunk '${id}' at byte ${String(offset)} is truncated`, `${id}.size`, size);
    }
    chunks.push({ id, offset: offset + 8, size });
    offset += 8 + size + (size % 2);
  }
  if (riffEnd - offset > 1) {
    throw malformed(`${String(riffEnd - offset)} stray bytes after the last chunk`, 'RIFF.size');
  }
  return chunks;
}

function extensibleFormatTag(view: DataView, chunk: Chunk, bitsPerSample: number): number {
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

function parseFormat(view: DataView, chunk: Chunk): WavFormat {
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

function findFormatAndData(view: DataView, chunks: Chunk[]): { format: WavFormat; data: Chunk } {
  const fmts = chunks.filter((c) => c.id === 'fmt ');
  const datas = chunks.filter((c) => c.id === 'data');
  const fmt = fmts[0];
  const data = datas[0];
  if (fmt === undefined || fmts.length > 1) {
    throw malformed(`expected one fmt chunk, found ${String(fmts.length)}`, 'fmt');
  }
  if (data === undefined || datas.length > 1) {
    throw malformed(`expected one data chunk, found ${String(datas.length)}`, 'data');
  }
  const format = parseFormat(view, fmt);
  if (data.size === 0) throw malformed('the data chunk is empty', 'data.size', 0);
  if (data.size % format.blockAlign !== 0) {
    throw malformed(
      `data size ${String(data.size)} is not a multiple of blockAlign ${String(format.blockAlign)}`,
      'data.size',
      data.size,
    );
  }
  return { format, data };
}

/**
 * Decodes a WAV file to mono samples.
 *
 * @param bytes the whole file.
 * @param options which channel to keep (default: the mean of all channels).
 * @throws {AudioError} `DEURO_AUDIO_MALFORMED` for a structural error (truncated chunk, sizes
 * that disagree, missing or empty `data`), `DEURO_AUDIO_UNSUPPORTED` for another codec or sample
 * size, `DEURO_AUDIO_INVALID_PARAMETER` for a channel the file does not have.
 */
export function decodeWav(bytes: Uint8Array, options: DecodeWavOptions = {}): DecodedAudio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { format, data } = findFormatAndData(view, readChunks(view));
  const { channelCount, blockAlign } = format;
  const channel = options.channel;
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
  const read = sampleReader(format);
  const bytesPerSample = format.bitsPerSample / 8;
  const frames = data.size / blockAlign;
  const samples = new Float64Array(frames);
  for (let i = 0; i < frames; i++) {
    const base = data.offset + i * blockAlign;
    if (channel !== undefined) {
      samples[i] = read(view, base + channel * bytesPerSample);
    } else {
      let sum = 0;
      for (let c = 0; c < channelCount; c++) sum += read(view, base + c * bytesPerSample);
      samples[i] = sum / channelCount;
    }
  }
  return {
    sampleRate: format.sampleRate,
    channelCount,
    sampleFormat: format.sampleFormat,
    bitsPerSample: format.bitsPerSample,
    samples,
  };
}
