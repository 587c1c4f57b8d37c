import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import sharp from 'sharp';

import { decodeImage, sniffImageFormat } from './decode-image.js';
import { ImageError, isImageError } from './errors.js';
import { rgbToGray8 } from './gray-image.js';
import { requireReferenceTools, runImageReference } from './reference-script.js';

const SKIMAGE_DATA = '/usr/lib/python3/dist-packages/skimage/data';

/** 64 x 48 RGB pixels covering the colour cube (a deterministic spread of all channels). */
function rgbPattern(width: number, height: number): Buffer {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    pixels[3 * i] = (i * 37) % 256;
    pixels[3 * i + 1] = (i * 101 + 17) % 256;
    pixels[3 * i + 2] = (i * 53 + 200) % 256;
  }
  return pixels;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function expectImageError(
  promise: Promise<unknown>,
  code: ImageError['code'],
  field: string,
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isImageError(error, code), String(error));
    assert.equal(error.field, field);
    assert.ok(error.message.startsWith(`${code}: `));
    return true;
  });
}

describe('decodeImage', () => {
  it('applies OpenCV luma to RGB PNG pixels', async () => {
    const width = 64;
    const height = 48;
    const rgb = rgbPattern(width, height);
    const png = await sharp(rgb, { raw: { width, height, channels: 3 } })
      .png()
      .toBuffer();
    const image = await decodeImage(png);
    assert.equal(image.format, 'png');
    assert.equal(image.width, width);
    assert.equal(image.height, height);
    for (let i = 0; i < width * height; i++) {
      const expected = rgbToGray8(rgb[3 * i] ?? 0, rgb[3 * i + 1] ?? 0, rgb[3 * i + 2] ?? 0);
      assert.equal(image.gray8[i], expected);
      assert.equal(image.data[i], expected * (1 / 255));
    }
  });

  it('drops alpha and reads gray, palette and 16-bit PNGs', async () => {
    const raw = { width: 4, height: 2 };
    const gray = Buffer.from([0, 10, 20, 30, 40, 50, 60, 255]);
    const grayPng = await sharp(gray, { raw: { ...raw, channels: 1 } })
      .png()
      .toBuffer();
    assert.deepEqual([...(await decodeImage(grayPng)).gray8], [...gray]);
    const rgba = Buffer.alloc(4 * 8, 0);
    for (let i = 0; i < 8; i++) rgba.set([200, 100, 50, i * 30], 4 * i);
    const rgbaPng = await sharp(rgba, { raw: { ...raw, channels: 4 } })
      .png()
      .toBuffer();
    const decoded = await decodeImage(rgbaPng);
    assert.ok(decoded.gray8.every((v) => v === rgbToGray8(200, 100, 50)));
    const palette = await sharp(grayPng).png({ palette: true, colours: 8 }).toBuffer();
    assert.equal((await decodeImage(palette)).width, 4);
    const deep = await sharp(gray, { raw: { ...raw, channels: 1 } })
      .toColourspace('grey16')
      .png()
      .toBuffer();
    assert.deepEqual([...(await decodeImage(deep)).gray8], [...gray]);
  });

  it('sniffs formats by signature', () => {
    assert.equal(sniffImageFormat(Buffer.from('GIF89a')), 'gif');
    assert.equal(sniffImageFormat(Buffer.from([0xff, 0xd8, 0xff, 0xe0])), 'jpeg');
    assert.equal(sniffImageFormat(Buffer.from('hello')), undefined);
  });

  it('refuses other formats as unsupported, naming the format', async () => {
    const gif = await sharp({
      create: { width: 2, height: 2, channels: 3, background: '#808080' },
    })
      .gif()
      .toBuffer();
    await expectImageError(decodeImage(gif), 'DEURO_IMAGE_UNSUPPORTED', 'format');
    const webp = await sharp(gif).webp().toBuffer();
    await expectImageError(decodeImage(webp), 'DEURO_IMAGE_UNSUPPORTED', 'format');
    await expectImageError(
      decodeImage(Buffer.from('not an image')),
      'DEURO_IMAGE_UNSUPPORTED',
      'format',
    );
  });

  it('refuses truncated or corrupt PNG and JPEG data as malformed', async () => {
    await expectImageError(decodeImage(new Uint8Array(0)), 'DEURO_IMAGE_MALFORMED', 'bytes');
    const camera = readFileSync(join(SKIMAGE_DATA, 'camera.png'));
    await expectImageError(decodeImage(camera.subarray(0, 4000)), 'DEURO_IMAGE_MALFORMED', 'bytes');
    await expectImageError(decodeImage(camera.subarray(0, 12)), 'DEURO_IMAGE_MALFORMED', 'bytes');
    const truncated = readFileSync(join(SKIMAGE_DATA, 'truncated.jpg'));
    await expectImageError(decodeImage(truncated), 'DEURO_IMAGE_MALFORMED', 'bytes');
    const corrupt = Buffer.from(readFileSync(join(SKIMAGE_DATA, 'rocket.jpg')));
    corrupt.fill(0x00, 200, 600);
    await expectImageError(decodeImage(corrupt), 'DEURO_IMAGE_MALFORMED', 'bytes');
  });

  it('refuses images over maxPixels before decoding them, and bad maxPixels values', async () => {
    const png = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    await expectImageError(
      decodeImage(png, { maxPixels: 599 }),
      'DEURO_IMAGE_UNSUPPORTED',
      'pixels',
    );
    assert.equal((await decodeImage(png, { maxPixels: 600 })).width, 30);
    for (const maxPixels of [0, -1, 1.5, Number.NaN]) {
      await expectImageError(
        decodeImage(png, { maxPixels }),
        'DEURO_IMAGE_INVALID_PARAMETER',
        'maxPixels',
      );
    }
  });
});

