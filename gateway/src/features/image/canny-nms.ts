/*
 * Canny's non-maximum suppression as scikit-image 0.19 does it (`_get_local_maxima`): the
 * gradient direction puts a pixel in one of four 45-degree sectors, and the magnitude is
 * compared with the magnitudes interpolated linearly between the two neighbours on each side
 * along the gradient. A pixel is kept when it is not below either interpolation. Pixels on the
 * image border and pixels with zero magnitude are never maxima. Where a pixel lies on the
 * boundary of two sectors (|gy| = |gx|, or a zero component) scikit-image evaluates the
 * sectors in order and the last one decides; so does this.
 */

/** The gradients of an image: `gy` down the rows (axis 0), `gx` along them, and their norm. */
export interface Gradients {
  readonly width: number;
  readonly height: number;
  readonly gy: Float64Array;
  readonly gx: Float64Array;
  readonly magnitude: Float64Array;
}

/**
 * Per sector: whether the interpolation weight is |gx| / |gy| (else |gy| / |gx|), and the
 * offsets (dx, dy) of the near and far neighbours on the + side; the - side mirrors them.
 * Sectors in scikit-image's order: 0-45, 45-90, 90-135, 135-180 degrees.
 */
const SECTORS = [
  { xOverY: true, near: [0, 1], far: [1, 1] },
  { xOverY: false, near: [1, 0], far: [1, 1] },
  { xOverY: false, near: [1, 0], far: [1, -1] },
  { xOverY: true, near: [0, -1], far: [1, -1] },
] as const;

/** 1 where the gradient magnitude is a local maximum across the edge, else 0. */
export function cannyLocalMaxima(gradients: Gradients): Uint8Array {
  const { width, height, gy, gx, magnitude } = gradients;
  const offsets = SECTORS.map(({ near, far }) => ({
    near: near[1] * width + near[0],
    far: far[1] * width + far[0],
  }));
  const maxima = new Uint8Array(width * height);
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const m = magnitude[i] as number;
      if (m <= 0) continue;
      const dy = gy[i] as number;
      const dx = gx[i] as number;
      const s = sector(dy, dx);
      const { near, far } = offsets[s] as { near: number; far: number };
      const w = (SECTORS[s] as { xOverY: boolean }).xOverY
        ? Math.abs(dx) / Math.abs(dy)
        : Math.abs(dy) / Math.abs(dx);
      if (notBelow(magnitude, i, m, w, near, far)) maxima[i] = 1;
    }
  }
  return maxima;
}

/** The sector scikit-image assigns last to a gradient (see SECTORS). */
function sector(gy: number, gx: number): 0 | 1 | 2 | 3 {
  const antiDiagonal = (gy <= 0 && gx >= 0) || (gy >= 0 && gx <= 0);
  if (antiDiagonal) return Math.abs(gy) >= Math.abs(gx) ? 3 : 2;
  return Math.abs(gy) <= Math.abs(gx) ? 1 : 0;
}

/**
 * Whether m >= far x w + near x (1 - w) on both sides, in scikit-image's arithmetic
 * (`c2 * w + c1 * (1 - w) <= m`).
 */
function notBelow(
  magnitude: Float64Array,
  i: number,
  m: number,
  w: number,
  near: number,
  far: number,
): boolean {
  const plus = (magnitude[i + far] as number) * w + (magnitude[i + near] as number) * (1 - w);
  const minus = (magnitude[i - far] as number) * w + (magnitude[i - near] as number) * (1 - w);
  return plus <= m && minus <= m;
}
