import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { AudioErrorCode, isAudioError } from './errors.js';
import { newResampler, resample } from './resampler.js';

function tone(hz: number, rate: number, seconds: number): Float64Array {
  return Float64Array.from({ length: Math.round(rate * seconds) }, (_, i) =>
    Math.sin((2 * Math.PI * hz * i) / rate),
  );
}

/** Amplitude of the component at `hz` (a single-bin DFT over the middle of the signal). */
function amplitudeAt(x: Float64Array, hz: number, rate: number): number {
  const from = Math.floor(x.length / 4);
  const to = Math.floor((3 * x.length) / 4);
  let re = 0;
  let im = 0;
  for (let i = from; i < to; i++) {
    re += (x[i] ?? 0) * Math.cos((2 * Math.PI * hz * i) / rate);
    im += (x[i] ?? 0) * Math.sin((2 * Math.PI * hz * i) / rate);
  }
  return (2 * Math.hypot(re, im)) / (to - from);
}

function rms(x: Float64Array): number {
  const from = Math.floor(x.length / 4);
  const to = Math.floor((3 * x.length) / 4);
  let sum = 0;
  for (let i = from; i < to; i++) sum += (x[i] ?? 0) ** 2;
  return Math.sqrt(sum / (to - from));
}

describe('resample', () => {
  it('keeps a 1 kHz tone going from 44.1 kHz to 16 kHz', () => {
    const out = resample(tone(1000, 44100, 1), { inputRate: 44100, outputRate: 16000 });
    assert.equal(out.length, 16000);
    const reference = tone(1000, 16000, 1);
    let worst = 0;
    for (let i = 1000; i < 15000; i++)
      worst = Math.max(worst, Math.abs((out[i] ?? 0) - (reference[i] ?? 0)));
    assert.ok(worst < 1e-3, `max error ${String(worst)}`);
  });

  for (const [hz, inputRate] of [
    [8500, 44100],
    [10000, 44100],
    [15000, 48000],
    [9000, 22050],
  ] as const) {
    it(`leaves no alias of a ${String(hz)} Hz tone below the new Nyquist (${String(inputRate)} -> 16000)`, () => {
      const out = resample(tone(hz, inputRate, 1), { inputRate, outputRate: 16000 });
      const alias = 16000 - hz;
      assert.ok(
        amplitudeAt(out, alias, 16000) < 1e-4,
        `alias amplitude ${String(amplitudeAt(out, alias, 16000))}`,
      );
      assert.ok(rms(out) < 1e-4, `residual rms ${String(rms(out))}`);
    });
  }

  it('passes 7 kHz (inside the passband) with its amplitude', () => {
    const out = resample(tone(7000, 44100, 1), { inputRate: 44100, outputRate: 16000 });
    assert.ok(Math.abs(amplitudeAt(out, 7000, 16000) - 1) < 0.01);
  });

  it('up-samples 8 kHz to 16 kHz without images', () => {
    const out = resample(tone(3000, 8000, 1), { inputRate: 8000, outputRate: 16000 });
    assert.ok(Math.abs(amplitudeAt(out, 3000, 16000) - 1) < 0.01);
    assert.ok(amplitudeAt(out, 5000, 16000) < 1e-4);
  });

  it('streams: chunked input gives the same samples as one call', () => {
    const input = tone(440, 22050, 0.5).map((x, i) => x + 0.3 * Math.sin(i * 0.9));
    const whole = resample(input, { inputRate: 22050, outputRate: 16000 });
    const resampler = newResampler({ inputRate: 22050, outputRate: 16000 });
    const parts: number[] = [];
    for (let i = 0; i < input.length; i += 777)
      parts.push(...resampler.process(input.subarray(i, i + 777)));
    parts.push(...resampler.flush());
    assert.deepEqual(Float64Array.from(parts), whole);
  });

  it('returns the input unchanged when the rates are equal', () => {
    assert.deepEqual(
      resample([0.1, 0.2], { inputRate: 16000, outputRate: 16000 }),
      Float64Array.from([0.1, 0.2]),
    );
  });

  it('rejects invalid rates', () => {
    assert.throws(
      () => resample([0], { inputRate: 0, outputRate: 16000 }),
      (e: unknown) =>
        isAudioError(e, AudioErrorCode.invalidParameter) && e.details.field === 'inputRate',
    );
  });
});
