import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { IvectorErrorCode, isIvectorError } from './errors.js';
import { namedNormals } from './normal-draws.js';
import { speakerFeatures } from './speaker-features.js';

/** 0.5 s of silence, 1 s of a loud harmonic sound with a little noise, 0.5 s of silence. */
function burst(rate: number): Float64Array {
  const samples = new Float64Array(2 * rate);
  const noise = namedNormals('features-burst', samples.length);
  for (let i = 0; i < samples.length; i += 1) {
    const t = i / rate;
    const loud = t >= 0.5 && t < 1.5;
    const voice = 0.3 * Math.sin(2 * Math.PI * 150 * t) + 0.1 * Math.sin(2 * Math.PI * 1200 * t);
    samples[i] = (loud ? voice : 0) + 1e-5 * (noise[i] ?? 0);
  }
  return samples;
}

describe('speakerFeatures', () => {
  it('keeps the loud second, 39 values a frame, mean-normalised', () => {
    const frames = speakerFeatures(burst(16000), 16000);
    assert.equal(frames.dimension, 39);
    assert.ok(Math.abs(frames.frameCount - 100) <= 4, String(frames.frameCount));
    for (let j = 0; j < 39; j += 1) {
      let sum = 0;
      for (let t = 0; t < frames.frameCount; t += 1) sum += frames.data[t * 39 + j] ?? 0;
      assert.ok(Math.abs(sum / frames.frameCount) < 1e-9);
    }
  });

  it('resamples other rates and normalises variance on request', () => {
    const frames = speakerFeatures(burst(22050), 22050, { varianceNormalization: true });
    assert.ok(Math.abs(frames.frameCount - 100) <= 4, String(frames.frameCount));
    let squares = 0;
    for (let t = 0; t < frames.frameCount; t += 1) squares += (frames.data[t * 39 + 1] ?? 0) ** 2;
    assert.ok(Math.abs(squares / frames.frameCount - 1) < 1e-9);
  });

  it('refuses silence and names a bad option', () => {
    assert.throws(
      () => speakerFeatures(new Float64Array(16000), 16000),
      (error: unknown) => isIvectorError(error, IvectorErrorCode.notEnoughData),
    );
    assert.throws(
      () => speakerFeatures(burst(16000), 16000, { energyRangeDb: -1 }),
      (error: unknown) =>
        isIvectorError(error, IvectorErrorCode.invalidParameter) &&
        error.details.field === 'energyRangeDb',
    );
  });
});
