import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { AudioErrorCode, isAudioError } from './errors.js';
import { decodeWav, type DecodeWavOptions } from './wav-decoder.js';
import { encodeWav } from './wav-encoder.js';
import { newWavStreamDecoder } from './wav-stream-decoder.js';

const TONE = Float64Array.from({ length: 300 }, (_, i) => 0.5 * Math.sin(i / 7));

/** Samples as bytes, so that -0 and 0 differ and every bit counts. */
function bitsOf(samples: Float64Array): Buffer {
  return Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
}

type Verdict = { samples: Buffer } | { code: string; field: string | undefined };

function verdict(run: () => Float64Array): Verdict {
  try {
    return { samples: bitsOf(run()) };
  } catch (error) {
    if (!isAudioError(error)) throw error;
    return { code: error.code, field: error.details.field };
  }
}

/** Streams `bytes` in pieces of `piece` bytes and returns all samples (or throws). */
function streamed(bytes: Uint8Array, piece: number, options: DecodeWavOptions = {}): Float64Array {
  const decoder = newWavStreamDecoder(options);
  const parts: Float64Array[] = [];
  for (let i = 0; i < bytes.length; i += piece)
    parts.push(decoder.push(bytes.subarray(i, i + piece)));
  decoder.end();
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function assertSameAsDecodeWav(bytes: Uint8Array, options: DecodeWavOptions = {}): void {
  const expected = verdict(() => decodeWav(bytes, options).samples);
  for (const piece of [1, 2, 3, 5, 8, 13, 64, bytes.length || 1]) {
    assert.deepEqual(
      verdict(() => streamed(bytes, piece, options)),
      expected,
      `piece ${String(piece)}`,
    );
  }
}

function patched(bytes: Uint8Array, offset: number, value: number, size: 2 | 4): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  if (size === 2) view.setUint16(offset, value, true);
  else view.setUint32(offset, value, true);
  return copy;
}

/** `wav` with `chunk` (id, body) inserted before byte `at` and the RIFF size fixed. */
function withChunk(wav: Uint8Array, at: number, id: string, body: Uint8Array): Uint8Array {
  const padded = body.length + (body.length % 2);
  const out = new Uint8Array(wav.length + 8 + padded);
  out.set(wav.subarray(0, at));
  out.set(new TextEncoder().encode(id), at);
  new DataView(out.buffer).setUint32(at + 4, body.length, true);
  out.set(body, at + 8);
  out.set(wav.subarray(at), at + 8 + padded);
  new DataView(out.buffer).setUint32(4, out.length - 8, true);
  return out;
}

