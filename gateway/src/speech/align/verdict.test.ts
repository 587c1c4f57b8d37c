import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { spanRatio, verdictScore, wordConfidence, type ScoredSpan } from './verdict.js';

/** `ratios.length` words of 10 frames each with those per-frame ratios, against a flat loop. */
function words(ratios: readonly number[]): { spans: ScoredSpan[]; loop: Float64Array } {
  const loop = new Float64Array(ratios.length * 10);
  const spans = ratios.map((ratio, i) => ({ start: i * 10, end: i * 10 + 9, forced: ratio * 10 }));
  return { spans, loop };
}

describe('verdict score', () => {
  it('is the mean ratio over the words, a word its own ratio', () => {
    const { spans, loop } = words([-1, -2, -3]);
    assert.equal(verdictScore(spans, loop), -2);
    assert.equal(spanRatio(spans[2] ?? { start: 0, end: 0, forced: 0 }, loop), -3);
    assert.equal(verdictScore([], loop, 3), 0);
  });

  it('takes the worst word plus the margin when that is lower', () => {
    const short = words([-0.5, -0.5, -0.5, -0.5, -9]);
    assert.equal(verdictScore(short.spans, short.loop, 3.75), -9 + 3.75);
    assert.equal(verdictScore(short.spans, short.loop), (4 * -0.5 - 9) / 5);
  });

  it('tolerates one badly fitting word in twenty in a long transcript, not more', () => {
    const good = Array.from({ length: 40 }, () => -0.5);
    const twoBad = words([-9, -8, ...good.slice(2)]);
    // 40 words: the 3rd worst word counts, a good one; the score is the mean.
    assert.equal(verdictScore(twoBad.spans, twoBad.loop, 3.75), (38 * -0.5 - 17) / 40);
    const threeBad = words([-9, -8, -7, ...good.slice(3)]);
    assert.equal(verdictScore(threeBad.spans, threeBad.loop, 3.75), -7 + 3.75);
    const nineteen = words([-9, ...good.slice(0, 18)]);
    assert.equal(verdictScore(nineteen.spans, nineteen.loop, 3.75), -9 + 3.75);
  });

  it('gives word confidences through a logistic around -3', () => {
    assert.equal(wordConfidence(-3), 0.5);
    assert.ok(wordConfidence(0) > 0.99 && wordConfidence(-6) < 0.01);
  });
});
