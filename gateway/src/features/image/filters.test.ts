import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  borderIndex,
  correlateColumns,
  correlateRows,
  kernelSymmetry,
  type BorderMode,
} from './correlate.js';
import { gaussianFilter, gaussianLaplace } from './gaussian-filter.js';
import { gaussianKernel, gaussianRadius, pairwiseSum } from './gaussian-kernel.js';
import { hessianDeterminant, integralImage } from './hessian-determinant.js';
import { linspace, logspace } from './sigma-list.js';
import { sobel } from './sobel.js';

/** Extends [a, b, c, d] by 5 on each side under `mode`, as letters. */
function extended(mode: BorderMode): string {
  const letters = 'abcd';
  return Array.from({ length: 14 }, (_, i) => {
    const j = borderIndex(i - 5, 4, mode);
    return j < 0 ? '0' : letters[j];
  }).join('');
}

/** A deterministic test plane. */
function plane(width: number, height: number): Float64Array {
  return Float64Array.from({ length: width * height }, (_, i) => Math.sin(i * 0.7) + (i % 5) / 4);
}

/** Direct 1-D correlation down the columns, for comparison. */
function naiveColumns(
  src: Float64Array,
  width: number,
  height: number,
  weights: Float64Array,
  mode: BorderMode,
): Float64Array {
  const radius = (weights.length - 1) / 2;
  const out = new Float64Array(src.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let k = -radius; k <= radius; k++) {
        const row = borderIndex(y + k, height, mode);
        sum += (row < 0 ? 0 : (src[row * width + x] ?? 0)) * (weights[k + radius] ?? 0);
      }
      out[y * width + x] = sum;
    }
  }
  return out;
}

function assertClose(a: ArrayLike<number>, b: ArrayLike<number>, tolerance: number): void {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) {
    assert.ok(
      Math.abs((a[i] ?? 0) - (b[i] ?? 0)) <= tolerance,
      `${String(i)}: ${String(a[i])} vs ${String(b[i])}`,
    );
  }
}

describe('border modes', () => {
  it("extend as scipy.ndimage documents them, periodically beyond the line's length", () => {
    // reflect: d c b a | a b c d | d c b a, then again a b c d ...
    assert.equal(extended('reflect'), 'ddcbaabcddcbaa');
    // mirror: d c b | a b c d | c b a, then b c d ...
    assert.equal(extended('mirror'), 'bcdcbabcdcbabc');
    assert.equal(extended('nearest'), 'aaaaaabcdddddd');
    assert.equal(extended('constant'), '00000abcd00000');
    assert.equal(borderIndex(-3, 1, 'mirror'), 0);
    assert.equal(borderIndex(5, 1, 'reflect'), 0);
  });
});

describe('Gaussian kernels', () => {
  it('have scipy radius int(4 sigma + 0.5), unit sum, and a second derivative that is one', () => {
    for (const sigma of [1, 1.37, 3, 10]) {
      const smooth = gaussianKernel(sigma, 0);
      const second = gaussianKernel(sigma, 2);
      assert.equal(smooth.radius, Math.trunc(4 * sigma + 0.5));
      assert.equal(gaussianRadius(sigma), smooth.radius);
      assert.ok(Math.abs(pairwiseSum(smooth.weights, 0, smooth.weights.length) - 1) < 1e-15);
      const moment = second.weights.reduce((s, w, i) => s + w * (i - second.radius) ** 2, 0);
      // Correlating x^2 with the second derivative gives 2, up to sampling and truncation.
      assert.ok(Math.abs(moment - 2) < 0.02, `second moment ${String(moment)}`);
      const total = second.weights.reduce((s, w) => s + w, 0);
      assert.ok(Math.abs(total) < 1e-3, `sum ${String(total)}`);
      assert.equal(kernelSymmetry(smooth), 1);
      assert.equal(kernelSymmetry(second), 1);
    }
    assert.equal(kernelSymmetry({ radius: 1, weights: Float64Array.of(-1, 0, 1) }), -1);
    assert.equal(kernelSymmetry({ radius: 1, weights: Float64Array.of(1, 0, 0) }), 0);
  });

  it('sum pairwise as numpy (blocks of 8, halves above 128)', () => {
    const values = Float64Array.from({ length: 300 }, (_, i) => 1 / (i + 1));
    let plain = 0;
    for (const v of values) plain += v;
    assert.ok(Math.abs(pairwiseSum(values, 0, 300) - plain) < 1e-13);
    assert.equal(pairwiseSum(values, 0, 3), 1 + 0.5 + 1 / 3);
  });
});

