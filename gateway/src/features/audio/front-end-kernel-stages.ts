/**
 * The WebAssembly code of the kernel FFT's later stages: `newRealFft`'s stage pairs
 * (`trivialGroup` and `radix4Groups` in `real-fft.ts`) and its last pair fused with the power
 * spectrum (`lastStagePairPower` in `real-fft-power.ts`), for two frames at once, each lane the
 * scalar code's double operations in the same order (see `front-end-kernel-fft.ts`).
 *
 * Butterfly j of a block reads and writes positions i + j and i + h - j (and their shifts by h,
 * 2h, 3h): with p = block start + 16 j and m = block start - 16 j as addresses, every position is
 * p or m plus a constant offset.
 */

import {
  add,
  four,
  type Four,
  constant,
  minusMinus,
  mul,
  negatedDifference,
  PAIR,
  stageTables,
  sub,
  twiddle,
  type FftLayout,
} from './front-end-kernel-fft.js';
import { doWhile, get, I32, i32, seq, set, v, V128, whileLoop } from './wasm-code.js';
import type { Code, Local, Locals } from './wasm-code.js';

/**
 * One half of a radix-4 group: a1..a4 (or b1..b4) from p1..p4, as the scalar code:
 * t1 = p3 cc + p4 ss, t2 = p3 ss - p4 cc, then p2 - t2, -p2 - t2, p1 - t1, p1 + t1.
 */
export function halfGroup(
  [p1, p2, p3, p4]: Four,
  cc: Local,
  ss: Local,
  [t1, t2]: readonly [Local, Local],
  [o1, o2, o3, o4]: Four,
): number[] {
  return seq(
    set(t1, v.add(mul(p3, cc), mul(p4, ss))),
    set(t2, v.sub(mul(p3, ss), mul(p4, cc))),
    set(o4, sub(p2, t2)),
    set(o3, minusMinus(p2, t2)),
    set(o2, sub(p1, t1)),
    set(o1, add(p1, t1)),
  );
}

/** t1 = b c + e s, t2 = b s - e c. */
export function rotate(
  b: Local,
  e: Local,
  c: Local,
  s: Local,
  t: readonly [Local, Local],
): number[] {
  return seq(set(t[0], v.add(mul(b, c), mul(e, s))), set(t[1], v.sub(mul(b, s), mul(e, c))));
}

/** Loads the eight values of group j of the block at `plus` / `minus` (see the module). */
export function loadGroup(plus: Local, minus: Local, h: number, into: readonly Local[]): number[] {
  const offsets = [
    [plus, 0],
    [minus, h],
    [plus, h],
    [minus, 2 * h],
    [plus, 2 * h],
    [minus, 3 * h],
    [plus, 3 * h],
    [minus, 4 * h],
  ] as const;
  return seq(...offsets.map(([base, at], k) => set(into[k] ?? base, v.load(get(base), PAIR * at))));
}

/** Stage k's trivial butterflies of every block and stage k + 1's butterflies 0 and h / 2. */
function trivialGroups(layout: FftLayout, k: number, locals: Locals): number[] {
  const h = 1 << k;
  const q = h >> 1;
  const x = locals.declare(I32);
  const { a, b, c, d, ab, cd } = locals.named(V128, 'a', 'b', 'c', 'd', 'ab', 'cd');
  const { x1, x2, x3, x4, cq, sq, t1, t2 } = locals.named(
    V128,
    ...(['x1', 'x2', 'x3', 'x4', 'cq', 'sq', 't1', 't2'] as const),
  );
  const at = (i: number): number => PAIR * i;
  const load = (i: number): number[] => v.load(get(x), at(i));
  const store = (i: number, value: Code): number[] => v.store(get(x), at(i), value);
  return seq(
    set(cq, constant(twiddle(layout, k + 1, q, 'cos'))),
    set(sq, constant(twiddle(layout, k + 1, q, 'sin'))),
    set(x, i32.constant(layout.scratch)),
    doWhile(
      seq(
        set(a, load(0)),
        set(b, load(h)),
        set(c, load(2 * h)),
        set(d, load(3 * h)),
        set(ab, add(a, b)),
        set(cd, add(c, d)),
        store(0, add(ab, cd)),
        store(2 * h, sub(ab, cd)),
        store(h, sub(a, b)),
        store(3 * h, negatedDifference(c, d)),
        set(x1, load(q)),
        set(x2, v.neg(load(h + q))),
        set(x3, load(2 * h + q)),
        set(x4, v.neg(load(3 * h + q))),
        rotate(x3, x4, cq, sq, [t1, t2]),
        store(3 * h + q, sub(x2, t2)),
        store(2 * h + q, minusMinus(x2, t2)),
        store(h + q, sub(x1, t1)),
        store(q, add(x1, t1)),
        set(x, i32.add(get(x), i32.constant(at(4 * h)))),
      ),
      i32.lessThan(get(x), i32.constant(layout.scratch + at(layout.size))),
    ),
  );
}

