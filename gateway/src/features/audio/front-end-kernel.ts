/**
 * The front end's per-frame kernel in WebAssembly: windowed real FFT, power spectrum, mel filter
 * bank and (for MFCCs) cepstral transform of two frames at once, one frame per lane of 128-bit
 * f64x2 values.
 *
 * Why: these steps were most of Deuro's time per frame (see docs/features-audio.md, "Speed"),
 * and in JavaScript every array access is bounds-checked. The kernel performs, in each lane,
 * exactly the IEEE double operations of the scalar code (`real-fft.ts`, `real-fft-power.ts`,
 * `applyMelFilterBank`, `cepstra` and `applyLifter`) in the same order; WebAssembly has no fused
 * multiply-add and its f64x2 arithmetic is double arithmetic lane by lane, so each frame's
 * values are the scalar code's to the bit (`front-end-kernel.test.ts` checks it). The logarithms
 * stay in JavaScript, between {@link FrontEndKernel.windowedPair} and
 * {@link FrontEndKernel.cepstra}, so `Math.log` is the one it always was.
 *
 * The module is written by `front-end-kernel-*.ts` with `wasm-code.ts` (no build step, nothing
 * generated on disk), specialised for an FFT size, a filter count and a cepstral transform
 * (compiled once per such set and cached), and instantiated per front end with its own memory,
 * which holds the tables, the sample buffer and the results; JavaScript reads and writes it
 * through typed-array views.
 */

import {
  cepstralTransform,
  weightedCosines,
  type CepstralLayout,
} from './front-end-kernel-cepstra.js';
import { firstPass, plainPower, type FftLayout } from './front-end-kernel-fft.js';
import { MEL_ENTRY, melEnergies, type MelLayout } from './front-end-kernel-mel.js';
import { lastPairPower } from './front-end-kernel-power.js';
import { stagePair } from './front-end-kernel-stages.js';
import { cepstralTables } from './cepstral-transforms.js';
import type { MelFilterBank } from './mel-filter-bank.js';
import type { CepstralTransform } from './mfcc-options.js';
import { bitReversal, stageTwiddles } from './real-fft.js';
import { I32, Locals, seq } from './wasm-code.js';
import { assembleModule, type WasmFunction } from './wasm-module.js';

/** What the kernel needs of the JavaScript WebAssembly API (not in the ES2022 typings). */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { readonly exports: KernelExports };
};

interface KernelExports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  readonly analyse: (frame0: number, frame1: number, window: number) => void;
  readonly cepstra?: () => void;
}

/** The cepstral transform of a kernel. */
export interface KernelCepstra {
  readonly transform: CepstralTransform;
  readonly cepstrumCount: number;
  readonly lifter: number;
}

/** One front end's kernel; every array is a view on its memory. */
export interface FrontEndKernel {
  /** The sample buffer the windowed frames are read from. */
  readonly samples: Float64Array;
  /** The window of {@link windowedPair} (fftSize values). */
  readonly window: Float64Array;
  /** A frame written out (windowed, zero padded) for {@link writtenFrame}. */
  readonly frame: Float64Array;
  /** Each frame's power spectrum of the last call, interleaved: bin k of frame f at 2k + f. */
  readonly power: Float64Array;
  /** The mel energies of the last call, interleaved: filter i of frame f at 2i + f. */
  readonly energies: Float64Array;
  /** The log mel spectra {@link cepstra} reads, interleaved as {@link energies}. */
  readonly logMel: Float64Array;
  /** The cepstra of the last {@link cepstra} call (single-precision values), interleaved. */
  readonly cepstrumPairs: Float64Array;
  /**
   * Frames samples[start0 + i] x window[i] and samples[start1 + i] x window[i], i < fftSize;
   * those samples must be finite (what a zero weight meets).
   */
  windowedPair(start0: number, start1: number): void;
  /** {@link frame} as it is, in both lanes. */
  writtenFrame(): void;
  /** The cepstra of {@link logMel}, into {@link cepstrumPairs}. */
  cepstra(): void;
}

