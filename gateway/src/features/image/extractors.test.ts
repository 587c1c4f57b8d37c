import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { blobOverlap, pruneBlobs } from './blob-pruning.js';
import { dohBlobs, logBlobs } from './blobs.js';
import { cannyEdges } from './canny.js';
import { harrisCorners, shiTomasiCorners } from './corners.js';
import { isImageError } from './errors.js';
import type { GrayImage } from './gray-image.js';
import { ridges } from './ridges.js';
import { structureTensor } from './structure-tensor.js';

/** A `width` x `height` image from a function of (x, y), anti-aliased by 4 x 4 samples. */
function drawn(width: number, height: number, level: (x: number, y: number) => number): GrayImage {
  const data = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let s = 0; s < 16; s++)
        sum += level(x + ((s % 4) + 0.5) / 4, y + (Math.floor(s / 4) + 0.5) / 4);
      data[y * width + x] = sum / 16;
    }
  }
  return { width, height, data };
}

const square = drawn(64, 64, (x, y) => (x >= 20 && x < 44 && y >= 20 && y < 44 ? 0.9 : 0.1));
const disk = drawn(64, 64, (x, y) => ((x - 32) ** 2 + (y - 32) ** 2 <= 36 ? 0.9 : 0.1));
const flat: GrayImage = { width: 16, height: 12, data: new Float64Array(192).fill(0.5) };

function assertInvalid(run: () => unknown, field: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(isImageError(error, 'DEURO_IMAGE_INVALID_PARAMETER'), String(error));
    assert.equal(error.field, field);
    return true;
  });
}

describe('cannyEdges', () => {
  it('outlines a square with thin edges along its sides', () => {
    const { edges, count } = cannyEdges(square);
    // Sides fall between pixel rows, so both rows are maxima: edges are one or two pixels thick.
    assert.ok(count >= 92 && count <= 200, `count ${String(count)}`);
    for (let i = 0; i < edges.length; i++) {
      if (edges[i] !== 1) continue;
      const x = i % 64;
      const y = Math.floor(i / 64);
      const nearSide = [x - 20, x - 43, y - 20, y - 43].some((d) => Math.abs(d) <= 1);
      assert.ok(nearSide, `edge at ${String(x)}, ${String(y)}`);
    }
  });

  it('finds nothing in a flat image or on tiny ones', () => {
    assert.equal(cannyEdges(flat).count, 0);
    const sizes: [number, number][] = [
      [1, 1],
      [2, 1],
      [1, 3],
      [3, 3],
    ];
    for (const [w, h] of sizes) {
      const tiny = {
        width: w,
        height: h,
        data: Float64Array.from({ length: w * h }, (_, i) => i % 2),
      };
      assert.equal(cannyEdges(tiny).count, 0);
    }
  });

  it('validates its options, naming the field', () => {
    assertInvalid(() => cannyEdges(square, { sigma: 0 }), 'canny.sigma');
    assertInvalid(
      () => cannyEdges(square, { lowThreshold: 0.3, highThreshold: 0.2 }),
      'canny.highThreshold',
    );
    assertInvalid(() => cannyEdges(square, { lowThreshold: Number.NaN }), 'canny.lowThreshold');
    assertInvalid(() => cannyEdges(square, { sigmaa: 1 } as never), 'canny.sigmaa');
    assertInvalid(() => cannyEdges({ width: 2, height: 2, data: new Float64Array(3) }), 'image');
  });
});

/** The 3 x 3 Sobel derivative down the rows (unscaled) of `at`, which handles the borders. */
function sobelDown(at: (x: number, y: number) => number, x: number, y: number): number {
  return (
    at(x - 1, y + 1) -
    at(x - 1, y - 1) +
    2 * (at(x, y + 1) - at(x, y - 1)) +
    (at(x + 1, y + 1) - at(x + 1, y - 1))
  );
}

