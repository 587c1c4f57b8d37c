/**
 * Standard normal draws from a Philox stream by the Box-Muller transform, for the deterministic
 * random start of T, the corpus noise and synthetic test data.
 */

import { newRandomStream, type RandomStream } from '../../gpredict/random/index.js';

/** Fills a new array of `count` independent N(0, 1) draws from `random`. */
export function standardNormals(random: RandomStream, count: number): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(1 - random.nextUniform()));
    const angle = 2 * Math.PI * random.nextUniform();
    out[i] = radius * Math.cos(angle);
    if (i + 1 < count) out[i + 1] = radius * Math.sin(angle);
  }
  return out;
}

/** `count` N(0, 1) draws from the Philox stream named `name`. */
export function namedNormals(name: string, count: number): Float64Array {
  return standardNormals(newRandomStream(name), count);
}
