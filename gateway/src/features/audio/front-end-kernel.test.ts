/**
 * The WebAssembly kernel gives, in each lane, the bits of the scalar code it transcribes: the
 * power spectrum of {@link newRealFft}'s windowed transform (itself checked against sphinxbase's
 * `fe_fft_real` in front-end-arithmetic.test.ts) for N = 2 to 4096, the mel energies of
 * {@link applyMelFilterBank}, and the cepstra of {@link cepstra} + {@link applyLifter} for every
 * transform; and the two frames of a call do not affect each other.
 */

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { applyLifter, cepstra, cepstralTables, lifterWeights } from './cepstral-transforms.js';
import { newFrontEndKernel, type FrontEndKernel } from './front-end-kernel.js';
import { applyMelFilterBank, melFilterBank, type MelFilterBank } from './mel-filter-bank.js';
import { resolveMfccOptions, type CepstralTransform } from './mfcc-options.js';
import { newRealFft } from './real-fft.js';

/** A reproducible sequence in [-0.5, 0.5) (no Math.random: failures must replay). */
function sequence(length: number, seed: number): Float64Array {
  let state = seed >>> 0;
  return Float64Array.from({ length }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  });
}

function bits(values: Float64Array | Float32Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

/** Lane `lane` of interleaved pairs, `length` values. */
function lane(pairs: Float64Array, which: number, length: number): Float64Array {
  return Float64Array.from({ length }, (_, i) => pairs[2 * i + which] ?? NaN);
}

const defaultBank = (): MelFilterBank => melFilterBank(resolveMfccOptions({}));

/** The scalar power spectrum of samples[start + i] x window[i]. */
function scalarPower(samples: Float64Array, start: number, window: Float64Array): Float64Array {
  const n = window.length;
  const power = new Float64Array(n / 2 + 1);
  newRealFft(n).windowedPowerSpectrum(samples, start, window, new Float64Array(n), power);
  return power;
}

describe('front end kernel', () => {
  it('gives each frame the scalar power spectrum to the bit (N = 2 to 4096)', () => {
    for (let order = 1; order <= 12; order++) {
      const n = 2 ** order;
      const window = new Float64Array(n);
      window.set(sequence(Math.max(1, Math.round(0.8 * n)), 200 + order).map((x) => 0.5 + x));
      const kernel = newFrontEndKernel(window, defaultBank(), 3 * n);
      const samples = sequence(3 * n, 100 + order).map((x) => 32768 * x);
      kernel.samples.set(samples);
      const starts: [number, number][] = [
        [0, Math.min(7, n)],
        [n, 1],
        [Math.min(5, n), Math.min(5, n)],
      ];
      for (const [start0, start1] of starts) {
        kernel.windowedPair(start0, start1);
        const at = `N = ${String(n)}, starts ${String(start0)} and ${String(start1)}`;
        const expected0 = scalarPower(samples, start0, window);
        const expected1 = scalarPower(samples, start1, window);
        assert.ok(bits(lane(kernel.power, 0, n / 2 + 1)).equals(bits(expected0)), at);
        assert.ok(bits(lane(kernel.power, 1, n / 2 + 1)).equals(bits(expected1)), at);
      }
    }
  });

  for (const options of [{}, { filterCount: 25 }, { filterCount: 31, doubleBandwidth: true }]) {
    it(`gives the scalar mel energies to the bit (${JSON.stringify(options)})`, () => {
      const p = resolveMfccOptions(options);
      const bank = melFilterBank(p);
      const window = sequence(p.fftSize, 3).map((x) => x + 0.5);
      const kernel = newFrontEndKernel(window, bank, 4 * p.fftSize);
      const samples = sequence(4 * p.fftSize, 9).map((x) => 32768 * x);
      kernel.samples.set(samples);
      kernel.windowedPair(11, 300);
      for (const [which, start] of [
        [0, 11],
        [1, 300],
      ] as const) {
        const energies = new Float64Array(bank.filterCount);
        applyMelFilterBank(bank, scalarPower(samples, start, window), energies);
        assert.ok(bits(lane(kernel.energies, which, bank.filterCount)).equals(bits(energies)));
      }
    });
  }

  it('analyses a written-out frame as the scalar transform of that frame', () => {
    const n = 512;
    const kernel = newFrontEndKernel(new Float64Array(n), defaultBank(), n);
    const frame = sequence(n, 12).map((x) => 1000 * x);
    kernel.frame.set(frame);
    kernel.writtenFrame();
    const power = new Float64Array(n / 2 + 1);
    newRealFft(n).powerSpectrumOf(frame, new Float64Array(n), power);
    assert.ok(bits(lane(kernel.power, 0, n / 2 + 1)).equals(bits(power)));
    assert.ok(bits(lane(kernel.power, 1, n / 2 + 1)).equals(bits(power)));
  });

  it('keeps a non-finite sample of one frame out of the other', () => {
    const n = 512;
    const window = sequence(n, 4).map((x) => x + 0.5);
    const kernel = newFrontEndKernel(window, defaultBank(), 3 * n);
    const samples = sequence(3 * n, 8);
    kernel.samples.set(samples);
    kernel.samples[n + 10] = NaN;
    kernel.windowedPair(0, n);
    const energies = new Float64Array(40);
    applyMelFilterBank(defaultBank(), scalarPower(samples, 0, window), energies);
    assert.ok(bits(lane(kernel.energies, 0, 40)).equals(bits(energies)));
    assert.ok(lane(kernel.energies, 1, 40).every(Number.isNaN));
  });

  const transforms: CepstralTransform[] = ['legacy', 'dct', 'htk', 'dct-unnormalized'];
  const shapes = [
    [40, 13, 0],
    [25, 13, 22],
    [40, 40, 0],
    [31, 5, 7],
    [10, 1, 0],
    [1, 1, 0],
  ] as const;
  for (const transform of transforms) {
    it(`gives the cepstra of cepstra() and applyLifter() to the bit (${transform})`, () => {
      for (const [filterCount, cepstrumCount, lifter] of shapes) {
        const bank = melFilterBank(resolveMfccOptions({ filterCount, cepstrumCount }));
        const kernel: FrontEndKernel = newFrontEndKernel(new Float64Array(512), bank, 512, {
          transform,
          cepstrumCount,
          lifter,
        });
        const logMel = [0, 1].map((k) =>
          sequence(filterCount, filterCount + 7 * k).map((x) => 20 * x + 5),
        );
        logMel.forEach((values, which) => {
          values.forEach((x, i) => {
            kernel.logMel[2 * i + which] = x;
          });
        });
        kernel.cepstra();
        logMel.forEach((values, which) => {
          const plain = new Float32Array(cepstrumCount);
          cepstra(transform, cepstralTables(filterCount, cepstrumCount), values, plain);
          if (lifter > 0) applyLifter(plain, lifterWeights(lifter, cepstrumCount));
          const fast = Float32Array.from(lane(kernel.cepstrumPairs, which, cepstrumCount));
          assert.ok(
            bits(fast).equals(bits(plain)),
            `${String(filterCount)}/${String(cepstrumCount)}/${String(lifter)}, frame ${String(which)}`,
          );
        });
      }
    });
  }
});
