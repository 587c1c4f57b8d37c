/*
 * Peak picking as scikit-image 0.19's `feature.corner_peaks` (on `peak_local_max`):
 *
 * - a peak is a pixel equal to the maximum of its (2 minDistance + 1)^2 window, the window
 *   padded with zeros, and strictly above max(thresholdAbs, thresholdRel x the largest value);
 * - pixels closer than minDistance to the border are not peaks; a constant image has none;
 * - peaks are taken strongest first (ties: row-major order, where numpy's unstable sort is
 *   arbitrary), dropping any closer than minDistance (Chebyshev) to a kept one, then, as
 *   corner_peaks does a second time, any at minDistance or closer;
 * - at most maxPeaks are returned.
 */
import type { Plane } from './gaussian-filter.js';

/** A point feature: column, row and the response there. */
export interface Peak {
  readonly x: number;
  readonly y: number;
  readonly score: number;
}

/** How {@link findPeaks} selects peaks. */
export interface PeakSelection {
  readonly minDistance: number;
  readonly thresholdAbs: number;
  readonly thresholdRel: number;
  readonly maxPeaks: number;
}

/** The peaks of `plane`, strongest first. */
export function findPeaks(plane: Plane, selection: PeakSelection): Peak[] {
  const { min, max } = extrema(plane.data);
  if (plane.data.length === 0 || (min === max && max >= 0)) return [];
  const threshold = Math.max(selection.thresholdAbs, selection.thresholdRel * max);
  const d = selection.minDistance;
  const candidates = windowMaxima(plane, d, threshold);
  candidates.sort((a, b) => b.score - a.score || a.y - b.y || a.x - b.x);
  return keepSpaced(keepSpaced(candidates, d, false), d, true).slice(0, selection.maxPeaks);
}

/** The smallest and largest value. */
export function extrema(values: Float64Array): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/**
 * Pixels at least `d` from the border, above `threshold`, that no pixel of their
 * (2d + 1)^2 window exceeds (the window never leaves the image, so its zero padding never
 * matters; checking the 3 x 3 neighbours first rejects most pixels early).
 */
function windowMaxima(plane: Plane, d: number, threshold: number): Peak[] {
  const { width, height, data } = plane;
  const found: Peak[] = [];
  for (let y = d; y < height - d; y++) {
    for (let x = d; x < width - d; x++) {
      const v = data[y * width + x] as number;
      if (
        v > threshold &&
        noneAbove(plane, x, y, 1, v) &&
        (d === 1 || noneAbove(plane, x, y, d, v))
      ) {
        found.push({ x, y, score: v });
      }
    }
  }
  return found;
}

function noneAbove(plane: Plane, x: number, y: number, r: number, v: number): boolean {
  const { width, data } = plane;
  for (let yy = y - r; yy <= y + r; yy++) {
    const row = yy * width;
    for (let xx = x - r; xx <= x + r; xx++) if ((data[row + xx] as number) > v) return false;
  }
  return true;
}

/**
 * Greedy spacing in the given order: a point is dropped when a kept point is closer than
 * `distance` (or at exactly `distance` when `inclusive`), Chebyshev.
 */
export function keepSpaced<T extends { readonly x: number; readonly y: number }>(
  points: readonly T[],
  distance: number,
  inclusive: boolean,
): T[] {
  const cell = Math.max(1, distance);
  const grid = new Map<number, T[]>();
  const key = (cx: number, cy: number): number => cy * 1_000_003 + cx;
  const kept: T[] = [];
  for (const point of points) {
    const cx = Math.floor(point.x / cell);
    const cy = Math.floor(point.y / cell);
    if (!hasNeighbour(grid, key, point, cx, cy, distance, inclusive)) {
      kept.push(point);
      const bucket = grid.get(key(cx, cy));
      if (bucket === undefined) grid.set(key(cx, cy), [point]);
      else bucket.push(point);
    }
  }
  return kept;
}

function hasNeighbour<T extends { readonly x: number; readonly y: number }>(
  grid: Map<number, T[]>,
  key: (cx: number, cy: number) => number,
  point: T,
  cx: number,
  cy: number,
  distance: number,
  inclusive: boolean,
): boolean {
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      for (const other of grid.get(key(cx + dx, cy + dy)) ?? []) {
        const gap = Math.max(Math.abs(other.x - point.x), Math.abs(other.y - point.y));
        if (gap < distance || (inclusive && gap === distance)) return true;
      }
    }
  }
  return false;
}