interface KernelLayout extends FftLayout, MelLayout, CepstralLayout {
  readonly window: number;
  readonly ones: number;
  readonly frame: number;
  /** The end of the parts the code depends on: the weights and samples follow. */
  readonly end: number;
}

const align = (bytes: number): number => Math.ceil(bytes / 16) * 16;
const PAGE = 65536;
const pages = (bytes: number): number => Math.ceil(bytes / PAGE);
const NO_CEPSTRA: KernelCepstra = { transform: 'legacy', cepstrumCount: 0, lifter: 0 };

/** The FFT's tables from address 0: bit reversal, then each stage's twiddles. */
function fftTables(fftSize: number): Omit<FftLayout, 'power' | 'scratch'> & { end: number } {
  const order = Math.round(Math.log2(fftSize));
  const twiddleValues = stageTwiddles(fftSize, order);
  let at = 4 * fftSize;
  const twiddles = twiddleValues.map(({ cos }) => {
    const tables = { cos: at, sin: at + 8 * cos.length };
    at += 16 * cos.length;
    return tables;
  });
  return { size: fftSize, order, bitReversal: 0, twiddles, twiddleValues, end: align(at) };
}

function kernelLayout(fftSize: number, filterCount: number, c: KernelCepstra): KernelLayout {
  const tables = fftTables(fftSize);
  const power = tables.end;
  const scratch = align(power + 16 * (fftSize / 2 + 1));
  const window = scratch + 16 * fftSize;
  const ones = window + 8 * fftSize;
  const frame = ones + 8 * fftSize;
  const energies = frame + 8 * fftSize;
  const logMel = energies + 16 * filterCount;
  const cepstra = logMel + 16 * filterCount;
  const cosines = cepstra + 16 * c.cepstrumCount;
  const table = cosines + 8 * c.cepstrumCount * filterCount;
  const end = align(table + MEL_ENTRY * filterCount);
  return {
    ...tables,
    ...c,
    filterCount,
    power,
    scratch,
    window,
    ones,
    frame,
    energies,
    logMel,
    cepstra,
    cosines,
    table,
    end,
  };
}

function analyseFunction(layout: KernelLayout): WasmFunction {
  const locals = new Locals([I32, I32, I32]);
  const inputs = { frame0: locals.param(0), frame1: locals.param(1), window: locals.param(2) };
  const first = firstPass(layout, inputs, locals);
  const last = layout.order - 2;
  const stages: number[][] = [];
  if (last < first.stages) {
    stages.push(plainPower(layout, locals));
  } else {
    for (let k = first.stages; k < last; k += 2) stages.push(stagePair(layout, k, locals));
    stages.push(lastPairPower(layout, locals));
  }
  const body = seq(first.code, ...stages, melEnergies(layout, locals));
  return { name: 'analyse', locals, results: [], body };
}

function kernelCode(layout: KernelLayout): Uint8Array {
  const functions = [analyseFunction(layout)];
  if (layout.cepstrumCount > 0) {
    const locals = new Locals([]);
    functions.push({
      name: 'cepstra',
      locals,
      results: [],
      body: cepstralTransform(layout, locals),
    });
  }
  return assembleModule(functions, pages(layout.end));
}

/**
 * Compiled modules by what their code depends on, the most recently compiled last. Parameters
 * come from requests, so the cache is bounded: past {@link MODULE_CACHE_SIZE} entries the
 * oldest is dropped (front ends already created keep their instance).
 */
const modules = new Map<string, object>();
const MODULE_CACHE_SIZE = 16;

function compiledKernel(layout: KernelLayout): object {
  const { size, filterCount, transform, cepstrumCount, lifter } = layout;
  const key = JSON.stringify([size, filterCount, transform, cepstrumCount, lifter]);
  let module = modules.get(key);
  if (module === undefined) {
    module = new WebAssembly.Module(kernelCode(layout));
    if (modules.size >= MODULE_CACHE_SIZE) modules.delete(modules.keys().next().value ?? '');
    modules.set(key, module);
  }
  return module;
}

