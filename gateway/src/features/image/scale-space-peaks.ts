/*
 * Local maxima of a scale-space stack as scikit-image 0.19's blob detectors find them
 * (`peak_local_max` on the (row, column, scale) cube with a 3 x 3 x 3 footprint): a point is a
 * maximum when no neighbour in space or scale exceeds it, the cube padded with zeros, and it
 * is strictly above the threshold. A constant non-negative cube has none.
 *
 * The stack is streamed: only three scales are held at a time, so memory does not grow with
 * the number of scales.
 */

/** A scale-space maximum: column, row, scale index and the response there. */
export interface ScalePeak {
  readonly x: number;
  readonly y: number;
  readonly scale: number;
  readonly score: number;
}

/**
 * The maxima above `threshold` (>= 0) of the stack whose scale `s` is `plane(s)`, strongest
 * first (ties in row-major order, then by scale). `plane` is called once per scale, in order.
 */
export function scaleSpacePeaks(
  width: number,
  height: number,
  scales: number,
  plane: (scale: number) => Float64Array,
  threshold: number,
): ScalePeak[] {
  const peaks: ScalePeak[] = [];
  let min = Infinity;
  let max = -Infinity;
  let previous: Float64Array | undefined;
  let current = plane(0);
  for (let s = 0; s < scales; s++) {
    const next = s + 1 < scales ? plane(s + 1) : undefined;
    const range = collectMaxima(
      { width, height, previous, current, next, scale: s, threshold },
      peaks,
    );
    min = Math.min(min, range.min);
    max = Math.max(max, range.max);
    previous = current;
    if (next !== undefined) current = next;
  }
  if (min === max && max >= 0) return [];
  return peaks.sort((a, b) => b.score - a.score || a.y - b.y || a.x - b.x || a.scale - b.scale);
}

interface Neighbourhood {
  readonly width: number;
  readonly height: number;
  readonly previous: Float64Array | undefined;
  readonly current: Float64Array;
  readonly next: Float64Array | undefined;
  readonly scale: number;
  readonly threshold: number;
}

/** Appends the maxima of the current scale; returns its smallest and largest value. */
function collectMaxima(n: Neighbourhood, peaks: ScalePeak[]): { min: number; max: number } {
  const { width, current, threshold } = n;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < current.length; i++) {
    const v = current[i] as number;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v > threshold) {
      const x = i % width;
      const y = (i - x) / width;
      if (isMaximum(n, x, y, v)) peaks.push({ x, y, scale: n.scale, score: v });
    }
  }
  return { min, max };
}

/** No neighbour exceeds v (v > 0, so the zero padding never does). */
function isMaximum(n: Neighbourhood, x: number, y: number, v: number): boolean {
  const x0 = Math.max(0, x - 1);
  const x1 = Math.min(n.width - 1, x + 1);
  const y0 = Math.max(0, y - 1);
  const y1 = Math.min(n.height - 1, y + 1);
  const window = { x0, x1, y0, y1, width: n.width, v };
  return (
    noneAbove(n.current, window) &&
    (n.previous === undefined || noneAbove(n.previous, window)) &&
    (n.next === undefined || noneAbove(n.next, window))
  );
}

function noneAbove(
  layer: Float64Array,
  w: { x0: number; x1: number; y0: number; y1: number; width: number; v: number },
): boolean {
  for (let yy = w.y0; yy <= w.y1; yy++) {
    for (let xx = w.x0; xx <= w.x1; xx++)
      if ((layer[yy * w.width + xx] as number) > w.v) return false;
  }
  return true;
}
