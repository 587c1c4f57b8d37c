/**
 * WAV encoding of mono or interleaved samples, the inverse of {@link decodeWav}: used to hand
 * resampled audio to other tools and to build test files in every supported layout.
 */

import { checkParameter } from './errors.js';
import type { WavSampleFormat } from './wav-decoder.js';

/** Options of {@link encodeWav}. */
export interface EncodeWavOptions {
  readonly sampleRate: number;
  /** Interleaved channels in `samples` (default 1). */
  readonly channelCount?: number;
  /** Default `pcm`. */
  readonly sampleFormat?: WavSampleFormat;
  /** 8, 16, 24 or 32 for PCM, 32 or 64 for float (default 16). */
  readonly bitsPerSample?: number;
  /** Write a WAVE_FORMAT_EXTENSIBLE fmt chunk (default false). */
  readonly extensible?: boolean;
}

type SampleWriter = (view: DataView, offset: number, x: number) => void;

function quantize(x: number, fullScale: number): number {
  return Math.max(-fullScale, Math.min(fullScale - 1, Math.round(x * fullScale)));
}

function sampleWriter(format: WavSampleFormat, bits: number): SampleWriter {
  switch (`${format}${String(bits)}`) {
    case 'pcm8':
      return (v, o, x) => {
        v.setUint8(o, quantize(x, 128) + 128);
      };
    case 'pcm16':
      return (v, o, x) => {
        v.setInt16(o, quantize(x, 32768), true);
      };
    case 'pcm24':
      return (v, o, x) => {
        const q = quantize(x, 8388608);
        v.setUint16(o, q & 0xffff, true);
        v.setInt8(o + 2, q >> 16);
      };
    case 'pcm32':
      return (v, o, x) => {
        v.setInt32(o, quantize(x, 2147483648), true);
      };
    case 'float32':
      return (v, o, x) => {
        v.setFloat32(o, x, true);
      };
    default:
      return (v, o, x) => {
        v.setFloat64(o, x, true);
      };
  }
}

function writeAscii(view: DataView, offset: number, text: string): void {
  for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
}

interface WavLayout {
  readonly sampleFormat: WavSampleFormat;
  readonly bits: number;
  readonly channels: number;
  readonly sampleRate: number;
  readonly extensible: boolean;
}

function layoutOf(samples: ArrayLike<number>, options: EncodeWavOptions): WavLayout {
  const sampleFormat = options.sampleFormat ?? 'pcm';
  const bits = options.bitsPerSample ?? 16;
  const channels = options.channelCount ?? 1;
  const { sampleRate } = options;
  const allowed = sampleFormat === 'pcm' ? [8, 16, 24, 32] : [32, 64];
  checkParameter(allowed.includes(bits), 'bitsPerSample', bits, `one of ${allowed.join(', ')}`);
  checkParameter(
    Number.isInteger(sampleRate) && sampleRate > 0,
    'sampleRate',
    sampleRate,
    'a positive integer',
  );
  checkParameter(
    Number.isInteger(channels) && channels > 0,
    'channelCount',
    channels,
    'a positive integer',
  );
  checkParameter(
    samples.length % channels === 0,
    'samples.length',
    samples.length,
    'a multiple of channelCount',
  );
  return { sampleFormat, bits, channels, sampleRate, extensible: options.extensible ?? false };
}

function writeFormatChunk(view: DataView, layout: WavLayout): void {
  const { bits, channels, sampleRate, extensible } = layout;
  const blockAlign = (channels * bits) / 8;
  const tag = layout.sampleFormat === 'pcm' ? 1 : 3;
  writeAscii(view, 12, 'fmt ');
  view.setUint32(16, extensible ? 40 : 16, true);
  view.setUint16(20, extensible ? 0xfffe : tag, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, bits, true);
  if (extensible) {
    view.setUint16(36, 22, true);
    view.setUint16(38, bits, true);
    view.setUint32(40, 0, true);
    view.setUint16(44, tag, true);
    [0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71].forEach((b, i) => {
      view.setUint8(46 + i, b);
    });
  }
}

/**
 * Encodes samples in [-1, 1) as a WAV file. PCM is rounded and clipped to the sample size.
 *
 * @throws {AudioError} `DEURO_AUDIO_INVALID_PARAMETER` for an unsupported size, rate or a sample
 * count that is not a multiple of the channel count.
 */
export function encodeWav(samples: ArrayLike<number>, options: EncodeWavOptions): Uint8Array {
  const layout = layoutOf(samples, options);
  const step = layout.bits / 8;
  const dataOffset = 20 + (layout.extensible ? 40 : 16);
  const dataSize = samples.length * step;
  const bytes = new Uint8Array(dataOffset + 8 + dataSize + (dataSize % 2));
  const view = new DataView(bytes.buffer);
  writeAscii(view, 0, 'RIFF');
  view.setUint32(4, bytes.length - 8, true);
  writeAscii(view, 8, 'WAVE');
  writeFormatChunk(view, layout);
  writeAscii(view, dataOffset, 'data');
  view.setUint32(dataOffset + 4, dataSize, true);
  const write = sampleWriter(layout.sampleFormat, layout.bits);
  for (let i = 0; i < samples.length; i++) write(view, dataOffset + 8 + i * step, samples[i] ?? 0);
  return bytes;
}
