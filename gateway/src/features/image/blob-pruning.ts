/*
 * Removal of overlapping blobs as scikit-image 0.19's `_prune_blobs` (2-D): for every pair of
 * blobs closer than 2 sqrt(2) x the largest sigma, scaled so the larger blob has radius 1, the
 * area of their intersection over the area of the smaller disk is the overlap; above the
 * threshold the blob with the smaller sigma is dropped (with equal sigmas, the first of the
 * pair, i.e. the stronger one, as scikit-image does). Pairs are visited in (i, j) order with
 * i < j over the blobs sorted strongest first; scikit-image visits them in the order of a
 * Python set, which can differ only where three or more blobs overlap in a chain.
 */

/** A blob: centre column `x`, row `y`, scale `sigma` (radius about sigma sqrt(2)), response. */
export interface Blob {
  readonly x: number;
  readonly y: number;
  readonly sigma: number;
  readonly score: number;
}

/** The blobs that survive pruning, in their input order. */
export function pruneBlobs(blobs: readonly Blob[], overlap: number): Blob[] {
  if (blobs.length === 0) return [];
  const maxSigma = blobs.reduce((m, b) => Math.max(m, b.sigma), 0);
  const distance = 2 * maxSigma * Math.SQRT2;
  const removed = new Uint8Array(blobs.length);
  const cell = Math.max(1, distance);
  const grid = new Map<number, number[]>();
  const key = (cx: number, cy: number): number => cy * 1_000_003 + cx;
  blobs.forEach((b, i) => {
    const k = key(Math.floor(b.x / cell), Math.floor(b.y / cell));
    const bucket = grid.get(k);
    if (bucket === undefined) grid.set(k, [i]);
    else bucket.push(i);
  });
  blobs.forEach((a, i) => {
    for (const j of neighbours(grid, key, a, cell, i)) {
      const b = blobs[j];
      if (b === undefined || removed[i] === 1) break;
      if (removed[j] === 1 || Math.hypot(a.x - b.x, a.y - b.y) > distance) continue;
      if (blobOverlap(a, b) > overlap) {
        if (a.sigma > b.sigma) removed[j] = 1;
        else removed[i] = 1;
      }
    }
  });
  return blobs.filter((_, i) => removed[i] === 0);
}

/** Indices j > i of the blobs in the 3 x 3 cells around `a`, ascending. */
function neighbours(
  grid: Map<number, number[]>,
  key: (cx: number, cy: number) => number,
  a: Blob,
  cell: number,
  i: number,
): number[] {
  const cx = Math.floor(a.x / cell);
  const cy = Math.floor(a.y / cell);
  const found: number[] = [];
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      for (const j of grid.get(key(cx + dx, cy + dy)) ?? []) if (j > i) found.push(j);
    }
  }
  return found.sort((p, q) => p - q);
}

/** The overlap of two blobs as scikit-image's `_blob_overlap` in 2-D. */
export function blobOverlap(a: Blob, b: Blob): number {
  if (a.sigma === 0 && b.sigma === 0) return 0;
  const larger = a.sigma > b.sigma ? a.sigma : b.sigma;
  const r1 = a.sigma > b.sigma ? 1 : a.sigma / b.sigma;
  const r2 = a.sigma > b.sigma ? b.sigma / a.sigma : 1;
  const scale = larger * Math.SQRT2;
  const dy = b.y / scale - a.y / scale;
  const dx = b.x / scale - a.x / scale;
  const d = Math.sqrt(dy * dy + dx * dx);
  if (d > r1 + r2) return 0;
  if (d <= Math.abs(r1 - r2)) return 1;
  return diskOverlap(d, r1, r2);
}

function diskOverlap(d: number, r1: number, r2: number): number {
  const clip = (v: number): number => Math.min(1, Math.max(-1, v));
  const acos1 = Math.acos(clip((d * d + r1 * r1 - r2 * r2) / (2 * d * r1)));
  const acos2 = Math.acos(clip((d * d + r2 * r2 - r1 * r1) / (2 * d * r2)));
  const a = -d + r2 + r1;
  const b = d - r2 + r1;
  const c = d + r2 - r1;
  const e = d + r2 + r1;
  const area = r1 * r1 * acos1 + r2 * r2 * acos2 - 0.5 * Math.sqrt(Math.abs(a * b * c * e));
  return area / (Math.PI * Math.min(r1, r2) ** 2);
}
