import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { AudioErrorCode, isAudioError } from './errors.js';
import { canonicalParameterHash } from './extractor-identity.js';
import { extractMfcc, extractMfccStream, writeFeatureFile } from './mfcc-stream.js';
import { resolveMfccPipelineOptions, type MfccPipelineOptions } from './mfcc-pipeline-options.js';
import { npyHeader } from './npy-format.js';
import type { ByteOrder } from './sphinx-mfc-format.js';
import { decodeWav } from './wav-decoder.js';
import { encodeWav } from './wav-encoder.js';

const FIXTURE = readFileSync(join(__dirname, '../../../../test/fixtures/audio/speech-16k.wav'));

/** A canonical 44-byte header for 16-bit mono PCM of `sampleCount` samples. */
function wavHeader(sampleCount: number, sampleRate: number): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + 2 * sampleCount, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(2 * sampleRate, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(2 * sampleCount, 40);
  return header;
}

/**
 * A synthetic recording generated as it is read, never held: a gliding tone, its harmonic and
 * reproducible noise, 16-bit at 16 kHz, in chunks of 64 KiB. `onChunk` runs between chunks.
 */
function* syntheticWav(seconds: number, onChunk: () => void = () => undefined): Generator<Buffer> {
  const rate = 16000;
  const total = seconds * rate;
  yield wavHeader(total, rate);
  let state = 12345;
  for (let start = 0; start < total; start += 32768) {
    const count = Math.min(32768, total - start);
    const chunk = Buffer.alloc(2 * count);
    for (let i = 0; i < count; i++) {
      const t = (start + i) / rate;
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      const f = 200 + 150 * Math.sin(t / 3);
      const x = 0.3 * Math.sin(2 * Math.PI * f * t) * (0.6 + 0.4 * Math.sin(t * 5));
      const y = x + 0.1 * Math.sin(4 * Math.PI * f * t) + 0.02 * (state / 2 ** 32 - 0.5);
      chunk.writeInt16LE(Math.round(y * 32767), 2 * i);
    }
    yield chunk;
    onChunk();
  }
}

