/*
 * Seeded random streams over Philox4x32-10. A stream is named by a string (for example
 * `task-7/trial-3/step-120`): its key is the first 64 bits of the name's SHA-256, and its n-th
 * block is Philox of the counter n. The same name gives the same numbers on every machine and in
 * every process, and streams of different names are independent, so parallel work never shares
 * a generator's state.
 */

import { createHash } from 'node:crypto';

import { philox4x32, type Words2 } from './philox.js';

/** A sequence of random numbers determined by its name. */
export interface RandomStream {
  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** A uniform number in [0, 1) with 53 random bits. */
  nextUniform(): number;
  /** A uniform integer in [0, bound) without modulo bias; `bound` is 1 to 2^32. */
  nextBelow(bound: number): number;
}

const TWO_POW_26 = 0x4000000;
const TWO_POW_53 = 9007199254740992;
const TWO_POW_32 = 0x100000000;

/** The Philox key of a stream name. */
export function streamKey(name: string): Words2 {
  const digest = createHash('sha256').update(name, 'utf8').digest();
  return [digest.readUInt32BE(0), digest.readUInt32BE(4)];
}

/**
 * The stream named `name`.
 * @throws RangeError from `nextBelow` when its bound is not an integer in [1, 2^32].
 */
export function newRandomStream(name: string): RandomStream {
  return new PhiloxStream(streamKey(name));
}

class PhiloxStream implements RandomStream {
  readonly #key: Words2;
  #block = 0;
  #buffer: number[] = [];

  constructor(key: Words2) {
    this.#key = key;
  }

  nextUint32(): number {
    if (this.#buffer.length === 0) {
      const block = this.#block;
      this.#block += 1;
      // Words come out in reverse so that pop() returns them in Philox order.
      this.#buffer = philox4x32(
        [block % TWO_POW_32, Math.floor(block / TWO_POW_32), 0, 0],
        this.#key,
      ).reverse();
    }
    return this.#buffer.pop() ?? 0;
  }

  nextUniform(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * TWO_POW_26 + low) / TWO_POW_53;
  }

  nextBelow(bound: number): number {
    if (!Number.isInteger(bound) || bound < 1 || bound > TWO_POW_32) {
      throw new RangeError(`bound must be an integer from 1 to 2^32, got ${String(bound)}`);
    }
    const limit = TWO_POW_32 - (TWO_POW_32 % bound);
    for (;;) {
      const draw = this.nextUint32();
      if (draw < limit) {
        return draw % bound;
      }
    }
  }
}