describe('newWavStreamDecoder', () => {
  const layouts = [
    { sampleFormat: 'pcm', bitsPerSample: 8 },
    { sampleFormat: 'pcm', bitsPerSample: 16 },
    { sampleFormat: 'pcm', bitsPerSample: 24 },
    { sampleFormat: 'pcm', bitsPerSample: 32 },
    { sampleFormat: 'float', bitsPerSample: 32 },
    { sampleFormat: 'float', bitsPerSample: 64 },
  ] as const;
  for (const { sampleFormat, bitsPerSample } of layouts) {
    for (const extensible of [false, true]) {
      it(`decodes ${sampleFormat} ${String(bitsPerSample)}-bit${extensible ? ' (EXTENSIBLE)' : ''} as decodeWav, split anywhere`, () => {
        assertSameAsDecodeWav(
          encodeWav(TONE, { sampleRate: 22050, sampleFormat, bitsPerSample, extensible }),
        );
      });
    }
  }

  it('mixes or picks channels as decodeWav, with frames split between pushes', () => {
    const stereo = encodeWav(TONE, { sampleRate: 48000, channelCount: 3, bitsPerSample: 24 });
    assertSameAsDecodeWav(stereo);
    assertSameAsDecodeWav(stereo, { channel: 2 });
    assertSameAsDecodeWav(stereo, { channel: 3 });
  });

  it('keeps -0 and +0 apart as decodeWav does (float mono)', () => {
    assertSameAsDecodeWav(
      encodeWav([-0, 0, -0.5], { sampleRate: 8000, sampleFormat: 'float', bitsPerSample: 32 }),
    );
  });

  it('skips other chunks, odd-sized ones with their pad byte, and bytes after the RIFF chunk', () => {
    const wav = encodeWav(TONE, { sampleRate: 16000 });
    const listed = withChunk(
      withChunk(wav, 36, 'LIST', new Uint8Array([1, 2, 3])),
      12,
      'JUNK',
      new Uint8Array(5),
    );
    assertSameAsDecodeWav(listed);
    const trailing = new Uint8Array(listed.length + 7);
    trailing.set(listed);
    assertSameAsDecodeWav(trailing);
    const odd = encodeWav(TONE.subarray(0, 3), {
      sampleRate: 16000,
      sampleFormat: 'pcm',
      bitsPerSample: 8,
    });
    assertSameAsDecodeWav(withChunk(odd, odd.length, 'LIST', new Uint8Array(4)));
  });

  it('reports the format, with the sample count, before the first sample', () => {
    const wav = encodeWav(TONE, { sampleRate: 22050, channelCount: 2, bitsPerSample: 24 });
    const decoder = newWavStreamDecoder();
    assert.equal(decoder.push(wav.subarray(0, 40)).length, 0);
    assert.equal(decoder.format, undefined);
    assert.equal(decoder.push(wav.subarray(40, 44)).length, 0);
    assert.deepEqual(decoder.format, {
      sampleRate: 22050,
      channelCount: 2,
      sampleFormat: 'pcm',
      bitsPerSample: 24,
      sampleCount: TONE.length / 2,
    });
  });

  it('emits the samples of a truncated data chunk, then end() rejects it as decodeWav', () => {
    const wav = encodeWav(TONE, { sampleRate: 16000 });
    const decoder = newWavStreamDecoder();
    assert.equal(decoder.push(wav.subarray(0, wav.length - 10)).length, TONE.length - 5);
    assert.throws(
      () => {
        decoder.end();
      },
      (e: unknown) => isAudioError(e, AudioErrorCode.malformed) && e.details.field === 'RIFF.size',
    );
  });

  it("rejects every truncation of a file with decodeWav's code and field", () => {
    const wav = withChunk(
      encodeWav(TONE.subarray(0, 20), { sampleRate: 16000, bitsPerSample: 24, channelCount: 2 }),
      12,
      'LIST',
      new Uint8Array(3),
    );
    for (let length = 0; length < wav.length; length++)
      assertSameAsDecodeWav(wav.subarray(0, length));
  });

  describe('rejects what decodeWav rejects, with the same code and field', () => {
    const wav = encodeWav(TONE, { sampleRate: 16000 });
    const cases: Record<string, Uint8Array> = {
      'RIFF size cutting into data': patched(
        wav.subarray(0, wav.length - 10),
        4,
        wav.length - 18,
        4,
      ),
      'RIFF size beyond the file': wav.subarray(0, wav.length - 10),
      'stray bytes': patched(wav, 4, wav.length - 8 + 5, 4).slice(0, wav.length + 5),
      'not RIFF/WAVE': new TextEncoder().encode('RIFF\x04\x00\x00\x00AVI '),
      RIFX: (() => {
        const rifx = wav.slice(0);
        rifx.set(new TextEncoder().encode('RIFX'), 0);
        return rifx;
      })(),
      'wrong blockAlign': patched(wav, 32, 4, 2),
      'wrong byteRate': patched(wav, 28, 1234, 4),
      'no channels': patched(wav, 22, 0, 2),
      'fmt too short': (() => {
        const short = new Uint8Array(wav.length - 4);
        short.set(wav.subarray(0, 32));
        short.set(wav.subarray(36), 32);
        const view = new DataView(short.buffer);
        view.setUint32(16, 12, true);
        view.setUint32(4, short.length - 8, true);
        return short;
      })(),
      'mu-law': patched(wav, 20, 7, 2),
      '12-bit PCM': patched(wav, 34, 12, 2),
      'unknown EXTENSIBLE sub-format': patched(
        encodeWav(TONE, { sampleRate: 16000, extensible: true }),
        50,
        0xbeef,
        2,
      ),
      'empty data': encodeWav([], { sampleRate: 16000 }),
      'data not whole frames': patched(patched(wav, 40, 7, 4), 4, 36 + 8, 4).subarray(0, 52),
      'no fmt chunk': (() => {
        const noFmt = wav.slice(0);
        noFmt.set(new TextEncoder().encode('junk'), 12);
        return noFmt;
      })(),
      'no data chunk': patched(wav.subarray(0, 36), 4, 28, 4),
      'two data chunks': withChunk(wav, wav.length, 'data', new Uint8Array(4)),
      'two fmt chunks': withChunk(wav, 36, 'fmt ', wav.subarray(20, 36)),
    };
    for (const [name, bytes] of Object.entries(cases)) {
      it(name, () => {
        assert.ok('code' in verdict(() => decodeWav(bytes).samples), 'decodeWav rejects it');
        assertSameAsDecodeWav(bytes);
      });
    }
  });

  it('requires fmt before data (decodeWav, holding the whole file, does not)', () => {
    const wav = encodeWav(TONE.subarray(0, 10), { sampleRate: 16000 });
    const swapped = new Uint8Array(wav.length);
    swapped.set(wav.subarray(0, 12));
    swapped.set(wav.subarray(36), 12);
    swapped.set(wav.subarray(12, 36), 12 + wav.length - 36);
    assert.equal(decodeWav(swapped).samples.length, 10);
    assert.deepEqual(
      verdict(() => streamed(swapped, 7)),
      {
        code: AudioErrorCode.malformed,
        field: 'fmt',
      },
    );
  });
});
