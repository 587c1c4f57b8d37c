import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { isImageError } from './errors.js';
import {
  LUMA_WEIGHTS,
  checkGrayImage,
  grayImageFromGray8,
  grayImageToGray8,
  interleavedToGray8,
  rgbToGray8,
} from './gray-image.js';

describe('gray levels', () => {
  it("uses OpenCV's 15-bit Rec. 601 weights, rounding half up", () => {
    assert.equal(LUMA_WEIGHTS.red + LUMA_WEIGHTS.green + LUMA_WEIGHTS.blue, 1 << 15);
    assert.equal(rgbToGray8(255, 255, 255), 255);
    assert.equal(rgbToGray8(0, 0, 0), 0);
    assert.equal(rgbToGray8(255, 0, 0), 76); // 0.299 x 255 = 76.2
    assert.equal(rgbToGray8(0, 255, 0), 150); // 0.587 x 255 = 149.7
    assert.equal(rgbToGray8(0, 0, 255), 29); // 0.114 x 255 = 29.1
    for (let v = 0; v < 256; v++) assert.equal(rgbToGray8(v, v, v), v);
  });

  it('reads 1- and 3-channel interleaved pixels', () => {
    assert.deepEqual([...interleavedToGray8(Uint8Array.of(5, 6, 7), 1)], [5, 6, 7]);
    assert.deepEqual([...interleavedToGray8(Uint8Array.of(255, 0, 0, 0, 0, 255), 3)], [76, 29]);
  });

  it("maps level v to v x (1 / 255), as scikit-image's img_as_float", () => {
    const image = grayImageFromGray8(3, 1, Uint8Array.of(0, 51, 255));
    assert.deepEqual([...image.data], [0, 51 * (1 / 255), 1]);
    assert.deepEqual([...grayImageToGray8(image)], [0, 51, 255]);
  });

  it('refuses inconsistent sizes, naming the field', () => {
    const cases: [() => unknown, string][] = [
      [() => grayImageFromGray8(0, 1, new Uint8Array(0)), 'image.width'],
      [() => grayImageFromGray8(2, 1.5, new Uint8Array(3)), 'image.height'],
      [() => grayImageFromGray8(2, 2, new Uint8Array(3)), 'gray.length'],
      [
        () => {
          checkGrayImage({ width: 2, height: 2, data: new Float64Array(3) });
        },
        'image',
      ],
    ];
    for (const [run, field] of cases) {
      assert.throws(
        run,
        (error: unknown) =>
          isImageError(error, 'DEURO_IMAGE_INVALID_PARAMETER') && error.field === field,
      );
    }
  });
});