describe('harrisCorners and shiTomasiCorners', () => {
  it('find the four corners of a square, strongest first', () => {
    for (const corners of [harrisCorners(square), shiTomasiCorners(square)]) {
      assert.equal(corners.length, 4, JSON.stringify(corners));
      for (const c of corners) {
        assert.ok(
          [20, 43].some((v) => Math.abs(c.x - v) <= 2),
          `x ${String(c.x)}`,
        );
        assert.ok(
          [20, 43].some((v) => Math.abs(c.y - v) <= 2),
          `y ${String(c.y)}`,
        );
      }
      const scores = corners.map((c) => c.score);
      assert.deepEqual(
        scores,
        [...scores].sort((a, b) => b - a),
      );
    }
  });

  it('keep at most maxCorners, none in a flat image, and reuse a tensor', () => {
    assert.equal(harrisCorners(square, { maxCorners: 2 }).length, 2);
    assert.deepEqual(harrisCorners(flat), []);
    const tensor = structureTensor(square, 1);
    assert.deepEqual(harrisCorners(square, {}, tensor), harrisCorners(square));
    assert.deepEqual(
      shiTomasiCorners(square, { sigma: 2 }, tensor),
      shiTomasiCorners(square, { sigma: 2 }),
    );
  });

  it("with blockSize > 0, sum OpenCV's scaled Sobel products over a mirrored box window", () => {
    // Brute force: cornerEigenValsVecs' Dx, Dy (3 x 3 Sobel / (4 n), BORDER_REFLECT_101) and an
    // unnormalised n x n box anchored at n / 2, also BORDER_REFLECT_101.
    const { width, height, data } = disk;
    const mirror = (i: number, n: number): number => (i < 0 ? -i : i >= n ? 2 * n - 2 - i : i);
    const at = (x: number, y: number): number =>
      data[mirror(y, height) * width + mirror(x, width)] ?? NaN;
    for (const n of [1, 2, 3, 5]) {
      const tensor = structureTensor(disk, 7, n);
      const dx = (x: number, y: number): number =>
        (at(x + 1, y - 1) - at(x - 1, y - 1) + 2 * (at(x + 1, y) - at(x - 1, y))) / (4 * n) +
        (at(x + 1, y + 1) - at(x - 1, y + 1)) / (4 * n);
      const dy = (x: number, y: number): number => sobelDown(at, x, y) / (4 * n);
      for (const [x, y] of [
        [0, 0],
        [26, 30],
        [38, 33],
        [63, 40],
      ] as const) {
        let rr = 0;
        let rc = 0;
        let cc = 0;
        const a = Math.floor(n / 2);
        for (let v = y - a; v < y - a + n; v++) {
          for (let u = x - a; u < x - a + n; u++) {
            const [mu, mv] = [mirror(u, width), mirror(v, height)];
            rr += dy(mu, mv) ** 2;
            rc += dy(mu, mv) * dx(mu, mv);
            cc += dx(mu, mv) ** 2;
          }
        }
        const i = y * width + x;
        assert.ok(Math.abs((tensor.arr[i] ?? NaN) - rr) <= 1e-12, `arr n ${String(n)}`);
        assert.ok(Math.abs((tensor.arc[i] ?? NaN) - rc) <= 1e-12, `arc n ${String(n)}`);
        assert.ok(Math.abs((tensor.acc[i] ?? NaN) - cc) <= 1e-12, `acc n ${String(n)}`);
      }
    }
    const box = harrisCorners(square, { blockSize: 3 });
    assert.equal(box.length, 4);
    assert.deepEqual(harrisCorners(square, { blockSize: 3 }, structureTensor(square, 1, 3)), box);
    assert.deepEqual(harrisCorners(square, { blockSize: 3, sigma: 2 }), box, 'sigma unused');
    // A tensor of the other window is not reused.
    assert.deepEqual(
      harrisCorners(square, {}, structureTensor(square, 1, 3)),
      harrisCorners(square),
    );
  });

  it('validate their options, naming the field', () => {
    assertInvalid(() => harrisCorners(square, { blockSize: 32 }), 'harris.blockSize');
    assertInvalid(() => shiTomasiCorners(square, { blockSize: 1.5 }), 'shiTomasi.blockSize');
    assertInvalid(() => harrisCorners(square, { k: 0.3 }), 'harris.k');
    assertInvalid(() => harrisCorners(square, { minDistance: 1.5 }), 'harris.minDistance');
    assertInvalid(() => shiTomasiCorners(square, { thresholdRel: 2 }), 'shiTomasi.thresholdRel');
    assertInvalid(() => shiTomasiCorners(square, { k: 0.04 } as never), 'shiTomasi.k');
  });
});