describe('decodeImage against cv2.imread + cvtColor', () => {
  let dir = '';
  before(() => {
    requireReferenceTools();
    dir = mkdtempSync(join(tmpdir(), 'deuro-image-decode-'));
  });
  after(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  const debianFiles = ['astronaut.png', 'logo.png', 'rocket.jpg', 'hubble_deep_field.jpg'];
  for (const file of debianFiles) {
    it(`gives OpenCV's gray levels for ${file} (python3-skimage data)`, async () => {
      const path = join(SKIMAGE_DATA, file);
      const ours = await decodeImage(readFileSync(path));
      const reference = await runImageReference(path, { features: ['gray'] });
      assert.equal(ours.width, reference.width);
      assert.equal(ours.height, reference.height);
      assert.equal(sha256(ours.gray8), reference.gray?.sha256);
    });
  }

  it('decodes a progressive JPEG as imread does', async () => {
    const width = 48;
    const height = 40;
    const jpeg = await sharp(rgbPattern(width, height), { raw: { width, height, channels: 3 } })
      .jpeg({ quality: 80, progressive: true })
      .toBuffer();
    const path = join(dir, 'progressive.jpg');
    writeFileSync(path, jpeg);
    const ours = await decodeImage(jpeg);
    const reference = await runImageReference(path, { features: ['gray'] });
    assert.equal(ours.format, 'jpeg');
    assert.equal(sha256(ours.gray8), reference.gray?.sha256);
  });

  it('applies EXIF orientation as imread does', async () => {
    const width = 40;
    const height = 24;
    const jpeg = await sharp(rgbPattern(width, height), { raw: { width, height, channels: 3 } })
      .jpeg({ quality: 90 })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const path = join(dir, 'rotated.jpg');
    writeFileSync(path, jpeg);
    const ours = await decodeImage(jpeg);
    const reference = await runImageReference(path, { features: ['gray'] });
    assert.equal(ours.width, height);
    assert.equal(ours.height, width);
    assert.equal(reference.width, height);
    assert.equal(sha256(ours.gray8), reference.gray?.sha256);
  });
});
