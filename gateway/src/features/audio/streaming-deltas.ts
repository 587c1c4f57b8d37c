/**
 * Dynamic features over a stream of frames, equal to the batch {@link sphinxDeltas} and
 * {@link regressionDeltas} to the bit, with memory bounded by the window.
 *
 * Both batch functions compute frame t from frames t - K..t + K, the first and last frames
 * repeated beyond the edges. Streaming, frame t is computed as soon as frame t + K has arrived
 * (or at the end, when the last frame is known), from a ring of the last 2K + 1 frames, with the
 * same arithmetic in the same order. The regression form is two such windows in a row: deltas
 * over K1 = deltaWindow, then delta-deltas over K2 = accelerationWindow of the (single-precision)
 * deltas, as the batch form regresses its stored deltas.
 */

import { checkParameter } from './errors.js';

const f32 = Math.fround;

/** A streaming dynamic-feature stage: static frames in, [c, delta, delta-delta] frames out. */
export interface StreamingDeltas {
  /** Values per output frame (3 x the input's). */
  readonly dimension: number;
  /**
   * Takes one static frame (copied) and calls `onFrame` for each output frame now complete; the
   * array passed is reused, valid until the callback returns.
   */
  push(frame: Float32Array, onFrame: (frame: Float32Array) => void): void;
  /** Ends the stream: emits the frames still waiting for their right-hand context. */
  end(onFrame: (frame: Float32Array) => void): void;
}

/** Reads frame t + d of the window, clamped to the frames that exist. */
type Neighbour = (d: number) => Float32Array;

/**
 * Frames in, one output frame per input frame out, each computed from its 2K + 1 neighbours
 * with the edge frames repeated.
 */
class CenteredWindow {
  readonly #halfWidth: number;
  readonly #ring: Float32Array[];
  readonly #compute: (at: Neighbour, out: Float32Array) => void;
  readonly #out: Float32Array;
  /** Frames received, and frames emitted. */
  #received = 0;
  #emitted = 0;

  constructor(
    halfWidth: number,
    inputDimension: number,
    outputDimension: number,
    compute: (at: Neighbour, out: Float32Array) => void,
  ) {
    this.#halfWidth = halfWidth;
    this.#ring = Array.from({ length: 2 * halfWidth + 1 }, () => new Float32Array(inputDimension));
    this.#compute = compute;
    this.#out = new Float32Array(outputDimension);
  }