class WasmFrontEndKernel implements FrontEndKernel {
  readonly samples: Float64Array;
  readonly window: Float64Array;
  readonly frame: Float64Array;
  readonly power: Float64Array;
  readonly energies: Float64Array;
  readonly logMel: Float64Array;
  readonly cepstrumPairs: Float64Array;
  readonly #exports: KernelExports;
  readonly #layout: KernelLayout;

  constructor(window: Float64Array, bank: MelFilterBank, sampleCount: number, c: KernelCepstra) {
    const layout = kernelLayout(window.length, bank.filterCount, c);
    const { exports } = new WebAssembly.Instance(compiledKernel(layout));
    const weights = layout.end;
    const samples = align(weights + 8 * bank.weights.length);
    exports.memory.grow(pages(samples + 8 * sampleCount) - pages(layout.end));
    const buffer = exports.memory.buffer;
    writeTables(buffer, layout, window, bank, weights);
    const doubles = (at: number, length: number): Float64Array =>
      new Float64Array(buffer, at, length);
    this.samples = doubles(samples, sampleCount);
    this.window = doubles(layout.window, layout.size);
    this.frame = doubles(layout.frame, layout.size);
    this.power = doubles(layout.power, layout.size + 2);
    this.energies = doubles(layout.energies, 2 * bank.filterCount);
    this.logMel = doubles(layout.logMel, 2 * bank.filterCount);
    this.cepstrumPairs = doubles(layout.cepstra, 2 * c.cepstrumCount);
    this.#exports = exports;
    this.#layout = layout;
  }

  windowedPair(start0: number, start1: number): void {
    const base = this.samples.byteOffset;
    this.#exports.analyse(base + 8 * start0, base + 8 * start1, this.#layout.window);
  }

  writtenFrame(): void {
    const { frame, ones } = this.#layout;
    this.#exports.analyse(frame, frame, ones);
  }

  cepstra(): void {
    this.#exports.cepstra?.();
  }
}

/** The tables: bit reversal, twiddles, window, ones, mel filters, weights, cosines. */
function writeTables(
  buffer: ArrayBuffer,
  layout: KernelLayout,
  window: Float64Array,
  bank: MelFilterBank,
  weights: number,
): void {
  const n = layout.size;
  new Int32Array(buffer, layout.bitReversal, n).set(bitReversal(n).map((r) => 8 * r));
  layout.twiddleValues.forEach(({ cos, sin }, k) => {
    const at = layout.twiddles[k] ?? { cos: 0, sin: 0 };
    new Float64Array(buffer, at.cos, cos.length).set(cos);
    new Float64Array(buffer, at.sin, sin.length).set(sin);
  });
  new Float64Array(buffer, layout.window, n).set(window);
  new Float64Array(buffer, layout.ones, n).fill(1);
  new Float64Array(buffer, weights, bank.weights.length).set(bank.weights);
  const table = new Int32Array(buffer, layout.table, 3 * bank.filterCount);
  for (let i = 0; i < bank.filterCount; i++) {
    table[3 * i] = layout.power + 16 * (bank.binStart[i] ?? 0);
    table[3 * i + 1] = bank.binCount[i] ?? 0;
    table[3 * i + 2] = weights + 8 * (bank.weightStart[i] ?? 0);
  }
  if (layout.cepstrumCount > 0) {
    const { cosines } = cepstralTables(layout.filterCount, layout.cepstrumCount);
    new Float64Array(buffer, layout.cosines, cosines.length).set(
      weightedCosines(layout.transform, cosines, layout.filterCount),
    );
  }
}

/**
 * The kernel of one front end: `window` (fftSize values, zero past the analysis window), the
 * filter bank, room for `sampleCount` samples, and the cepstral transform if any.
 */
export function newFrontEndKernel(
  window: Float64Array,
  bank: MelFilterBank,
  sampleCount: number,
  cepstra: KernelCepstra = NO_CEPSTRA,
): FrontEndKernel {
  return new WasmFrontEndKernel(window, bank, sampleCount, cepstra);
}
