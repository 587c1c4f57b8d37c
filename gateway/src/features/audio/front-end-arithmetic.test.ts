/**
 * The scalar fast schedules give the same bits as the plain forms: the real FFT as sphinxbase's
 * `fe_fft_real` written out literally (below), the window applied in the FFT's first pass as a
 * written-out frame, the paired mel sums as one sum per filter in bin order. (The WebAssembly
 * kernel, which the front end runs, is checked against these in front-end-kernel.test.ts.)
 */

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { applyMelFilterBank, melFilterBank } from './mel-filter-bank.js';
import { resolveMfccOptions } from './mfcc-options.js';
import { frameAt } from './feature-matrix.js';
import { mfcc } from './mfcc.js';
import { newRealFft } from './real-fft.js';

/** A reproducible sequence in [-0.5, 0.5) (no Math.random: failures must replay). */
function sequence(length: number, seed: number): Float64Array {
  let state = seed >>> 0;
  return Float64Array.from({ length }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  });
}

/** sphinxbase 5prealpha `fe_fft_real`, transcribed line by line (double precision). */
function sphinxbaseFftReal(input: Float64Array): Float64Array {
  const x = input.slice();
  const n = x.length;
  const m = Math.round(Math.log2(n));
  const ccc = Float64Array.from({ length: n / 4 }, (_, i) => Math.cos((2 * Math.PI * i) / n));
  const sss = Float64Array.from({ length: n / 4 }, (_, i) => Math.sin((2 * Math.PI * i) / n));
  const at = (i: number): number => x[i] ?? NaN;
  let j = 0;
  for (let i = 0; i < n - 1; ++i) {
    if (i < j) {
      const xt = at(j);
      x[j] = at(i);
      x[i] = xt;
    }
    let k = n / 2;
    while (k <= j) {
      j -= k;
      k /= 2;
    }
    j += k;
  }
  for (let i = 0; i < n; i += 2) {
    const xt = at(i);
    x[i] = xt + at(i + 1);
    x[i + 1] = xt - at(i + 1);
  }
  for (let k = 1; k < m; ++k) {
    const n4 = k - 1;
    const n2 = k;
    const n1 = k + 1;
    for (let i = 0; i < n; i += 1 << n1) {
      const xt = at(i);
      x[i] = xt + at(i + (1 << n2));
      x[i + (1 << n2)] = xt - at(i + (1 << n2));
      x[i + (1 << n2) + (1 << n4)] = -at(i + (1 << n2) + (1 << n4));
      for (let jj = 1; jj < 1 << n4; ++jj) {
        const i1 = i + jj;
        const i2 = i + (1 << n2) - jj;
        const i3 = i + (1 << n2) + jj;
        const i4 = i + (1 << n2) + (1 << n2) - jj;
        const cc = ccc[jj << (m - n1)] ?? NaN;
        const ss = sss[jj << (m - n1)] ?? NaN;
        const t1 = at(i3) * cc + at(i4) * ss;
        const t2 = at(i3) * ss - at(i4) * cc;
        x[i4] = at(i2) - t2;
        x[i3] = -at(i2) - t2;
        x[i2] = at(i1) - t1;
        x[i1] = at(i1) + t1;
      }
    }
  }
  return x;
}

