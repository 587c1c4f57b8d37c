/**
 * The WebAssembly code of the kernel FFT's last stage pair fused with the power spectrum,
 * `lastStagePairPower` of `real-fft-power.ts` for two frames at once (one per f64x2 lane, each
 * lane the scalar code's double operations in the same order): the last pair covers one block
 * of all N points (h = N / 4), so every position is a constant offset from the scratch or power
 * address plus or minus 16 j.
 */

import {
  add,
  constant,
  minusMinus,
  mul,
  negatedDifference,
  PAIR,
  square,
  sub,
  twiddle,
  four,
  type FftLayout,
} from './front-end-kernel-fft.js';
import { butterflyLoop, halfGroup, loadGroup, rotate } from './front-end-kernel-stages.js';
import { get, I32, i32, seq, set, v, V128 } from './wasm-code.js';
import type { Code, Local, Locals } from './wasm-code.js';

/** Bins 0, h, N / 2 (the trivial butterflies) and h / 2, N / 2 - h / 2. */
function trivialPower(layout: FftLayout, locals: Locals): number[] {
  const h = layout.size / 4;
  const q = h >> 1;
  const stage = layout.order - 1;
  const { a, b, c, d, ab, cd, re, im } = locals.named(
    V128,
    ...(['a', 'b', 'c', 'd', 'ab', 'cd', 're', 'im'] as const),
  );
  const { x1, x2, x3, x4, cq, sq, t1, t2 } = locals.named(
    V128,
    ...(['x1', 'x2', 'x3', 'x4', 'cq', 'sq', 't1', 't2'] as const),
  );
  const load = (i: number): number[] => v.load(i32.constant(layout.scratch), PAIR * i);
  const power = (i: number, value: Code): number[] =>
    v.store(i32.constant(layout.power), PAIR * i, value);
  return seq(
    set(a, load(0)),
    set(b, load(h)),
    set(c, load(2 * h)),
    set(d, load(3 * h)),
    set(ab, add(a, b)),
    set(cd, add(c, d)),
    set(re, add(ab, cd)),
    power(0, mul(re, re)),
    set(re, sub(ab, cd)),
    power(2 * h, mul(re, re)),
    set(re, sub(a, b)),
    set(im, negatedDifference(c, d)),
    power(h, square(re, im)),
    set(cq, constant(twiddle(layout, stage, q, 'cos'))),
    set(sq, constant(twiddle(layout, stage, q, 'sin'))),
    set(x1, load(q)),
    set(x2, v.neg(load(h + q))),
    set(x3, load(2 * h + q)),
    set(x4, v.neg(load(3 * h + q))),
    rotate(x3, x4, cq, sq, [t1, t2]),
    set(re, add(x1, t1)),
    set(im, sub(x2, t2)),
    power(q, square(re, im)),
    set(re, sub(x1, t1)),
    set(im, minusMinus(x2, t2)),
    power(2 * h - q, square(re, im)),
  );
}

/**
 * The last two stages of the transform in the scratch area (N = 4h), written as the power
 * spectrum (N / 2 + 1 pairs).
 */
export function lastPairPower(layout: FftLayout, locals: Locals): number[] {
  const h = layout.size / 4;
  const stage = layout.order - 2;
  const { j16, j8, plus, minus, powerPlus, powerMinus } = locals.named(
    I32,
    ...(['j16', 'j8', 'plus', 'minus', 'powerPlus', 'powerMinus'] as const),
  );
  const { cc, ss, c, s, re, im, t1, t2 } = locals.named(
    V128,
    ...(['cc', 'ss', 'c', 's', 're', 'im', 't1', 't2'] as const),
  );
  const [p, q] = [four(locals), four(locals)];
  const [a1, a2, a3, a4] = four(locals);
  const [b1, b2, b3, b4] = four(locals);
  const t = [t1, t2] as const;
  const table = (address: number, j: Code): number[] =>
    v.loadSplat(i32.add(i32.constant(address), j));
  const inner = layout.twiddles[stage] ?? { cos: 0, sin: 0 };
  const outer = layout.twiddles[stage + 1] ?? { cos: 0, sin: 0 };
  const mirrored = (address: number): number[] =>
    v.loadSplat(i32.sub(i32.constant(address + 8 * h), get(j8)));
  const power = (base: Local, at: number, value: Code): number[] =>
    v.store(get(base), PAIR * at, value);
  const group = seq(
    set(plus, i32.add(i32.constant(layout.scratch), get(j16))),
    set(minus, i32.sub(i32.constant(layout.scratch), get(j16))),
    set(powerPlus, i32.add(i32.constant(layout.power), get(j16))),
    set(powerMinus, i32.sub(i32.constant(layout.power), get(j16))),
    set(cc, table(inner.cos, get(j8))),
    set(ss, table(inner.sin, get(j8))),
    loadGroup(plus, minus, h, [...p, ...q]),
    halfGroup(p, cc, ss, t, [a1, a2, a3, a4]),
    halfGroup(q, cc, ss, t, [b1, b2, b3, b4]),
    set(c, table(outer.cos, get(j8))),
    set(s, table(outer.sin, get(j8))),
    rotate(b1, b4, c, s, t),
    set(re, add(a1, t1)),
    set(im, sub(a4, t2)),
    power(powerPlus, 0, square(re, im)),
    set(re, sub(a1, t1)),
    set(im, minusMinus(a4, t2)),
    power(powerMinus, 2 * h, square(re, im)),
    set(c, mirrored(outer.cos)),
    set(s, mirrored(outer.sin)),
    rotate(b2, b3, c, s, t),
    set(re, add(a2, t1)),
    set(im, sub(a3, t2)),
    power(powerMinus, h, square(re, im)),
    set(re, sub(a2, t1)),
    set(im, minusMinus(a3, t2)),
    power(powerPlus, h, square(re, im)),
  );
  return seq(trivialPower(layout, locals), butterflyLoop(h, j16, j8, group));
}