describe('logBlobs and dohBlobs', () => {
  it('find a disk of radius 6 at its centre, at a scale near 6 / sqrt(2)', () => {
    const [log] = logBlobs(disk, { threshold: 0.1 });
    assert.ok(log !== undefined);
    assert.ok(Math.abs(log.x - 32) <= 1 && Math.abs(log.y - 32) <= 1, JSON.stringify(log));
    assert.ok(Math.abs(log.sigma - 6 / Math.SQRT2) <= 1, `sigma ${String(log.sigma)}`);
    const [doh] = dohBlobs(disk, { maxSigma: 10, numSigma: 10, threshold: 0.001 });
    assert.ok(doh !== undefined);
    // The box approximation is not centred (see filters.test.ts): within a few pixels.
    assert.ok(Math.hypot(doh.x - 32, doh.y - 32) <= 3, JSON.stringify(doh));
  });

  it('find nothing inside a flat image', () => {
    assert.deepEqual(logBlobs(flat), []);
    // The clipped boxes respond along the border of a flat image (as scikit-image's do).
    const big: GrayImage = { width: 80, height: 80, data: new Float64Array(6400).fill(0.5) };
    for (const blob of dohBlobs(big, { maxSigma: 5 })) {
      assert.ok(Math.min(blob.x, blob.y, 79 - blob.x, 79 - blob.y) < 3 * 5, JSON.stringify(blob));
    }
  });

  it('validate their options, naming the field', () => {
    assertInvalid(() => logBlobs(disk, { minSigma: 3, maxSigma: 2 }), 'log.maxSigma');
    assertInvalid(() => dohBlobs(disk, { minSigma: 0.5 }), 'doh.minSigma');
    assertInvalid(() => logBlobs(disk, { logScale: 'yes' } as never), 'log.logScale');
    assertInvalid(() => logBlobs(disk, { numSigma: 0 }), 'log.numSigma');
  });
});

describe('blob pruning', () => {
  it("measures overlap as scikit-image's _blob_overlap", () => {
    const a = { x: 0, y: 0, sigma: 2, score: 1 };
    assert.equal(blobOverlap(a, a), 1);
    assert.equal(blobOverlap(a, { ...a, x: 100 }), 0);
    const half = blobOverlap(a, { ...a, x: 2 * Math.SQRT2 * 2 * 0.5 });
    assert.ok(half > 0.3 && half < 0.5, String(half));
  });

  it('drops the smaller of two overlapping blobs, and the first of equal ones', () => {
    const big = { x: 10, y: 10, sigma: 4, score: 1 };
    const small = { x: 11, y: 10, sigma: 2, score: 2 };
    assert.deepEqual(pruneBlobs([small, big], 0.5), [big]);
    const twin = { ...big, x: 11, score: 0.5 };
    assert.deepEqual(pruneBlobs([big, twin], 0.5), [twin]);
    assert.deepEqual(pruneBlobs([big, { ...big, x: 60 }], 0.5).length, 2);
  });
});

describe('ridges', () => {
  const line = drawn(48, 48, (x) => (Math.abs(x - 24) < 1.5 ? 0.1 : 0.9));

  it('marks a dark line as a ridge at its centre, at a scale near its width', () => {
    const map = ridges(line);
    assert.equal(map.mask[20 * 48 + 24], 1);
    assert.equal(map.mask[20 * 48 + 5], 0);
    // A 3-pixel line: sigma^2-normalised responses peak at sigma 3 of 1, 3, 5, 7, 9.
    assert.equal(map.sigmas[map.scale[20 * 48 + 24] ?? 0], 3);
    assert.ok(map.count > 0 && map.count < 48 * 10);
  });

  it('marks nothing on that line when looking for bright ridges', () => {
    const map = ridges(line, { blackRidges: false });
    assert.equal(map.mask[20 * 48 + 24], 0);
    assert.equal(ridges(flat).count, 0);
  });

  it('validates its options, naming the field', () => {
    assertInvalid(() => ridges(line, { numSigma: 51 }), 'ridges.numSigma');
    assertInvalid(() => ridges(line, { minSigma: 4, maxSigma: 3 }), 'ridges.maxSigma');
  });
});