function bits(values: Float64Array | Float32Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

describe('real FFT', () => {
  for (let order = 1; order <= 12; order++) {
    const n = 2 ** order;
    it(`is sphinxbase's fe_fft_real to the bit (N = ${String(n)})`, () => {
      const fft = newRealFft(n);
      for (const seed of [1, 2, 3]) {
        const input = sequence(n, seed);
        const out = new Float64Array(n);
        fft.transform(input, out);
        assert.ok(bits(out).equals(bits(sphinxbaseFftReal(input))), `seed ${String(seed)}`);
      }
    });
  }

  it('fuses the last pass with the power spectrum to the same bits (N = 2 to 4096)', () => {
    for (let order = 1; order <= 12; order++) {
      const n = 2 ** order;
      const fft = newRealFft(n);
      const input = sequence(n, order);
      const spectrum = new Float64Array(n);
      const plain = new Float64Array(n / 2 + 1);
      fft.transform(input, spectrum);
      fft.powerSpectrum(spectrum, plain);
      const fused = new Float64Array(n / 2 + 1);
      fft.powerSpectrumOf(input, new Float64Array(n), fused);
      assert.ok(bits(fused).equals(bits(plain)), `N = ${String(n)}`);
    }
  });

  it('applies a zero-padded window in the first pass to the same bits as a written-out frame', () => {
    for (let order = 1; order <= 12; order++) {
      const n = 2 ** order;
      const fft = newRealFft(n);
      const frameSize = Math.max(1, Math.round(0.8 * n));
      const samples = sequence(3 * n, 100 + order).map((x) => 32768 * x);
      const window = new Float64Array(n);
      window.set(sequence(frameSize, 200 + order).map((x) => 0.5 + x));
      for (const start of [0, 7, n]) {
        const frame = new Float64Array(n);
        for (let i = 0; i < frameSize; i++) {
          frame[i] = (samples[start + i] ?? NaN) * (window[i] ?? NaN);
        }
        const written = new Float64Array(n / 2 + 1);
        fft.powerSpectrumOf(frame, new Float64Array(n), written);
        const fused = new Float64Array(n / 2 + 1);
        fft.windowedPowerSpectrum(samples, start, window, new Float64Array(n), fused);
        assert.ok(bits(fused).equals(bits(written)), `N = ${String(n)}, start ${String(start)}`);
      }
    }
  });

  it('keeps a non-finite sample out of the frames that do not hold it', () => {
    const samples = sequence(16000, 5);
    const withNaN = samples.slice();
    // Frame 10 covers samples [1600, 2010) and its 512-point FFT input [1600, 2112): 2050 is
    // in its zero padding. Frame 11, [1760, 2170), holds it.
    withNaN[2050] = NaN;
    const clean = mfcc(samples);
    const dirty = mfcc(withNaN);
    for (let t = 0; t <= 10; t++) {
      assert.deepEqual(frameAt(dirty, t), frameAt(clean, t), `frame ${String(t)}`);
    }
    assert.ok(Number.isNaN(frameAt(dirty, 11)[0]));
  });

  it('computes the DFT (power spectrum against a direct sum)', () => {
    const n = 64;
    const input = sequence(n, 9);
    const fft = newRealFft(n);
    const spectrum = new Float64Array(n);
    const power = new Float64Array(n / 2 + 1);
    fft.transform(input, spectrum);
    fft.powerSpectrum(spectrum, power);
    for (let k = 0; k <= n / 2; k++) {
      let re = 0;
      let im = 0;
      input.forEach((x, t) => {
        re += x * Math.cos((2 * Math.PI * k * t) / n);
        im -= x * Math.sin((2 * Math.PI * k * t) / n);
      });
      assert.ok(Math.abs((power[k] ?? NaN) - (re * re + im * im)) < 1e-12, `bin ${String(k)}`);
    }
  });
});

describe('mel filter bank sums', () => {
  for (const options of [{}, { filterCount: 25 }, { filterCount: 31, doubleBandwidth: true }]) {
    it(`are each filter's sum in bin order (${JSON.stringify(options)})`, () => {
      const bank = melFilterBank(resolveMfccOptions(options));
      const power = sequence(257, 4).map((x) => (x + 0.5) * 1e7);
      const fast = new Float64Array(bank.filterCount);
      applyMelFilterBank(bank, power, fast);
      const plain = Float64Array.from({ length: bank.filterCount }, (_, i) => {
        let sum = 0;
        const start = bank.binStart[i] ?? 0;
        const offset = bank.weightStart[i] ?? 0;
        for (let j = 0; j < (bank.binCount[i] ?? 0); j++) {
          sum += (power[start + j] ?? 0) * (bank.weights[offset + j] ?? 0);
        }
        return sum;
      });
      assert.ok(bits(fast).equals(bits(plain)));
    });
  }
});
