import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newSeededRandom, seededShuffle } from './seeded-random.js';

describe('newSeededRandom', () => {
  it('repeats for a seed and differs between seeds', () => {
    const draw = (seed: number): number[] => {
      const random = newSeededRandom(seed);
      return Array.from({ length: 5 }, () => random.next());
    };
    assert.deepEqual(draw(42), draw(42));
    assert.notDeepEqual(draw(42), draw(43));
  });

  it('gives uniform numbers in [0, 1) and standard normal deviates', () => {
    const random = newSeededRandom(1);
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < 20000; i++) {
      const u = random.next();
      assert.ok(u >= 0 && u < 1);
      const g = random.gaussian();
      sum += g;
      squares += g * g;
    }
    assert.ok(Math.abs(sum / 20000) < 0.03);
    assert.ok(Math.abs(squares / 20000 - 1) < 0.05);
  });

  it('shuffles to a permutation without changing the input', () => {
    const items = [1, 2, 3, 4, 5, 6];
    const shuffled = seededShuffle(items, newSeededRandom(9));
    assert.deepEqual(items, [1, 2, 3, 4, 5, 6]);
    assert.deepEqual([...shuffled].sort(), items);
    assert.deepEqual(seededShuffle(items, newSeededRandom(9)), shuffled);
  });
});
