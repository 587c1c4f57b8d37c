import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { mfcc, POCKETSPHINX_EN_US } from '../../features/audio/index.js';
import { newDither } from './dither.js';
import { MODEL_SAMPLE_RATE, modelCepstra } from './model-features.js';

function signal(length: number): Float32Array {
  return Float32Array.from({ length }, (_, i) =>
    i % 40000 < 15000 ? 0 : 0.2 * Math.sin(i / 37) * Math.sin(i / 2900),
  );
}

describe('dither', () => {
  it('adds the same noise whatever the block sizes', () => {
    const samples = signal(100_000);
    const whole = new Float64Array(samples.length);
    newDither(1).addTo(samples, 0, whole);
    const blocks = new Float64Array(samples.length);
    const dither = newDither(1);
    for (let from = 0, size = 1; from < samples.length; from += size, size = size * 3 + 1) {
      dither.addTo(samples, from, blocks.subarray(from, Math.min(samples.length, from + size)));
    }
    assert.deepEqual(blocks, whole);
    const rms = Math.sqrt(whole.reduce((sum, x, i) => sum + (x - (samples[i] ?? 0)) ** 2, 0) / 1e5);
    assert.ok(Math.abs(rms * 32768 - 1) < 0.02, `RMS ${String(rms * 32768)} steps`);
  });

  it('with 0 steps copies the samples exactly', () => {
    const samples = signal(1000);
    const out = new Float64Array(samples.length);
    newDither(0).addTo(samples, 0, out);
    assert.deepEqual(out, Float64Array.from(samples));
  });

  it('gives the model cepstra of one pass over the whole dithered recording, block by block', () => {
    // 3.2 blocks of the front end's input, so frames straddle block boundaries.
    const samples = signal(210_000);
    const dithered = new Float64Array(samples.length);
    newDither(1).addTo(samples, 0, dithered);
    const onePass = mfcc(dithered, { ...POCKETSPHINX_EN_US, sampleRate: MODEL_SAMPLE_RATE });
    const blockwise = modelCepstra(samples, MODEL_SAMPLE_RATE, { ditherSteps: 1 });
    assert.equal(blockwise.frameCount, onePass.frameCount);
    // modelCepstra also subtracts the CMN mean: the same vector from every frame, so frame
    // differences are equal up to the rounding of that subtraction.
    const d = onePass.dimension;
    for (let t = 1; t < onePass.frameCount; t++) {
      for (let k = 0; k < d; k++) {
        const expected = (onePass.data[t * d + k] ?? 0) - (onePass.data[k] ?? 0);
        const actual = (blockwise.data[t * d + k] ?? 0) - (blockwise.data[k] ?? 0);
        assert.ok(Math.abs(actual - expected) < 1e-4, `frame ${String(t)} value ${String(k)}`);
      }
    }
  });
});
