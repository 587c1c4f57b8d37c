/*
 * Canny's hysteresis: keep every candidate at or above the low threshold that is 8-connected,
 * through such candidates, to one at or above the high threshold (scikit-image labels the
 * low mask and keeps the labels that hold a high pixel; a flood fill from the high pixels
 * gives the same set).
 */

/** The thresholds of {@link hysteresis}. */
export interface HysteresisThresholds {
  readonly low: number;
  readonly high: number;
}

/** 1 for the kept edge pixels. */
export function hysteresis(
  candidates: Uint8Array,
  magnitude: Float64Array,
  width: number,
  thresholds: HysteresisThresholds,
): Uint8Array {
  const height = Math.floor(candidates.length / width);
  const low = new Uint8Array(candidates.length);
  const edges = new Uint8Array(candidates.length);
  const stack = new Int32Array(candidates.length);
  let top = 0;
  for (let i = 0; i < candidates.length; i++) {
    if (candidates[i] === 0) continue;
    const m = magnitude[i] as number;
    if (m >= thresholds.low) low[i] = 1;
    if (m >= thresholds.high) {
      edges[i] = 1;
      stack[top++] = i;
    }
  }
  while (top > 0) {
    top = growFrom(stack[--top] as number, { low, edges, stack, width, height }, top);
  }
  return edges;
}

interface Fill {
  readonly low: Uint8Array;
  readonly edges: Uint8Array;
  readonly stack: Int32Array;
  readonly width: number;
  readonly height: number;
}

/** Marks and pushes the unmarked low neighbours of pixel i; returns the new stack top. */
function growFrom(i: number, fill: Fill, top: number): number {
  const { low, edges, stack, width, height } = fill;
  const x = i % width;
  const y = (i - x) / width;
  const x0 = Math.max(0, x - 1);
  const x1 = Math.min(width - 1, x + 1);
  const y0 = Math.max(0, y - 1);
  const y1 = Math.min(height - 1, y + 1);
  let next = top;
  for (let yy = y0; yy <= y1; yy++) {
    for (let xx = x0; xx <= x1; xx++) {
      const j = yy * width + xx;
      if (low[j] === 1 && edges[j] === 0) {
        edges[j] = 1;
        stack[next++] = j;
      }
    }
  }
  return next;
}
