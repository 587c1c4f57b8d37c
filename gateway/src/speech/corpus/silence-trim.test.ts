import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { soundSpan, TRIM_FRAME_MS } from './silence-trim.js';

const RATE = 16000;
const FRAME = (RATE * TRIM_FRAME_MS) / 1000;

function tone(length: number, amplitude: number): Float64Array {
  return Float64Array.from(
    { length },
    (_, i) => amplitude * Math.sin((2 * Math.PI * 440 * i) / RATE),
  );
}

function place(total: number, parts: readonly [number, Float64Array][]): Float64Array {
  const out = new Float64Array(total);
  for (const [at, part] of parts) out.set(part, at);
  return out;
}

describe('soundSpan', () => {
  it('cuts digital silence at frame boundaries around the sound', () => {
    const signal = place(8000, [[960, tone(3040, 0.5)]]);
    assert.deepEqual(soundSpan(signal, RATE), { start: 960, end: 4000 });
  });

  it('keeps a weak onset 30 dB below the peak and a quiet closure inside', () => {
    const signal = place(10000, [
      [800, tone(800, 0.5 * 10 ** (-30 / 20))],
      [1600, tone(2400, 0.5)],
      [5600, tone(800, 0.2)],
    ]);
    assert.deepEqual(soundSpan(signal, RATE), { start: 800, end: 6400 });
  });

  it('drops what is more than 40 dB below the peak, and rounds outwards to frames', () => {
    const signal = place(10000, [
      [800, tone(800, 0.5 * 10 ** (-50 / 20))],
      [1650, tone(2400, 0.5)],
    ]);
    const span = soundSpan(signal, RATE);
    assert.equal(span.start, 1600);
    assert.equal(span.end, Math.ceil((1650 + 2400) / FRAME) * FRAME);
  });

  it('finds no sound in silence or below the -70 dBFS floor', () => {
    assert.deepEqual(soundSpan(new Float64Array(4000), RATE), { start: 0, end: 0 });
    assert.deepEqual(soundSpan(tone(4000, 1e-4), RATE), { start: 0, end: 0 });
    assert.deepEqual(soundSpan(new Float64Array(0), RATE), { start: 0, end: 0 });
  });
});
