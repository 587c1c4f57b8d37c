/**
 * WAV (RIFF/WAVE) decoding to mono samples in [-1, 1), for a whole file in memory.
 *
 * The container is walked chunk by chunk with every size checked against the bytes present, so
 * a truncated or inconsistent file is rejected with `DEURO_AUDIO_MALFORMED` instead of being
 * decoded short (wavefile, for one, silently returns the samples a truncated `data` chunk still
 * holds). Decoded are PCM 8 (unsigned), 16, 24 and 32-bit and IEEE float 32 and 64-bit, plain or
 * as WAVE_FORMAT_EXTENSIBLE; anything else is `DEURO_AUDIO_UNSUPPORTED`. Several channels are
 * averaged into one, or one channel is picked. The streaming decoder
 * ({@link newWavStreamDecoder}) shares the checks and the sample arithmetic (`wav-format.ts`).
 */

import {
  CHUNK_HEADER_BYTES,
  RIFF_HEADER_BYTES,
  checkChannel,
  checkDataSize,
  chunkCount,
  newFrameDecoder,
  parseFormat,
  parseRiffHeader,
  riffBeyondFile,
  strayBytes,
  tooShort,
  truncatedChunk,
  fourCC,
  type WavChunk,
  type WavFormat,
  type WavSampleFormat,
} from './wav-format.js';

export type { WavSampleFormat } from './wav-format.js';

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

function readChunks(view: DataView): WavChunk[] {
  if (view.byteLength < RIFF_HEADER_BYTES) throw tooShort(view.byteLength);
  const riffEnd = parseRiffHeader(view);
  if (riffEnd > view.byteLength) throw riffBeyondFile(riffEnd, view.byteLength);
  const chunks: WavChunk[] = [];
  let offset = RIFF_HEADER_BYTES;
  while (offset + CHUNK_HEADER_BYTES <= riffEnd) {
    const chunk = {
      id: fourCC(view, offset),
      offset: offset + CHUNK_HEADER_BYTES,
      size: view.getUint32(offset + 4, true),
    };
    if (chunk.offset + chunk.size > riffEnd) throw truncatedChunk(chunk);
    chunks.push(chunk);
    offset += CHUNK_HEADER_BYTES + chunk.size + (chunk.size % 2);
  }
  if (riffEnd - offset > 1) throw strayBytes(riffEnd - offset);
  return chunks;
}

function findFormatAndData(
  view: DataView,
  chunks: WavChunk[],
): { format: WavFormat; data: WavChunk } {
  const fmts = chunks.filter((c) => c.id === 'fmt ');
  const datas = chunks.filter((c) => c.id === 'data');
  const fmt = fmts[0];
  const data = datas[0];
  if (fmt === undefined || fmts.length > 1) throw chunkCount('fmt', fmts.length);
  if (data === undefined || datas.length > 1) throw chunkCount('data', datas.length);
  const format = parseFormat(view, fmt);
  checkDataSize(format, data.size);
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
  checkChannel(options.channel, format.channelCount);
  const samples = new Float64Array(data.size / format.blockAlign);
  newFrameDecoder(format, options.channel)(view, data.offset, samples.length, samples, 0);
  return {
    sampleRate: format.sampleRate,
    channelCount: format.channelCount,
    sampleFormat: format.sampleFormat,
    bitsPerSample: format.bitsPerSample,
    samples,
  };
}