  push(frame: Float32Array, onFrame: (frame: Float32Array) => void): void {
    this.#slot(this.#received).set(frame);
    this.#received++;
    while (this.#emitted + this.#halfWidth < this.#received) this.#emit(onFrame);
  }

  end(onFrame: (frame: Float32Array) => void): void {
    while (this.#emitted < this.#received) this.#emit(onFrame);
    this.#received = 0;
    this.#emitted = 0;
  }

  #slot(t: number): Float32Array {
    const slot = this.#ring[t % this.#ring.length];
    if (slot === undefined) throw new Error('unreachable: ring slot');
    return slot;
  }

  #emit(onFrame: (frame: Float32Array) => void): void {
    const t = this.#emitted;
    const last = this.#received - 1;
    this.#compute((d) => this.#slot(Math.min(Math.max(t + d, 0), last)), this.#out);
    this.#emitted++;
    onFrame(this.#out);
  }
}

/** Sphinx `1s_c_d_dd` (as {@link sphinxDeltas}): K = 3. */
function sphinxWindow(d: number): CenteredWindow {
  return new CenteredWindow(3, d, 3 * d, (at, out) => {
    const c = at(0);
    const p1 = at(1);
    const p2 = at(2);
    const p3 = at(3);
    const m1 = at(-1);
    const m2 = at(-2);
    const m3 = at(-3);
    for (let k = 0; k < d; k++) {
      out[k] = c[k] ?? 0;
      out[d + k] = f32((p2[k] ?? 0) - (m2[k] ?? 0));
      const ahead = f32((p3[k] ?? 0) - (m1[k] ?? 0));
      const behind = f32((p1[k] ?? 0) - (m3[k] ?? 0));
      out[2 * d + k] = f32(ahead - behind);
    }
  });
}

/**
 * One regression over the values [from, from + d) of each frame into `out` at `to`: as the batch
 * form, sum_k k (x(t + k) - x(t - k)) in double, divided by 2 sum_k k^2, stored in single
 * precision.
 */
function regress(
  at: Neighbour,
  halfWindow: number,
  from: number,
  d: number,
  out: Float32Array,
  to: number,
): void {
  let norm = 0;
  for (let k = 1; k <= halfWindow; k++) norm += 2 * k * k;
  for (let j = 0; j < d; j++) {
    let acc = 0;
    for (let k = 1; k <= halfWindow; k++) {
      acc += k * ((at(k)[from + j] ?? 0) - (at(-k)[from + j] ?? 0));
    }
    out[to + j] = acc / norm;
  }
}

/** HTK regression (as {@link regressionDeltas}): [c, delta] over K1, then delta-deltas over K2. */
function regressionWindows(
  d: number,
  deltaWindow: number,
  accelerationWindow: number,
): { first: CenteredWindow; second: CenteredWindow } {
  const first = new CenteredWindow(deltaWindow, d, 2 * d, (at, out) => {
    out.set(at(0));
    regress(at, deltaWindow, 0, d, out, d);
  });
  const second = new CenteredWindow(accelerationWindow, 2 * d, 3 * d, (at, out) => {
    out.set(at(0));
    regress(at, accelerationWindow, d, d, out, 2 * d);
  });
  return { first, second };
}

class RegressionDeltas implements StreamingDeltas {
  readonly dimension: number;
  readonly #first: CenteredWindow;
  readonly #second: CenteredWindow;

  constructor(d: number, deltaWindow: number, accelerationWindow: number) {
    this.dimension = 3 * d;
    const { first, second } = regressionWindows(d, deltaWindow, accelerationWindow);
    this.#first = first;
    this.#second = second;
  }

  push(frame: Float32Array, onFrame: (frame: Float32Array) => void): void {
    this.#first.push(frame, (withDelta) => {
      this.#second.push(withDelta, onFrame);
    });
  }

  end(onFrame: (frame: Float32Array) => void): void {
    this.#first.end((withDelta) => {
      this.#second.push(withDelta, onFrame);
    });
    this.#second.end(onFrame);
  }
}

/**
 * Streaming Sphinx deltas ({@link sphinxDeltas}) over frames of `dimension` values.
 *
 * @throws {AudioError} `DEURO_AUDIO_INVALID_PARAMETER` for a dimension that is not a positive integer.
 */
export function newStreamingSphinxDeltas(dimension: number): StreamingDeltas {
  checkParameter(
    Number.isInteger(dimension) && dimension > 0,
    'dimension',
    dimension,
    'a positive integer',
  );
  const window = sphinxWindow(dimension);
  return {
    dimension: 3 * dimension,
    push: (frame, onFrame) => {
      window.push(frame, onFrame);
    },
    end: (onFrame) => {
      window.end(onFrame);
    },
  };
}

/**
 * Streaming HTK regression deltas ({@link regressionDeltas}) over frames of `dimension` values.
 *
 * @throws {AudioError} `DEURO_AUDIO_INVALID_PARAMETER` for a dimension or window that is not a
 * positive integer.
 */
export function newStreamingRegressionDeltas(
  dimension: number,
  deltaWindow = 2,
  accelerationWindow = 2,
): StreamingDeltas {
  for (const [field, value] of [
    ['dimension', dimension],
    ['deltaWindow', deltaWindow],
    ['accelerationWindow', accelerationWindow],
  ] as const) {
    checkParameter(Number.isInteger(value) && value > 0, field, value, 'a positive integer');
  }
  return new RegressionDeltas(dimension, deltaWindow, accelerationWindow);
}
