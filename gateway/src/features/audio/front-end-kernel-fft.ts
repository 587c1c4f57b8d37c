/**
 * The WebAssembly code of the front end kernel's FFT: `newRealFft`'s windowed power
 * spectrum (sphinxbase's `fe_fft_real`, the first pass reading the window and the bit reversal,
 * stages in pairs, the last pair fused with the squares), written for two frames at once, one
 * per lane of an f64x2 value.
 *
 * Each lane performs exactly the double operations of the scalar code in `real-fft.ts` and
 * `real-fft-power.ts`, in the same order (WebAssembly has no fused multiply-add, and f64x2
 * arithmetic is IEEE double arithmetic lane by lane), so each lane's power spectrum is the
 * scalar one to the bit. The code is generated for one FFT size: block sizes and twiddles of the
 * trivial butterflies are constants, array positions constant offsets.
 *
 * Memory (byte addresses in {@link FftLayout}): the scratch transform and the power spectrum
 * hold value pairs (16 bytes per index: frame 0, frame 1), the twiddle tables, window and
 * samples single doubles, the bit reversal 8 x rev[i] (byte offsets of doubles) as int32.
 */

import type { StageTwiddles } from './real-fft-power.js';
import { doWhile, f64, get, I32, i32, seq, set, v, V128 } from './wasm-code.js';
import type { Code, Local, Locals } from './wasm-code.js';

/** Where the FFT's tables and buffers are. */
export interface FftLayout {
  readonly size: number;
  readonly order: number;
  /** The power spectrum, size / 2 + 1 pairs. */
  readonly power: number;
  /** The transform in place, size pairs. */
  readonly scratch: number;
  /** 8 x rev[i], int32. */
  readonly bitReversal: number;
  /** Stage k's twiddle tables (cos then sin), stage 0 unused. */
  readonly twiddles: readonly { readonly cos: number; readonly sin: number }[];
  /** The values of those tables (for the constants). */
  readonly twiddleValues: readonly StageTwiddles[];
}

/** The three byte addresses of a call: frame 0's samples, frame 1's, the window. */
export interface FftInputs {
  readonly frame0: Local;
  readonly frame1: Local;
  readonly window: Local;
}

/** Bytes per value pair (frame 0, frame 1). */
export const PAIR = 16;

/** `count` new v128 locals. */
export function vectors(locals: Locals, count: number): Local[] {
  return Array.from({ length: count }, () => locals.declare(V128));
}

/** Four values of a butterfly group. */
export type Four = readonly [Local, Local, Local, Local];

/** Four new v128 locals. */
export function four(locals: Locals): Four {
  return [locals.declare(V128), locals.declare(V128), locals.declare(V128), locals.declare(V128)];
}

// f64x2 arithmetic on locals, as the scalar code writes it.
export const add = (a: Local, b: Local): number[] => v.add(get(a), get(b));
export const sub = (a: Local, b: Local): number[] => v.sub(get(a), get(b));
export const mul = (a: Local, b: Local): number[] => v.mul(get(a), get(b));
export const square = (a: Local, b: Local): number[] => v.add(mul(a, a), mul(b, b));
/** -(a - b). */
export const negatedDifference = (a: Local, b: Local): number[] => v.neg(sub(a, b));
/** -a - b. */
export const minusMinus = (a: Local, b: Local): number[] => v.sub(v.neg(get(a)), get(b));
export const constant = (value: number): number[] => v.splat(f64.constant(value));

/** Stage `stage`'s twiddle j (cos or sin) as a constant. */
export function twiddle(layout: FftLayout, stage: number, j: number, of: 'cos' | 'sin'): number {
  return layout.twiddleValues[stage]?.[of][j] ?? NaN;
}

/** The byte addresses of stage `stage`'s twiddle tables. */
export function stageTables(layout: FftLayout, stage: number): { cos: number; sin: number } {
  return layout.twiddles[stage] ?? { cos: 0, sin: 0 };
}

/**
 * The windowed sample pair at byte offset `offset` (an int32 local): lane 0 from frame 0, lane
 * 1 from frame 1, each times the window's value there.
 */
function windowed(inputs: FftInputs, offset: Code): number[] {
  const first = v.loadSplat(i32.add(get(inputs.frame0), offset));
  return v.mul(
    v.loadLane1(i32.add(get(inputs.frame1), offset), first),
    v.loadSplat(i32.add(get(inputs.window), offset)),
  );
}

/** Reads the group's `count` bit-reversed, windowed samples into `values`. */
function readGroup(
  inputs: FftInputs,
  rev: Local,
  offset: Local,
  values: readonly Local[],
): number[] {
  return values.flatMap((value, k) =>
    seq(set(offset, i32.load(get(rev), 4 * k)), set(value, windowed(inputs, get(offset)))),
  );
}

/** Size 2 (order 1): the window, one butterfly. */
function firstStage(layout: FftLayout, inputs: FftInputs, locals: Locals): number[] {
  const { a, b } = locals.named(V128, 'a', 'b');
  const x = layout.scratch;
  return seq(
    set(a, windowed(inputs, i32.constant(0))),
    set(b, windowed(inputs, i32.constant(8))),
    v.store(i32.constant(x), 0, add(a, b)),
    v.store(i32.constant(x), PAIR, sub(a, b)),
  );
}

