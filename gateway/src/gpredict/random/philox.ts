/*
 * Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011): a
 * counter-based generator. The output for a (key, counter) pair is a pure function of the two, so
 * a training step or a search trial draws its numbers from its own coordinates (task, trial,
 * step, index) and gets bit-identical draws on every machine, in any order, without sharing a
 * generator's state. Checked against the known-answer vectors of Random123.
 */

const PHILOX_M0 = 0xd2511f53;
const PHILOX_M1 = 0xcd9e8d57;
const PHILOX_W0 = 0x9e3779b9;
const PHILOX_W1 = 0xbb67ae85;
const ROUNDS = 10;

/** Four 32-bit unsigned words. */
export type Words4 = readonly [number, number, number, number];
/** Two 32-bit unsigned words. */
export type Words2 = readonly [number, number];

/** High and low 32 bits of the 64-bit product of two 32-bit unsigned integers. */
function multiplyHiLo(a: number, b: number): [number, number] {
  const low = Math.imul(a, b) >>> 0;
  const aHi = a >>> 16;
  const aLo = a & 0xffff;
  const bHi = b >>> 16;
  const bLo = b & 0xffff;
  const cross = ((aLo * bLo) >>> 16) + ((aHi * bLo) & 0xffff) + aLo * bHi;
  const high = (aHi * bHi + Math.floor((aHi * bLo) / 0x10000) + Math.floor(cross / 0x10000)) >>> 0;
  return [high, low];
}

/** Philox4x32-10 of `counter` under `key`: four uniformly distributed 32-bit words. */
export function philox4x32(counter: Words4, key: Words2): [number, number, number, number] {
  let [c0, c1, c2, c3] = counter;
  let [k0, k1] = key;
  for (let round = 0; round < ROUNDS; round += 1) {
    const [hi0, lo0] = multiplyHiLo(PHILOX_M0, c0);
    const [hi1, lo1] = multiplyHiLo(PHILOX_M1, c2);
    const next0 = (hi1 ^ c1 ^ k0) >>> 0;
    const next2 = (hi0 ^ c3 ^ k1) >>> 0;
    c0 = next0;
    c1 = lo1;
    c2 = next2;
    c3 = lo0;
    k0 = (k0 + PHILOX_W0) >>> 0;
    k1 = (k1 + PHILOX_W1) >>> 0;
  }
  return [c0 >>> 0, c1 >>> 0, c2 >>> 0, c3 >>> 0];
}
