/**
 * A small WebAssembly instruction writer, enough for the front end's kernel
 * (`front-end-kernel.ts`): each function returns the bytes of an expression, operands first, so
 * nested calls read like the arithmetic they encode (`v.add(get(a), get(b))` pushes a, pushes b,
 * adds). Only the instructions the kernel uses are here: i32 address arithmetic, f64 constants,
 * 128-bit f64x2 loads, stores and arithmetic, locals, and loops.
 *
 * The encodings are those of the WebAssembly core specification 2.0 (SIMD included); every
 * f64x2 operation is the IEEE double operation of its scalar counterpart, lane by lane.
 */

/** The bytes of an instruction sequence. */
export type Code = readonly number[];

/** A value type: i32 or v128. */
export type ValueType = 0x7f | 0x7b;

export const I32: ValueType = 0x7f;
export const V128: ValueType = 0x7b;

/** A local variable (or parameter) of a function. */
export interface Local {
  readonly index: number;
}

/** Unsigned LEB128. */
export function unsigned(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    const byte = v & 0x7f;
    v >>>= 7;
    out.push(v === 0 ? byte : byte | 0x80);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer. */
export function signed(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

/** Concatenates instruction sequences. */
export function seq(...parts: readonly Code[]): number[] {
  const out: number[] = [];
  for (const part of parts) for (const byte of part) out.push(byte);
  return out;
}

/** A memory immediate: alignment (log2 of `bytes`) and a constant byte offset. */
function memory(bytes: number, offset: number): number[] {
  return [...unsigned(Math.log2(bytes)), ...unsigned(offset)];
}

const simd = (opcode: number): number[] => [0xfd, ...unsigned(opcode)];

export const get = (local: Local): number[] => [0x20, ...unsigned(local.index)];
export const set = (local: Local, value: Code): number[] => [
  ...value,
  0x21,
  ...unsigned(local.index),
];

/** i32 arithmetic (addresses and counters). */
export const i32 = {
  constant: (value: number): number[] => [0x41, ...signed(value)],
  add: (a: Code, b: Code): number[] => [...a, ...b, 0x6a],
  sub: (a: Code, b: Code): number[] => [...a, ...b, 0x6b],
  shl: (a: Code, bits: number): number[] => [...a, 0x41, ...signed(bits), 0x74],
  /** Unsigned a < b. */
  lessThan: (a: Code, b: Code): number[] => [...a, ...b, 0x49],
  /** The smaller of a and b (signed); each is evaluated once. */
  min: (a: Local, b: Local): number[] => [...get(a), ...get(b), ...get(a), ...get(b), 0x48, 0x1b],
  load: (address: Code, offset = 0): number[] => [...address, 0x28, ...memory(4, offset)],
};

/** Scalar f64. */
export const f64 = {
  constant: (value: number): number[] => {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setFloat64(0, value, true);
    return [0x44, ...bytes];
  },
};

/** f64x2: two doubles per 128-bit value, each lane an IEEE double operation. */
export const v = {
  load: (address: Code, offset = 0): number[] => [...address, ...simd(0x00), ...memory(16, offset)],
  store: (address: Code, offset: number, value: Code): number[] => [
    ...address,
    ...value,
    ...simd(0x0b),
    ...memory(16, offset),
  ],
  /** Both lanes from one double in memory. */
  loadSplat: (address: Code, offset = 0): number[] => [
    ...address,
    ...simd(0x0a),
    ...memory(8, offset),
  ],
  /** `vector` with lane 1 replaced by the double at `address`. */
  loadLane1: (address: Code, vector: Code): number[] => [
    ...address,
    ...vector,
    ...simd(0x57),
    ...memory(8, 0),
    1,
  ],
  splat: (value: Code): number[] => [...value, ...simd(0x14)],
  add: (a: Code, b: Code): number[] => [...a, ...b, ...simd(0xf0)],
  sub: (a: Code, b: Code): number[] => [...a, ...b, ...simd(0xf1)],
  mul: (a: Code, b: Code): number[] => [...a, ...b, ...simd(0xf2)],
  div: (a: Code, b: Code): number[] => [...a, ...b, ...simd(0xf3)],
  neg: (a: Code): number[] => [...a, ...simd(0xed)],
  /** Each lane rounded to single precision (`Math.fround`): demoted to f32, promoted back. */
  roundToSingle: (a: Code): number[] => [...a, ...simd(0x5e), ...simd(0x5f)],
};

const END = 0x0b;
const EMPTY_BLOCK = 0x40;

/** `body` while `condition` (an i32) is non-zero, tested before each round. */
export function whileLoop(condition: Code, body: Code): number[] {
  return [
    0x02,
    EMPTY_BLOCK,
    0x03,
    EMPTY_BLOCK,
    ...condition,
    0x45, // i32.eqz
    0x0d,
    1, // br_if to the end of the block
    ...body,
    0x0c,
    0, // br to the loop
    END,
    END,
  ];
}

/** `body`, then again while `condition` is non-zero (at least one round). */
export function doWhile(body: Code, condition: Code): number[] {
  return [0x03, EMPTY_BLOCK, ...body, ...condition, 0x0d, 0, END];
}

/** A function's locals: the parameters first, then the declared ones. */
export class Locals {
  readonly #declared: ValueType[] = [];
  readonly #paramCount: number;

  constructor(readonly params: readonly ValueType[]) {
    this.#paramCount = params.length;
  }

  param(i: number): Local {
    return { index: i };
  }

  declare(type: ValueType): Local {
    this.#declared.push(type);
    return { index: this.#paramCount + this.#declared.length - 1 };
  }

  /** New locals of one type by name: `const { a, b } = locals.named(V128, 'a', 'b')`. */
  named<K extends string>(type: ValueType, ...names: K[]): Record<K, Local> {
    return Object.fromEntries(names.map((name) => [name, this.declare(type)])) as Record<K, Local>;
  }

  /** The local declarations of the function body (one entry per local). */
  encode(): number[] {
    return [...unsigned(this.#declared.length), ...this.#declared.flatMap((t) => [1, t])];
  }
}
