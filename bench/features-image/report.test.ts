import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { formatTimings, median, throughputRatio } from './report';

describe('image bench report', () => {
  it('reports medians, megapixels per second and throughput ratios', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([1, 2, 3, 4]), 2.5);
    assert.equal(throughputRatio(2, 1), 0.5);
    const [header, canny, ridges] = formatTimings(
      12,
      ['opencv', 'skimage'],
      [
        { task: 'canny', deuroSeconds: [2, 1, 3], baselines: { opencv: [0.5], skimage: [4] } },
        { task: 'ridges', deuroSeconds: [4], baselines: { skimage: [8] } },
      ],
    );
    assert.match(header ?? '', /task +deuro s +MP\/s +opencv s +skimage s/);
    assert.match(canny ?? '', /canny +2\.000 +6\.00 +0\.500 \(0\.25x\) +4\.000 \(2\.00x\)/);
    assert.match(ridges ?? '', /ridges +4\.000 +3\.00 +- +8\.000 \(2\.00x\)/);
  });
});