/** The groups of `group` outputs of the first pass, `body` storing one group from `x`. */
function groups(
  layout: FftLayout,
  locals: Locals,
  group: number,
  body: (rev: Local, x: Local) => Code,
): number[] {
  const rev = locals.declare(I32);
  const x = locals.declare(I32);
  const end = layout.scratch + PAIR * layout.size;
  return seq(
    set(rev, i32.constant(layout.bitReversal)),
    set(x, i32.constant(layout.scratch)),
    doWhile(
      seq(
        body(rev, x),
        set(rev, i32.add(get(rev), i32.constant(4 * group))),
        set(x, i32.add(get(x), i32.constant(PAIR * group))),
      ),
      i32.lessThan(get(x), i32.constant(end)),
    ),
  );
}

/** Bit reversal with the window and stages 0 and 1 (4-point transforms). */
function firstTwoStages(layout: FftLayout, inputs: FftInputs, locals: Locals): number[] {
  const offset = locals.declare(I32);
  const { a, b, c, d, ab, cd } = locals.named(V128, 'a', 'b', 'c', 'd', 'ab', 'cd');
  return groups(layout, locals, 4, (rev, x) =>
    seq(
      readGroup(inputs, rev, offset, [a, b, c, d]),
      set(ab, add(a, b)),
      set(cd, add(c, d)),
      v.store(get(x), 0, add(ab, cd)),
      v.store(get(x), PAIR, sub(a, b)),
      v.store(get(x), 2 * PAIR, sub(ab, cd)),
      v.store(get(x), 3 * PAIR, negatedDifference(c, d)),
    ),
  );
}

/** Bit reversal with the window and stages 0, 1 and 2 (8-point transforms). */
function firstThreeStages(layout: FftLayout, inputs: FftInputs, locals: Locals): number[] {
  const offset = locals.declare(I32);
  const { a, b, c, d, e, f, g, h } = locals.named(V128, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
  const { ab, cd, ef, gh, y0, y1, y3, z0, z1, z3 } = locals.named(
    V128,
    ...(['ab', 'cd', 'ef', 'gh', 'y0', 'y1', 'y3', 'z0', 'z1', 'z3'] as const),
  );
  const { t1, t2, cc, ss } = locals.named(V128, 't1', 't2', 'cc', 'ss');
  return seq(
    set(cc, constant(twiddle(layout, 2, 1, 'cos'))),
    set(ss, constant(twiddle(layout, 2, 1, 'sin'))),
    groups(layout, locals, 8, (rev, x) =>
      seq(
        readGroup(inputs, rev, offset, [a, b, c, d, e, f, g, h]),
        set(ab, add(a, b)),
        set(cd, add(c, d)),
        set(ef, add(e, f)),
        set(gh, add(g, h)),
        set(y0, add(ab, cd)),
        set(y1, sub(a, b)),
        set(y3, negatedDifference(c, d)),
        set(z0, add(ef, gh)),
        set(z1, sub(e, f)),
        set(z3, negatedDifference(g, h)),
        v.store(get(x), 0, add(y0, z0)),
        v.store(get(x), 4 * PAIR, sub(y0, z0)),
        v.store(get(x), 2 * PAIR, sub(ab, cd)),
        v.store(get(x), 6 * PAIR, negatedDifference(ef, gh)),
        set(t1, v.add(mul(z1, cc), mul(z3, ss))),
        set(t2, v.sub(mul(z1, ss), mul(z3, cc))),
        v.store(get(x), 7 * PAIR, sub(y3, t2)),
        v.store(get(x), 5 * PAIR, minusMinus(y3, t2)),
        v.store(get(x), 3 * PAIR, sub(y1, t1)),
        v.store(get(x), PAIR, add(y1, t1)),
      ),
    ),
  );
}

/** The first pass for the layout's size: the stages it does and its code. */
export function firstPass(
  layout: FftLayout,
  inputs: FftInputs,
  locals: Locals,
): { stages: number; code: number[] } {
  if (layout.order < 2) return { stages: layout.order, code: firstStage(layout, inputs, locals) };
  if (layout.order % 2 === 1) {
    return { stages: 3, code: firstThreeStages(layout, inputs, locals) };
  }
  return { stages: 2, code: firstTwoStages(layout, inputs, locals) };
}

/** The power spectrum of the scratch transform, written out (sizes 2 to 8). */
export function plainPower(layout: FftLayout, locals: Locals): number[] {
  const n = layout.size;
  const { re, im } = locals.named(V128, 're', 'im');
  const x = (i: number): number[] => v.load(i32.constant(layout.scratch), PAIR * i);
  const out = (i: number, value: Code): number[] =>
    v.store(i32.constant(layout.power), PAIR * i, value);
  const code = [set(re, x(0)), out(0, mul(re, re))];
  for (let j = 1; j < n / 2; j++) {
    code.push(set(re, x(j)), set(im, x(n - j)), out(j, square(re, im)));
  }
  code.push(set(re, x(n / 2)), out(n / 2, mul(re, re)));
  return seq(...code);
}
