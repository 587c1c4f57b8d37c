import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { edgeAgreement, pointAgreement } from './feature-agreement.js';

describe('edgeAgreement', () => {
  it('counts pixels within one pixel, both ways', () => {
    // 5 x 3: reference has a vertical line at x = 2; ours at x = 3 plus a stray pixel at (0, 0).
    const reference = new Uint8Array(15);
    const ours = new Uint8Array(15);
    for (let y = 0; y < 3; y++) {
      reference[y * 5 + 2] = 1;
      ours[y * 5 + 3] = 1;
    }
    ours[0] = 1;
    const a = edgeAgreement(ours, reference, 5);
    assert.equal(a.identical, 0);
    assert.equal(a.referenceMatched, 1);
    assert.equal(a.oursMatched, 3 / 4);
    assert.equal(a.agreement, 3 / 4);
    assert.equal(edgeAgreement(ours, reference, 5, 0).referenceMatched, 0);
  });
});

describe('pointAgreement', () => {
  it('matches the strongest points within the radius and the same sigma', () => {
    const reference = [
      { x: 10, y: 10, score: 3, sigma: 2 },
      { x: 20, y: 20, score: 2, sigma: 2 },
      { x: 30, y: 30, score: 1, sigma: 2 },
    ];
    const ours = [
      { x: 11, y: 11, score: 3, sigma: 2 }, // within 1.5 px
      { x: 22, y: 20, score: 2, sigma: 2 }, // 2 px away
      { x: 30, y: 30, score: 1, sigma: 3 }, // other scale
    ];
    const a = pointAgreement(ours, reference);
    assert.equal(a.referenceMatched, 1 / 3);
    assert.equal(a.oursMatched, 1 / 3);
    assert.equal(pointAgreement(ours, reference, { top: 1 }).agreement, 1);
    assert.equal(pointAgreement([], []).agreement, 1);
  });
});