/** The six twiddles of a radix-4 group: stage k's, stage k + 1's for j and for h - j. */
interface Twiddles {
  readonly cc: Local;
  readonly ss: Local;
  readonly c1: Local;
  readonly s1: Local;
  readonly c2: Local;
  readonly s2: Local;
}

/** The twiddles of butterfly j (byte offset 8 j in `j8`) of stage pair k. */
function groupTwiddles(layout: FftLayout, k: number, j8: Local, twiddles: Twiddles): number[] {
  const h = 1 << k;
  const inner = stageTables(layout, k);
  const outer = stageTables(layout, k + 1);
  const { cc, ss, c1, s1, c2, s2 } = twiddles;
  const at = (table: number): number[] => v.loadSplat(i32.add(i32.constant(table), get(j8)));
  const mirrored = (table: number): number[] =>
    v.loadSplat(i32.sub(i32.constant(table + 8 * h), get(j8)));
  return seq(
    set(cc, at(inner.cos)),
    set(ss, at(inner.sin)),
    set(c1, at(outer.cos)),
    set(s1, at(outer.sin)),
    set(c2, mirrored(outer.cos)),
    set(s2, mirrored(outer.sin)),
  );
}

/** A loop over butterflies 0 < j < h / 2, with 16 j in `j16` and 8 j in `j8`. */
export function butterflyLoop(h: number, j16: Local, j8: Local, body: Code): number[] {
  return seq(
    set(j16, i32.constant(PAIR)),
    set(j8, i32.constant(8)),
    whileLoop(
      i32.lessThan(get(j16), i32.constant(PAIR * (h >> 1))),
      seq(
        body,
        set(j16, i32.add(get(j16), i32.constant(PAIR))),
        set(j8, i32.add(get(j8), i32.constant(8))),
      ),
    ),
  );
}

/** Stages k and k + 1 in one pass over the scratch transform. */
export function stagePair(layout: FftLayout, k: number, locals: Locals): number[] {
  const h = 1 << k;
  const { j16, j8, block, plus, minus } = locals.named(I32, 'j16', 'j8', 'block', 'plus', 'minus');
  const w = locals.named(V128, 'cc', 'ss', 'c1', 's1', 'c2', 's2');
  const { c1, s1, c2, s2 } = w;
  const [p, q] = [four(locals), four(locals)];
  const [a1, a2, a3, a4] = four(locals);
  const [b1, b2, b3, b4] = four(locals);
  const t = [locals.declare(V128), locals.declare(V128)] as const;
  const store = (base: Local, at: number, value: Code): number[] =>
    v.store(get(base), PAIR * at, value);
  const group = seq(
    set(plus, i32.add(get(block), get(j16))),
    set(minus, i32.sub(get(block), get(j16))),
    loadGroup(plus, minus, h, [...p, ...q]),
    halfGroup(p, w.cc, w.ss, t, [a1, a2, a3, a4]),
    halfGroup(q, w.cc, w.ss, t, [b1, b2, b3, b4]),
    rotate(b1, b4, c1, s1, t),
    store(minus, 4 * h, sub(a4, t[1])),
    store(plus, 2 * h, minusMinus(a4, t[1])),
    store(minus, 2 * h, sub(a1, t[0])),
    store(plus, 0, add(a1, t[0])),
    rotate(b2, b3, c2, s2, t),
    store(plus, 3 * h, sub(a3, t[1])),
    store(minus, 3 * h, minusMinus(a3, t[1])),
    store(plus, h, sub(a2, t[0])),
    store(minus, h, add(a2, t[0])),
  );
  const blocks = doWhile(
    seq(group, set(block, i32.add(get(block), i32.constant(PAIR * 4 * h)))),
    i32.lessThan(get(block), i32.constant(layout.scratch + PAIR * layout.size)),
  );
  return seq(
    trivialGroups(layout, k, locals),
    butterflyLoop(
      h,
      j16,
      j8,
      seq(groupTwiddles(layout, k, j8, w), set(block, i32.constant(layout.scratch)), blocks),
    ),
  );
}
