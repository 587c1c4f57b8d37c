/*
 * The two rounding schemes of the white paper, as the one decision every conversion needs:
 * given the exact quotient q + r/d (q the floor, 0 < r < d), does it round up to q + 1?
 *
 * - Round to nearest: up when r/d > 1/2; a tie (r/d = 1/2) goes to the even neighbour, so ties
 *   carry no bias. Gupta et al. round ties down; ties to even is IEEE 754's rule, and gives
 *   no systematic drift when many exact halves occur (as after a shift by one bit).
 * - Stochastic rounding: up with probability exactly r/d (down with probability
 *   1 - (x - floor(x)) / theta), drawing an integer uniform in [0, d) from a named
 *   {@link RandomStream} and rounding up when it is below r. No floating point is involved, so
 *   the same stream gives the same words on every machine. A real input draws a 53-bit uniform
 *   instead, so its probability is exact to 2^-53.
 *
 * Exact values (r = 0) need no decision and draw nothing.
 */
import type { RandomStream } from '../random/index.js';

/** How a conversion rounds. */
export type RoundingMode = 'nearest' | 'stochastic';

/** The rounding decision of a conversion; see {@link newNearestRounder}, {@link newStochasticRounder}. */
export interface Rounder {
  /** The scheme. */
  readonly mode: RoundingMode;
  /**
   * Whether q + remainder/divisor rounds up to q + 1, for integers 0 < remainder < divisor <=
   * 2^52.
   */
  roundsUp(quotientIsOdd: boolean, remainder: number, divisor: number): boolean;
  /** As {@link Rounder.roundsUp} for wide integers. */
  roundsUpWide(quotientIsOdd: boolean, remainder: bigint, divisor: bigint): boolean;
  /** Whether q + fraction rounds up to q + 1, for a real 0 < fraction < 1. */
  roundsUpFraction(quotientIsOdd: boolean, fraction: number): boolean;
}

/** Round to nearest, ties to even. Draws nothing, so one instance can be shared. */
export function newNearestRounder(): Rounder {
  return NEAREST;
}

/** Stochastic rounding drawing from `stream` (for example `${taskId}/${trialId}/step-${n}`). */
export function newStochasticRounder(stream: RandomStream): Rounder {
  return new StochasticRounder(stream);
}

const NEAREST: Rounder = Object.freeze({
  mode: 'nearest' as const,
  roundsUp(quotientIsOdd: boolean, remainder: number, divisor: number): boolean {
    const twice = remainder * 2;
    return twice > divisor || (twice === divisor && quotientIsOdd);
  },
  roundsUpWide(quotientIsOdd: boolean, remainder: bigint, divisor: bigint): boolean {
    const twice = remainder * 2n;
    return twice > divisor || (twice === divisor && quotientIsOdd);
  },
  roundsUpFraction(quotientIsOdd: boolean, fraction: number): boolean {
    return fraction > 0.5 || (fraction === 0.5 && quotientIsOdd);
  },
});

const TWO_POW_32 = 0x100000000;

class StochasticRounder implements Rounder {
  readonly mode = 'stochastic' as const;
  readonly #stream: RandomStream;

  constructor(stream: RandomStream) {
    this.#stream = stream;
  }

  roundsUp(_quotientIsOdd: boolean, remainder: number, divisor: number): boolean {
    return uniformBelow(this.#stream, divisor) < remainder;
  }

  roundsUpWide(_quotientIsOdd: boolean, remainder: bigint, divisor: bigint): boolean {
    return uniformBelowWide(this.#stream, divisor) < remainder;
  }

  roundsUpFraction(_quotientIsOdd: boolean, fraction: number): boolean {
    return this.#stream.nextUniform() < fraction;
  }
}

/** Bits needed to write `value` - 1 in binary, for value >= 2. */
function bitLength(value: number): number {
  let bits = 0;
  let rest = value - 1;
  while (rest >= 1) {
    rest = Math.floor(rest / 2);
    bits += 1;
  }
  return bits;
}

/**
 * An integer uniform in [0, bound) for an integer bound from 1 to 2^52: one 32-bit draw when
 * bound <= 2^32 (without modulo bias), else rejection from the smallest power of two above.
 */
export function uniformBelow(stream: RandomStream, bound: number): number {
  if (bound <= TWO_POW_32) {
    return stream.nextBelow(bound);
  }
  const highBits = bitLength(bound) - 32;
  for (;;) {
    const high = stream.nextUint32() >>> (32 - highBits);
    const draw = high * TWO_POW_32 + stream.nextUint32();
    if (draw < bound) {
      return draw;
    }
  }
}

/** An integer uniform in [0, bound) for any positive bound, by rejection over 32-bit words. */
export function uniformBelowWide(stream: RandomStream, bound: bigint): bigint {
  if (bound <= BigInt(Number.MAX_SAFE_INTEGER)) {
    return BigInt(uniformBelow(stream, Number(bound)));
  }
  const bits = (bound - 1n).toString(2).length;
  const words = Math.ceil(bits / 32);
  const excess = BigInt(words * 32 - bits);
  for (;;) {
    let draw = 0n;
    for (let word = 0; word < words; word += 1) {
      draw = (draw << 32n) | BigInt(stream.nextUint32());
    }
    draw >>= excess;
    if (draw < bound) {
      return draw;
    }
  }
}
