/**
 * A small seeded pseudo-random generator (mulberry32) for everything in the corpus that must be
 * repeatable: default pauses, added noise, transcript substitutions. The same seed gives the same
 * numbers on every platform (32-bit integer arithmetic only), which `Math.random` cannot promise.
 */

/** A stream of pseudo-random numbers from one seed. */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  below(n: number): number;
  /** Standard normal (Box–Muller). */
  gaussian(): number;
}

class Mulberry32 implements SeededRandom {
  #state: number;
  #spare: number | undefined;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  gaussian(): number {
    if (this.#spare !== undefined) {
      const spare = this.#spare;
      this.#spare = undefined;
      return spare;
    }
    const u = 1 - this.next();
    const v = this.next();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.#spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }
}

/** A generator seeded with the low 32 bits of `seed`. */
export function newSeededRandom(seed: number): SeededRandom {
  return new Mulberry32(seed);
}

/** `items` in a seeded random order (Fisher–Yates); the input is not changed. */
export function seededShuffle<T>(items: readonly T[], random: SeededRandom): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.below(i + 1);
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}
