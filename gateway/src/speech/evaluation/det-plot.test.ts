import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import sharp from 'sharp';

import { detCurve } from './det-curve.js';
import { detPlotSvg, renderDetPlotPng } from './det-plot.js';
import { equalErrorRate } from './equal-error-rate.js';
import { EvaluationErrorCode, isEvaluationError } from './errors.js';
import { normalDeviate } from './normal-deviate.js';

describe('normalDeviate', () => {
  it('matches scipy.stats.norm.ppf', () => {
    const expected: [number, number][] = [
      [1e-300, -37.0470962993612],
      [1e-20, -9.262340089798409],
      [1e-10, -6.361340902404056],
      [0.001, -3.090232306167813],
      [0.02425, -1.972961051311885],
      [0.075, -1.4395314709384563],
      [0.3, -0.5244005127080409],
      [0.5, 0],
      [0.6, 0.2533471031357997],
      [0.975, 1.959963984540054],
      [0.999, 3.090232306167813],
      [1 - 1e-12, 7.0344869100478356],
    ];
    for (const [p, deviate] of expected) {
      assert.ok(
        Math.abs(normalDeviate(p) - deviate) < 1e-9 * Math.max(1, Math.abs(deviate)),
        String(p),
      );
    }
    assert.equal(normalDeviate(0), -Infinity);
    assert.equal(normalDeviate(1), Infinity);
    assert.ok(Number.isNaN(normalDeviate(1.5)));
  });
});

describe('detPlotSvg', () => {
  const targets = Array.from({ length: 200 }, (_, i) => 2 + normalDeviate((i + 0.5) / 200));
  const nonTargets = Array.from({ length: 200 }, (_, i) => normalDeviate((i + 0.5) / 200));
  const curve = {
    label: 'synthetic <Gaussian>',
    points: detCurve(targets, nonTargets),
    eer: equalErrorRate(targets, nonTargets).eer,
  };

  it('draws axes, the curve, an escaped legend with the EER', () => {
    const svg = detPlotSvg([curve]);
    assert.match(svg, /^<svg /);
    assert.match(svg, /<polyline /);
    assert.match(svg, /synthetic &lt;Gaussian&gt; \(EER 1[56]\.\d\d%\)/);
    assert.match(svg, />Miss probability \(%\)</);
  });

  it('renders to a PNG of the requested size', async () => {
    const png = await renderDetPlotPng(detPlotSvg([curve], { width: 320, height: 300 }));
    const meta = await sharp(png).metadata();
    assert.equal(meta.format, 'png');
    assert.equal(meta.width, 320);
    assert.equal(meta.height, 300);
  });

  it('names the option out of range', () => {
    assert.throws(
      () => detPlotSvg([curve], { range: [0.5, 0.1] }),
      (error: unknown) =>
        isEvaluationError(error, EvaluationErrorCode.invalidParameter) &&
        error.details.field === 'range',
    );
  });
});
