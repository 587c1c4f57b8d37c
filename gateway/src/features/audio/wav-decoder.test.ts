import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { AudioErrorCode, isAudioError, type AudioErrorCode as Code } from './errors.js';
import { decodeWav } from './wav-decoder.js';
import { encodeWav } from './wav-encoder.js';

const TONE = Float64Array.from({ length: 200 }, (_, i) => 0.5 * Math.sin(i / 7));

function rejects(bytes: Uint8Array, code: Code, field: string): void {
  assert.throws(
    () => decodeWav(bytes),
    (e: unknown) =>
      isAudioError(e, code) && e.details.field === field && e.message.startsWith(code),
  );
}

function patched(bytes: Uint8Array, offset: number, value: number, size: 2 | 4): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  if (size === 2) view.setUint16(offset, value, true);
  else view.setUint32(offset, value, true);
  return copy;
}

describe('decodeWav', () => {
  const layouts = [
    { sampleFormat: 'pcm', bitsPerSample: 8, tolerance: 1 / 128 },
    { sampleFormat: 'pcm', bitsPerSample: 16, tolerance: 1 / 32768 },
    { sampleFormat: 'pcm', bitsPerSample: 24, tolerance: 1 / 8388608 },
    { sampleFormat: 'pcm', bitsPerSample: 32, tolerance: 1 / 2147483648 },
    { sampleFormat: 'float', bitsPerSample: 32, tolerance: 1e-7 },
    { sampleFormat: 'float', bitsPerSample: 64, tolerance: 0 },
  ] as const;
  for (const { sampleFormat, bitsPerSample, tolerance } of layouts) {
    for (const extensible of [false, true]) {
      it(`decodes ${sampleFormat} ${String(bitsPerSample)}-bit${extensible ? ' (EXTENSIBLE)' : ''}`, () => {
        const wav = encodeWav(TONE, { sampleRate: 22050, sampleFormat, bitsPerSample, extensible });
        const audio = decodeWav(wav);
        assert.equal(audio.sampleRate, 22050);
        assert.equal(audio.sampleFormat, sampleFormat);
        assert.equal(audio.bitsPerSample, bitsPerSample);
        assert.equal(audio.samples.length, TONE.length);
        TONE.forEach((x, i) => {
          assert.ok(Math.abs((audio.samples[i] ?? NaN) - x) <= tolerance, `sample ${String(i)}`);
        });
      });
    }
  }

  it('decodes 16-bit exactly in 1/32768 steps', () => {
    const audio = decodeWav(
      encodeWav([-1, -0.5, 0, 12345 / 32768, 32767 / 32768], { sampleRate: 8000 }),
    );
    assert.deepEqual(Array.from(audio.samples), [-1, -0.5, 0, 12345 / 32768, 32767 / 32768]);
  });

  it('down-mixes several channels by their mean, or picks one', () => {
    const stereo = encodeWav([0.5, -0.25, 0.25, 0.25], { sampleRate: 48000, channelCount: 2 });
    assert.deepEqual(Array.from(decodeWav(stereo).samples), [0.125, 0.25]);
    assert.deepEqual(Array.from(decodeWav(stereo, { channel: 1 }).samples), [-0.25, 0.25]);
    assert.equal(decodeWav(stereo).channelCount, 2);
    assert.throws(
      () => decodeWav(stereo, { channel: 2 }),
      (e: unknown) => isAudioError(e, AudioErrorCode.invalidParameter),
    );
  });

  it('skips unknown chunks', () => {
    const wav = encodeWav(TONE, { sampleRate: 16000 });
    const list = new Uint8Array([0x4c, 0x49, 0x53, 0x54, 3, 0, 0, 0, 1, 2, 3, 0]);
    const withList = new Uint8Array(wav.length + list.length);
    withList.set(wav.subarray(0, 36));
    withList.set(list, 36);
    withList.set(wav.subarray(36), 36 + list.length);
    new DataView(withList.buffer).setUint32(4, withList.length - 8, true);
    assert.equal(decodeWav(withList).samples.length, TONE.length);
  });

  describe('rejects malformed files', () => {
    const wav = encodeWav(TONE, { sampleRate: 16000 });
    it('truncated data chunk', () => {
      rejects(
        patched(wav.subarray(0, wav.length - 10), 4, wav.length - 18, 4),
        AudioErrorCode.malformed,
        'data.size',
      );
    });
    it('RIFF size larger than the file', () => {
      rejects(wav.subarray(0, wav.length - 10), AudioErrorCode.malformed, 'RIFF.size');
    });
    it('too short to be a WAV', () => {
      rejects(wav.subarray(0, 8), AudioErrorCode.malformed, 'RIFF');
    });
    it('not RIFF/WAVE', () => {
      rejects(
        new TextEncoder().encode('RIFF\x04\x00\x00\x00AVI '),
        AudioErrorCode.malformed,
        'RIFF',
      );
    });
    it('wrong blockAlign', () => {
      rejects(patched(wav, 32, 4, 2), AudioErrorCode.malformed, 'fmt.blockAlign');
    });
    it('wrong byteRate', () => {
      rejects(patched(wav, 28, 1234, 4), AudioErrorCode.malformed, 'fmt.byteRate');
    });
    it('data size not a whole number of sample frames', () => {
      const odd = encodeWav(TONE.subarray(0, 3), { sampleRate: 16000, bitsPerSample: 24 });
      rejects(
        patched(patched(odd, 40, 8, 4), 4, odd.length - 8 - 1, 4).subarray(0, odd.length - 1),
        AudioErrorCode.malformed,
        'data.size',
      );
    });
    it('zero-length data', () => {
      rejects(encodeWav([], { sampleRate: 16000 }), AudioErrorCode.malformed, 'data.size');
    });
    it('no fmt chunk', () => {
      const noFmt = wav.slice(0);
      noFmt.set(new TextEncoder().encode('junk'), 12);
      rejects(noFmt, AudioErrorCode.malformed, 'fmt');
    });
  });

  describe('rejects unsupported codecs', () => {
    const wav = encodeWav(TONE, { sampleRate: 16000 });
    it('mu-law', () => {
      rejects(patched(wav, 20, 7, 2), AudioErrorCode.unsupported, 'fmt.audioFormat');
    });
    it('12-bit PCM', () => {
      rejects(patched(wav, 34, 12, 2), AudioErrorCode.unsupported, 'fmt.bitsPerSample');
    });
    it('EXTENSIBLE with an unknown sub-format', () => {
      const ext = encodeWav(TONE, { sampleRate: 16000, extensible: true });
      rejects(patched(ext, 50, 0xbeef, 2), AudioErrorCode.unsupported, 'fmt.subFormat');
    });
    it('RIFX (big-endian) containers', () => {
      const rifx = wav.slice(0);
      rifx.set(new TextEncoder().encode('RIFX'), 0);
      rejects(rifx, AudioErrorCode.unsupported, 'RIFF');
    });
  });
});
