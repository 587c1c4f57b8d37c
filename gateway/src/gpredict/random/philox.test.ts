import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { philox4x32 } from './philox.js';
import { newRandomStream } from './random-stream.js';

// Known-answer vectors from Random123's kat_vectors (philox4x32 10 rounds).
describe('philox4x32', () => {
  it('matches the Random123 known answers', () => {
    assert.deepEqual(
      philox4x32([0, 0, 0, 0], [0, 0]),
      [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8],
    );
    assert.deepEqual(
      philox4x32([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff]),
      [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd],
    );
    assert.deepEqual(
      philox4x32([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0]),
      [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1],
    );
  });
});

describe('newRandomStream', () => {
  it('gives the same numbers for the same name and different ones for another', () => {
    const draw = (name: string): number[] => {
      const stream = newRandomStream(name);
      return Array.from({ length: 10 }, () => stream.nextUint32());
    };
    assert.deepEqual(draw('task-1/trial-2'), draw('task-1/trial-2'));
    assert.notDeepEqual(draw('task-1/trial-2'), draw('task-1/trial-3'));
  });

  it('draws uniforms in [0, 1) with the right mean and bounded integers without bias', () => {
    const stream = newRandomStream('uniformity');
    const count = 20000;
    let sum = 0;
    const buckets = [0, 0, 0];
    for (let index = 0; index < count; index += 1) {
      const value = stream.nextUniform();
      assert.ok(value >= 0 && value < 1);
      sum += value;
      const bucket = stream.nextBelow(3);
      buckets[bucket] = (buckets[bucket] ?? 0) + 1;
    }
    // Standard error of the mean is 1/sqrt(12 n) ~ 0.002: 5 sigma.
    assert.ok(Math.abs(sum / count - 0.5) < 0.01);
    for (const bucketCount of buckets) {
      assert.ok(Math.abs(bucketCount / count - 1 / 3) < 0.02);
    }
    assert.throws(() => stream.nextBelow(0), RangeError);
  });
});