describe('separable correlation', () => {
  const width = 13;
  const height = 9;
  const src = plane(width, height);
  const kernels = [
    gaussianKernel(1.5, 0),
    gaussianKernel(2, 2),
    { radius: 1, weights: Float64Array.of(-1, 0, 1) },
    { radius: 2, weights: Float64Array.of(1, -2, 0.5, 3, 0.25) },
  ];
  for (const mode of ['reflect', 'mirror', 'nearest', 'constant'] as const) {
    it(`matches direct correlation down columns and along rows (${mode})`, () => {
      for (const kernel of kernels) {
        const down = new Float64Array(src.length);
        correlateColumns(src, down, width, height, kernel, mode);
        assertClose(down, naiveColumns(src, width, height, kernel.weights, mode), 1e-12);
        // Rows: correlate the transposed plane down its columns.
        const transposed = new Float64Array(src.length);
        for (let y = 0; y < height; y++) {
          for (let x = 0; x < width; x++) transposed[x * height + y] = src[y * width + x] ?? 0;
        }
        const along = new Float64Array(src.length);
        correlateRows(src, along, width, height, kernel, mode);
        const expected = naiveColumns(transposed, height, width, kernel.weights, mode);
        const back = Float64Array.from({ length: src.length }, (_, i) => {
          const x = i % width;
          const y = Math.floor(i / width);
          return expected[x * height + y] ?? 0;
        });
        assertClose(along, back, 1e-12);
      }
    });
  }

  it('keeps a constant plane constant, and its Laplacian near zero, with reflected borders', () => {
    const flat = { width: 7, height: 5, data: new Float64Array(35).fill(0.25) };
    assertClose(gaussianFilter(flat, 2, 'reflect'), flat.data, 1e-15);
    // Not exactly zero: the truncated, sampled kernel's weights sum to about -2e-4 (as scipy's).
    assertClose(gaussianLaplace(flat, 2, 'reflect'), new Float64Array(35), 1e-4);
  });

  it('computes both Sobel derivatives as scipy, bit for bit, whatever the size and mode', () => {
    const difference = { radius: 1, weights: Float64Array.of(-1, 0, 1) };
    const smoothing = { radius: 1, weights: Float64Array.of(1, 2, 1) };
    const sizes: [number, number][] = [
      [1, 1],
      [1, 5],
      [5, 1],
      [2, 2],
      [13, 9],
    ];
    for (const mode of ['reflect', 'mirror', 'nearest', 'constant'] as const) {
      for (const [w, h] of sizes) {
        const data = plane(w, h);
        const temp = new Float64Array(data.length);
        const gy = new Float64Array(data.length);
        const gx = new Float64Array(data.length);
        correlateColumns(data, temp, w, h, difference, mode);
        correlateRows(temp, gy, w, h, smoothing, mode);
        correlateRows(data, temp, w, h, difference, mode);
        correlateColumns(temp, gx, w, h, smoothing, mode);
        const fused = sobel({ width: w, height: h, data }, mode);
        assert.deepEqual(
          [...fused.gy].map((v) => v + 0),
          [...gy].map((v) => v + 0),
          `${mode} ${String(w)}x${String(h)} gy`,
        );
        assert.deepEqual(
          [...fused.gx].map((v) => v + 0),
          [...gx].map((v) => v + 0),
          `${mode} ${String(w)}x${String(h)} gx`,
        );
      }
    }
  });

  it('gives the unnormalised Sobel derivative (a unit ramp scores 8)', () => {
    const ramp = { width: 6, height: 4, data: Float64Array.from({ length: 24 }, (_, i) => i % 6) };
    const { gx, gy } = sobel(ramp, 'reflect');
    assert.equal(gx[2 * 6 + 2], 8);
    assert.equal(gy[2 * 6 + 2], 0);
  });
});

describe('integral image and box Hessian', () => {
  it('sums rectangles, and gives no response inside a flat image', () => {
    const width = 30;
    const height = 20;
    const sums = integralImage({ width, height, data: new Float64Array(600).fill(1) });
    assert.equal(sums[599], 600);
    assert.equal(sums[2 * width + 3], 12);
    const det = hessianDeterminant(sums, width, height, 2);
    for (let y = 8; y < height - 8; y++) {
      for (let x = 8; x < width - 8; x++) assert.equal(det[y * width + x], 0);
    }
  });

  it('responds most at the centre of a Gaussian blob', () => {
    const width = 41;
    const data = Float64Array.from({ length: width * width }, (_, i) => {
      const x = (i % width) - 20;
      const y = Math.floor(i / width) - 20;
      return Math.exp(-(x * x + y * y) / 18);
    });
    const det = hessianDeterminant(integralImage({ width, height: width, data }), width, width, 3);
    let best = 0;
    det.forEach((v, i) => {
      if (v > (det[best] ?? 0)) best = i;
    });
    // scikit-image's box layout is not centred (sums start one row and column late): the peak
    // is one pixel up and left of the blob's centre, there as here.
    assert.deepEqual([best % width, Math.floor(best / width)], [19, 19]);
  });
});

describe('sigma lists', () => {
  it('space scales as numpy linspace and logspace', () => {
    assert.deepEqual(linspace(1, 9, 5), [1, 3, 5, 7, 9]);
    assert.deepEqual(linspace(2, 2, 3), [2, 2, 2]);
    assert.deepEqual(linspace(4, 10, 1), [4]);
    const logs = logspace(1, 100, 3);
    assert.ok(Math.abs((logs[1] ?? 0) - 10) < 1e-12);
  });
});
