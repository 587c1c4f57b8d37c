/**
 * The WebAssembly code of the kernel's mel filter bank, two frames at once (one per f64x2
 * lane): each filter's energy is sum_j power[start + j] x weight[j] in double precision, its
 * bins in order from 0, as `applyMelFilterBank` sums them, so each lane's value is the scalar
 * one to the bit. Four filters are summed side by side over their common number of bins, then
 * each one's remainder, so that one addition does not wait for the previous one.
 *
 * The filters are data, not code: per filter three int32 at `table` (the byte address of its
 * first power pair, its bin count, the byte address of its first weight, a double), so one
 * module serves every filter bank of the same size.
 */

import { PAIR } from './front-end-kernel-fft.js';
import { f64, get, I32, i32, seq, set, v, V128, whileLoop } from './wasm-code.js';
import type { Local, Locals } from './wasm-code.js';

/** Where the filter table and the energies are, and how many filters. */
export interface MelLayout {
  readonly filterCount: number;
  /** filterCount x (power address, bin count, weight address), int32. */
  readonly table: number;
  /** The energies, filterCount pairs. */
  readonly energies: number;
}

/** The bytes of one filter's entry in the table. */
export const MEL_ENTRY = 12;

interface Filter {
  readonly power: Local;
  readonly count: Local;
  readonly weights: Local;
  readonly sum: Local;
}

function filters(locals: Locals, n: number): Filter[] {
  return Array.from({ length: n }, () => ({
    power: locals.declare(I32),
    count: locals.declare(I32),
    weights: locals.declare(I32),
    sum: locals.declare(V128),
  }));
}

/** Reads the filters' entries from `entry` and zeroes their sums. */
function readEntries(entry: Local, group: readonly Filter[]): number[] {
  return seq(
    ...group.map((f, r) =>
      seq(
        set(f.power, i32.load(get(entry), MEL_ENTRY * r)),
        set(f.count, i32.load(get(entry), MEL_ENTRY * r + 4)),
        set(f.weights, i32.load(get(entry), MEL_ENTRY * r + 8)),
        set(f.sum, v.splat(f64.constant(0))),
      ),
    ),
  );
}

/** sum += power[j] x weight[j] for the given filters, at bin `j` (16 j and 8 j given). */
function accumulate(group: readonly Filter[], j16: Local, j8: Local): number[] {
  return seq(
    ...group.map((f) =>
      set(
        f.sum,
        v.add(
          get(f.sum),
          v.mul(
            v.load(i32.add(get(f.power), get(j16))),
            v.loadSplat(i32.add(get(f.weights), get(j8))),
          ),
        ),
      ),
    ),
  );
}

/** Bins from `j` (and 16 j, 8 j) while j < `end`, for the given filters. */
function bins(group: readonly Filter[], j: Local, j16: Local, j8: Local, end: Local): number[] {
  return whileLoop(
    i32.lessThan(get(j), get(end)),
    seq(
      accumulate(group, j16, j8),
      set(j, i32.add(get(j), i32.constant(1))),
      set(j16, i32.add(get(j16), i32.constant(PAIR))),
      set(j8, i32.add(get(j8), i32.constant(8))),
    ),
  );
}

/** Sets j, 16 j and 8 j to `from`. */
function startAt(j: Local, j16: Local, j8: Local, from: Local | undefined): number[] {
  const value = from === undefined ? i32.constant(0) : get(from);
  return seq(set(j, value), set(j16, i32.shl(value, 4)), set(j8, i32.shl(value, 3)));
}

/** A loop over groups of `group.length` filters from `entry` to `end`, energies to `out`. */
function filterLoop(
  group: readonly Filter[],
  locals: Locals,
  cursor: { entry: Local; out: Local },
  end: number,
): number[] {
  const { j, j16, j8, common } = locals.named(I32, 'j', 'j16', 'j8', 'common');
  const { entry, out } = cursor;
  const setCommon = group
    .slice(1)
    .map((f) => set(common, i32.min(common, f.count)))
    .flat();
  const remainders = group.flatMap((f) => [
    ...startAt(j, j16, j8, common),
    ...bins([f], j, j16, j8, f.count),
  ]);
  const body = seq(
    readEntries(entry, group),
    set(common, get((group[0] as Filter).count)),
    setCommon,
    startAt(j, j16, j8, undefined),
    bins(group, j, j16, j8, common),
    remainders,
    ...group.map((f, r) => v.store(get(out), PAIR * r, get(f.sum))),
    set(entry, i32.add(get(entry), i32.constant(MEL_ENTRY * group.length))),
    set(out, i32.add(get(out), i32.constant(PAIR * group.length))),
  );
  return whileLoop(i32.lessThan(get(entry), i32.constant(end)), body);
}

/** The mel energies of the power spectrum pairs, into `layout.energies`. */
export function melEnergies(layout: MelLayout, locals: Locals): number[] {
  const entry = locals.declare(I32);
  const out = locals.declare(I32);
  const quads = Math.floor(layout.filterCount / 4);
  const cursor = { entry, out };
  return seq(
    set(entry, i32.constant(layout.table)),
    set(out, i32.constant(layout.energies)),
    filterLoop(filters(locals, 4), locals, cursor, layout.table + MEL_ENTRY * 4 * quads),
    filterLoop(filters(locals, 1), locals, cursor, layout.table + MEL_ENTRY * layout.filterCount),
  );
}
