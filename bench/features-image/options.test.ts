import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { defaultImageBenchOptions, parseImageBenchOptions, wantsHelp } from './options';

describe('image bench options', () => {
  it('uses the defaults, then the environment, then the flags', () => {
    assert.deepEqual(parseImageBenchOptions([], {}), defaultImageBenchOptions);
    assert.equal(parseImageBenchOptions([], { DEURO_BENCH_IMAGE_WIDTH: '800' }).width, 800);
    assert.equal(
      parseImageBenchOptions(['--width', '640'], { DEURO_BENCH_IMAGE_WIDTH: '800' }).width,
      640,
    );
    assert.equal(parseImageBenchOptions(['--skimage', 'no'], {}).skimage, false);
    assert.equal(parseImageBenchOptions([], { DEURO_BENCH_IMAGE_SKIMAGE: 'yes' }).skimage, true);
    assert.equal(wantsHelp(['--help']), true);
  });

  it('rejects unknown flags and values out of range, naming them', () => {
    assert.throws(() => parseImageBenchOptions(['--fast', '1'], {}), /--fast/);
    assert.throws(() => parseImageBenchOptions(['--rounds', '0'], {}), /--rounds/);
    assert.throws(() => parseImageBenchOptions(['--height'], {}), /--height needs a value/);
    assert.throws(
      () => parseImageBenchOptions([], { DEURO_BENCH_IMAGE_SKIMAGE: 'maybe' }),
      /DEURO_BENCH_IMAGE_SKIMAGE/,
    );
  });
});