function pieces(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

/** A Writable keeping what it receives; `delay` makes every write asynchronous. */
function sink(options: { highWaterMark?: number; delay?: boolean } = {}): {
  writable: Writable;
  bytes: () => Buffer;
} {
  const parts: Buffer[] = [];
  const writable = new Writable({
    highWaterMark: options.highWaterMark ?? 16384,
    write(chunk: Buffer, _encoding, callback) {
      parts.push(chunk);
      if (options.delay === true) setImmediate(callback);
      else callback();
    },
  });
  return { writable, bytes: () => Buffer.concat(parts) };
}

describe('extractMfccStream', () => {
  const stereo22k = (() => {
    const mono = decodeWav(FIXTURE).samples;
    const frames = Float64Array.from({ length: 2 * 40000 }, (_, i) => {
      const x = mono[Math.floor(i / 2)] ?? 0;
      return i % 2 === 0 ? 0.8 * x : -0.5 * x;
    });
    return encodeWav(frames, { sampleRate: 22050, channelCount: 2, bitsPerSample: 24 });
  })();
  const cases: [string, Uint8Array, MfccPipelineOptions, 'npy' | 'mfc', ByteOrder?][] = [
    ['defaults, .npy', FIXTURE, {}, 'npy'],
    ['defaults, .mfc', FIXTURE, {}, 'mfc'],
    ['sphinx deltas, live CMN', FIXTURE, { deltas: 'sphinx', cmn: 'live' }, 'npy'],
    [
      'regression deltas, batch CMN with variance, big-endian .mfc',
      FIXTURE,
      { deltas: 'regression', cmn: 'batch', varianceNormalization: true, deltaWindow: 3 },
      'mfc',
      'big',
    ],
    ['22.05 kHz stereo, mixed and resampled', stereo22k, {}, 'npy'],
    [
      '22.05 kHz stereo, one channel, pocketsphinx front end',
      stereo22k,
      {
        channel: 1,
        lowerFrequency: 130,
        upperFrequency: 6800,
        filterCount: 25,
        transform: 'dct',
        lifter: 22,
      },
      'mfc',
    ],
  ];
  for (const [name, wav, options, format, byteOrder] of cases) {
    it(`writes the batch pipeline's file byte for byte (${name})`, async () => {
      const expected = writeFeatureFile(extractMfcc(wav, options), format, { byteOrder });
      for (const size of [7, 4096, 100000]) {
        const out = sink();
        const result = await extractMfccStream(
          Readable.from(pieces(wav, size)),
          options,
          out.writable,
          format,
          { byteOrder },
        );
        assert.ok(out.bytes().equals(expected), `pieces of ${String(size)} bytes`);
        assert.equal(result.byteCount, expected.length);
        assert.equal(out.writable.writableFinished, true);
      }
    });
  }

  it('takes bytes one at a time, and async iterables', async () => {
    const wav = Buffer.from(FIXTURE.subarray(0, 44 + 2 * 4000));
    new DataView(wav.buffer, wav.byteOffset).setUint32(4, wav.length - 8, true);
    new DataView(wav.buffer, wav.byteOffset).setUint32(40, wav.length - 44, true);
    const out = sink();
    await extractMfccStream(
      (async function* () {
        for (const piece of pieces(wav, 1)) {
          await Promise.resolve();
          yield piece;
        }
      })(),
      {},
      out.writable,
      'npy',
    );
    assert.ok(out.bytes().equals(writeFeatureFile(extractMfcc(wav), 'npy')));
  });

  it('reports the parameters, their hash, the input and the frame count', async () => {
    const options: MfccPipelineOptions = { deltas: 'sphinx', transform: 'dct' };
    const result = await extractMfccStream(
      Readable.from([FIXTURE]),
      options,
      sink().writable,
      'npy',
    );
    assert.deepEqual(result.parameters, resolveMfccPipelineOptions(options));
    assert.equal(result.parameterHash, canonicalParameterHash(resolveMfccPipelineOptions(options)));
    assert.equal(result.frameCount, extractMfcc(FIXTURE).frameCount);
    assert.equal(result.dimension, 39);
    assert.equal(result.input.sampleRate, 16000);
    assert.equal(result.input.sampleCount, decodeWav(FIXTURE).samples.length);
  });

  it('keeps to back-pressure from a slow output', async () => {
    const out = sink({ highWaterMark: 64, delay: true });
    await extractMfccStream(Readable.from(pieces(FIXTURE, 1000)), {}, out.writable, 'mfc');
    assert.ok(out.bytes().equals(writeFeatureFile(extractMfcc(FIXTURE), 'mfc')));
  });

  it('leaves the output open with end: false', async () => {
    const out = sink();
    await extractMfccStream(Readable.from([FIXTURE]), {}, out.writable, 'npy', { end: false });
    assert.equal(out.writable.writableEnded, false);
  });

  it('rejects a truncated recording at the end, as decodeWav, after writing what it had', async () => {
    const truncated = FIXTURE.subarray(0, FIXTURE.length - 1000);
    const out = sink();
    await assert.rejects(
      extractMfccStream(Readable.from(pieces(truncated, 4096)), {}, out.writable, 'npy'),
      (e: unknown) => isAudioError(e, AudioErrorCode.malformed) && e.details.field === 'RIFF.size',
    );
    assert.ok(out.bytes().length > 0);
    assert.equal(out.writable.writableEnded, false);
  });

  it('rejects invalid options before reading the input, naming the field', async () => {
    const never = (async function* () {
      await Promise.resolve();
      throw new Error('the input was read');
      yield new Uint8Array(0);
    })();
    for (const [options, field] of [
      [{ deltas: 'both' }, 'deltas'],
      [{ sampleRate: 16000.5 }, 'sampleRate'],
      [{ samplerate: 8000 }, 'samplerate'],
      [{ cmnInitialMean: [1, Number.NaN] }, 'cmnInitialMean'],
    ] as const) {
      await assert.rejects(
        extractMfccStream(never, options as MfccPipelineOptions, sink().writable, 'npy'),
        (e: unknown) =>
          isAudioError(e, AudioErrorCode.invalidParameter) && e.details.field === field,
      );
    }
    await assert.rejects(
      extractMfccStream(never, {}, sink().writable, 'wav' as 'npy'),
      (e: unknown) => isAudioError(e, AudioErrorCode.invalidParameter),
    );
  });

  it('rejects text chunks and passes on output errors', async () => {
    await assert.rejects(
      extractMfccStream(Readable.from(['RIFF']), {}, sink().writable, 'npy'),
      (e: unknown) =>
        isAudioError(e, AudioErrorCode.invalidParameter) && e.details.field === 'input',
    );
    const failing = new Writable({
      write(_chunk, _encoding, callback) {
        callback(new Error('disk full'));
      },
    });
    failing.on('error', () => undefined);
    await assert.rejects(
      extractMfccStream(Readable.from(pieces(FIXTURE, 512)), {}, failing, 'npy'),
      /disk full/,
    );
  });

  it('equals the batch pipeline on 20 s generated as it is read', async () => {
    const wav = Buffer.concat([...syntheticWav(20)]);
    const out = sink();
    await extractMfccStream(
      Readable.from(syntheticWav(20)),
      { deltas: 'sphinx' },
      out.writable,
      'npy',
    );
    const expected = writeFeatureFile(extractMfcc(wav, { deltas: 'sphinx' }), 'npy');
    assert.ok(out.bytes().equals(expected));
  });

  it('streams 10 minutes with memory bounded by a window, not by the recording', async (t) => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const retained = (): number => {
      gc();
      gc();
      const { heapUsed, arrayBuffers } = process.memoryUsage();
      return heapUsed + arrayBuffers;
    };
    let bytes = 0;
    const counting = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        callback();
      },
    });
    const baseline = retained();
    let peak = baseline;
    let chunks = 0;
    const seconds = 600;
    const result = await extractMfccStream(
      Readable.from(
        syntheticWav(seconds, () => {
          if (++chunks % 20 === 0) peak = Math.max(peak, retained());
        }),
      ),
      {},
      counting,
      'npy',
    );
    peak = Math.max(peak, retained());
    const growth = peak - baseline;
    const wavBytes = 2 * seconds * 16000;
    t.diagnostic(
      `10 min (${(wavBytes / 2 ** 20).toFixed(1)} MiB of WAV, ${String(result.frameCount)} frames): ` +
        `retained memory grew by at most ${(growth / 2 ** 20).toFixed(2)} MiB`,
    );
    assert.equal(result.frameCount, 2 + Math.floor((seconds * 16000 - 410) / 160));
    assert.equal(bytes, npyHeader(result.frameCount, 13).length + 4 * 13 * result.frameCount);
    assert.ok(growth < 8 * 2 ** 20, `grew by ${String(growth)} bytes`);
  });
});
