import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { newRandomStream } from '../random/index.js';
import { chooseAccumulation, exactDot, wideDot } from './exact-dot.js';

/** `length` random words of `bits` bits (two's complement), with the extremes mixed in. */
function randomWords(bits: number, length: number, name: string): Int32Array {
  const stream = newRandomStream(name);
  const words = new Int32Array(length);
  const low = -(2 ** (bits - 1));
  const high = 2 ** (bits - 1) - 1;
  for (let index = 0; index < length; index += 1) {
    const choice = stream.nextBelow(10);
    words[index] = choice === 0 ? low : choice === 1 ? high : low + stream.nextBelow(2 ** bits);
  }
  return words;
}

describe('chooseAccumulation', () => {
  it('uses doubles exactly while terms * 2^(WLa+WLb-2) <= 2^53', () => {
    assert.equal(chooseAccumulation(16, 16, 2 ** 23), 'double');
    assert.equal(chooseAccumulation(16, 16, 2 ** 23 + 1), 'split');
    assert.equal(chooseAccumulation(24, 24, 128), 'double');
    assert.equal(chooseAccumulation(24, 24, 129), 'split');
    assert.equal(chooseAccumulation(32, 32, 1), 'split');
    assert.equal(chooseAccumulation(32, 16, 64), 'double');
  });
});

describe('exactDot', () => {
  it('equals a bigint sum for every word length, both accumulations, with strides', () => {
    for (const [bitsA, bitsB] of [
      [16, 16],
      [32, 32],
      [32, 16],
      [24, 28],
      [2, 32],
    ] as const) {
      const length = 300;
      const a = randomWords(bitsA, length * 2, `dot-a-${String(bitsA)}`);
      const b = randomWords(bitsB, length, `dot-b-${String(bitsB)}`);
      const left = { data: a, offset: 1, stride: 2 };
      const right = { data: b, offset: 0, stride: 1 };
      const expected = wideDot(left, right, length);
      assert.equal(
        BigInt(exactDot(left, right, length, 'split')),
        expected,
        `split ${String(bitsA)}x${String(bitsB)}`,
      );
      if (chooseAccumulation(bitsA, bitsB, length) === 'double') {
        assert.equal(
          BigInt(exactDot(left, right, length, 'double')),
          expected,
          `double ${String(bitsA)}x${String(bitsB)}`,
        );
      }
    }
  });

  it('stays exact at the extremes: 2^20 + 5 products of the most negative 32-bit words', () => {
    const length = 0x100000 + 5;
    const words = new Int32Array(length).fill(-2147483648);
    const operand = { data: words, offset: 0, stride: 1 };
    const result = exactDot(operand, operand, length, 'split');
    assert.equal(result, BigInt(length) * 2n ** 62n);
  });

  it('returns a number below 2^53 and a bigint above', () => {
    const small = { data: Int32Array.of(3, -4), offset: 0, stride: 1 };
    assert.equal(exactDot(small, small, 2, 'split'), 25);
    assert.equal(exactDot(small, small, 2, 'double'), 25);
    const big = { data: Int32Array.of(-2147483648), offset: 0, stride: 1 };
    assert.equal(exactDot(big, big, 1, 'split'), 2n ** 62n);
  });
});
