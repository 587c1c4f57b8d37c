/**
 * Assembles a WebAssembly module from function bodies written with `wasm-code.ts`: one memory of
 * its own (exported as `memory`) and the functions, each exported under its name. The binary
 * format is the core specification's: a header, then the type, function, memory, export and
 * code sections.
 */

import { unsigned, type Code, type Locals, type ValueType } from './wasm-code.js';

/** One function of a module. */
export interface WasmFunction {
  readonly name: string;
  readonly locals: Locals;
  readonly results: readonly ValueType[];
  readonly body: Code;
}

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

function vector(items: readonly Code[]): number[] {
  return [...unsigned(items.length), ...items.flat()];
}

function section(id: number, content: Code): number[] {
  return [id, ...unsigned(content.length), ...content];
}

function name(text: string): number[] {
  const bytes = [...Buffer.from(text, 'utf8')];
  return [...unsigned(bytes.length), ...bytes];
}

/** The module's bytes; `memoryPages` pages of 64 KiB. */
export function assembleModule(
  functions: readonly WasmFunction[],
  memoryPages: number,
): Uint8Array {
  const types = functions.map((f) => [
    0x60,
    ...vector(f.locals.params.map((t) => [t])),
    ...vector(f.results.map((t) => [t])),
  ]);
  const exports = [
    [...name('memory'), 0x02, 0],
    ...functions.map((f, i) => [...name(f.name), 0x00, ...unsigned(i)]),
  ];
  const bodies = functions.map((f) => {
    const content = [...f.locals.encode(), ...f.body, 0x0b];
    return [...unsigned(content.length), ...content];
  });
  return Uint8Array.from([
    ...HEADER,
    ...section(1, vector(types)),
    ...section(3, vector(functions.map((_, i) => unsigned(i)))),
    ...section(5, vector([[0x00, ...unsigned(memoryPages)]])),
    ...section(7, vector(exports)),
    ...section(10, vector(bodies)),
  ]);
}
