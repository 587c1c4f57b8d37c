/*
 * The Sobel operator as `scipy.ndimage.sobel`: the central difference [-1, 0, 1] along the
 * chosen axis, then the smoothing [1, 2, 1] along the other, unnormalised (a unit step gives 4).
 *
 * Both derivatives are computed in one sweep over the plane, with scipy's arithmetic: its
 * difference pass gives -(x[i-1] - x[i+1]), which is x[i+1] - x[i-1] exactly, and its smoothing
 * pass 2 d[i] + (d[i-1] + d[i+1]); samples beyond the plane follow the border mode in both
 * passes (for `constant`, the intermediate differences beyond the plane are zero too).
 */
import { borderIndex, type BorderMode } from './correlate.js';
import type { Plane } from './gaussian-filter.js';

/** The Sobel derivatives: `gy` down the rows (axis 0), `gx` along them (axis 1). */
export interface SobelPair {
  readonly gy: Float64Array;
  readonly gx: Float64Array;
}

/** Both Sobel derivatives of `plane` under `mode`, into new planes or the given ones. */
export function sobel(
  plane: Plane,
  mode: BorderMode,
  out: SobelPair = {
    gy: new Float64Array(plane.data.length),
    gx: new Float64Array(plane.data.length),
  },
): SobelPair {
  const { width, height, data } = plane;
  const columns = indices(width, mode);
  const rows = indices(height, mode);
  const across = new Float64Array(width + 2);
  const along = [0, 1, 2].map(() => new Float64Array(width));
  const alongRow = (y: number): Float64Array => {
    const line = along[((y % 3) + 3) % 3] as Float64Array;
    const source = rows[y + 1] as number;
    if (source < 0) line.fill(0);
    else differenceAlong(data, source * width, columns, line);
    return line;
  };
  let previous = alongRow(-1);
  let current = alongRow(0);
  for (let y = 0; y < height; y++) {
    const next = alongRow(y + 1);
    differenceDown(data, width, rows[y] as number, rows[y + 2] as number, columns, across);
    const row = y * width;
    for (let x = 0; x < width; x++) {
      out.gy[row + x] =
        (across[x + 1] as number) * 2 + ((across[x] as number) + (across[x + 2] as number));
      out.gx[row + x] =
        (current[x] as number) * 2 + ((previous[x] as number) + (next[x] as number));
    }
    previous = current;
    current = next;
  }
  return out;
}

/** borderIndex for positions -1 .. n, at [position + 1]. */
function indices(n: number, mode: BorderMode): Int32Array {
  return Int32Array.from({ length: n + 2 }, (_, i) => borderIndex(i - 1, n, mode));
}

/** line[x] = row[x + 1] - row[x - 1], columns beyond the plane by the border mode. */
function differenceAlong(
  data: Float64Array,
  row: number,
  columns: Int32Array,
  line: Float64Array,
): void {
  for (let x = 0; x < line.length; x++) {
    const left = columns[x] as number;
    const right = columns[x + 2] as number;
    const a = left < 0 ? 0 : (data[row + left] as number);
    const b = right < 0 ? 0 : (data[row + right] as number);
    line[x] = b - a;
  }
}

/**
 * across[x + 1] = below[x] - above[x] for x in -1 .. width, the rows `up` and `down` (-1: zero
 * row) and columns beyond the plane (their differences) by the border mode.
 */
function differenceDown(
  data: Float64Array,
  width: number,
  up: number,
  down: number,
  columns: Int32Array,
  across: Float64Array,
): void {
  for (let i = 0; i < across.length; i++) {
    const x = columns[i] as number;
    if (x < 0) {
      across[i] = 0;
      continue;
    }
    const a = up < 0 ? 0 : (data[up * width + x] as number);
    const b = down < 0 ? 0 : (data[down * width + x] as number);
    across[i] = b - a;
  }
}
