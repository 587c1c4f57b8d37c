/*
 * How closely two feature sets agree, as the reference comparisons report it:
 *
 * - edges: the fraction of one map's edge pixels that have an edge pixel of the other map
 *   within `tolerance` pixels (Chebyshev, so one pixel includes the diagonal neighbours), both
 *   ways; the agreement is the smaller of the two;
 * - points (corners, blobs): of each list's `top` strongest points, the fraction that have a
 *   point of the other whole list within `radius` pixels (Euclidean) and, for blobs, the same
 *   sigma (relative difference under 1e-6); again both ways, the agreement the smaller.
 */

/** Agreement of two edge maps. */
export interface EdgeAgreement {
  readonly oursCount: number;
  readonly referenceCount: number;
  /** Pixels that are edges in both. */
  readonly identical: number;
  /** Fraction of the reference's edge pixels with one of ours within the tolerance. */
  readonly referenceMatched: number;
  /** Fraction of our edge pixels with one of the reference's within the tolerance. */
  readonly oursMatched: number;
  /** min(referenceMatched, oursMatched). */
  readonly agreement: number;
}

/** Agreement of two point lists. */
export interface PointAgreement {
  readonly oursCount: number;
  readonly referenceCount: number;
  /** How many strongest points of each list were checked. */
  readonly compared: number;
  readonly referenceMatched: number;
  readonly oursMatched: number;
  readonly agreement: number;
}

/** A point to compare; `sigma` for blobs. */
export interface ComparedPoint {
  readonly x: number;
  readonly y: number;
  readonly score: number;
  readonly sigma?: number;
}

/** Compares two 0/1 edge maps of `width` columns. */
export function edgeAgreement(
  ours: Uint8Array,
  reference: Uint8Array,
  width: number,
  tolerance = 1,
): EdgeAgreement {
  const height = Math.floor(ours.length / width);
  let identical = 0;
  for (let i = 0; i < ours.length; i++) if (ours[i] === 1 && reference[i] === 1) identical++;
  const a = matchedFraction(reference, ours, width, height, tolerance);
  const b = matchedFraction(ours, reference, width, height, tolerance);
  return {
    oursCount: a.other,
    referenceCount: a.count,
    identical,
    referenceMatched: a.fraction,
    oursMatched: b.fraction,
    agreement: Math.min(a.fraction, b.fraction),
  };
}

function matchedFraction(
  from: Uint8Array,
  to: Uint8Array,
  width: number,
  height: number,
  tolerance: number,
): { count: number; other: number; fraction: number } {
  let count = 0;
  let matched = 0;
  let other = 0;
  for (let i = 0; i < from.length; i++) {
    if (to[i] === 1) other++;
    if (from[i] !== 1) continue;
    count++;
    if (hasNeighbour(to, i % width, Math.floor(i / width), width, height, tolerance)) matched++;
  }
  return { count, other, fraction: count === 0 ? 1 : matched / count };
}

function hasNeighbour(
  mask: Uint8Array,
  x: number,
  y: number,
  width: number,
  height: number,
  tolerance: number,
): boolean {
  for (let yy = Math.max(0, y - tolerance); yy <= Math.min(height - 1, y + tolerance); yy++) {
    for (let xx = Math.max(0, x - tolerance); xx <= Math.min(width - 1, x + tolerance); xx++) {
      if (mask[yy * width + xx] === 1) return true;
    }
  }
  return false;
}

/** Compares the `top` strongest points of each list with the whole other list. */
export function pointAgreement(
  ours: readonly ComparedPoint[],
  reference: readonly ComparedPoint[],
  options: { readonly top?: number; readonly radius?: number } = {},
): PointAgreement {
  const top = options.top ?? 100;
  const radius = options.radius ?? 1.5;
  const referenceMatched = matchedPoints(strongest(reference, top), ours, radius);
  const oursMatched = matchedPoints(strongest(ours, top), reference, radius);
  return {
    oursCount: ours.length,
    referenceCount: reference.length,
    compared: Math.min(top, Math.max(ours.length, reference.length)),
    referenceMatched,
    oursMatched,
    agreement: Math.min(referenceMatched, oursMatched),
  };
}

function strongest(points: readonly ComparedPoint[], top: number): ComparedPoint[] {
  return [...points].sort((a, b) => b.score - a.score || a.y - b.y || a.x - b.x).slice(0, top);
}

function matchedPoints(
  from: readonly ComparedPoint[],
  to: readonly ComparedPoint[],
  radius: number,
): number {
  if (from.length === 0) return to.length === 0 ? 1 : 0;
  const matched = from.filter((p) =>
    to.some((q) => Math.hypot(p.x - q.x, p.y - q.y) <= radius && sameSigma(p.sigma, q.sigma)),
  ).length;
  return matched / from.length;
}

function sameSigma(a: number | undefined, b: number | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b));
}
