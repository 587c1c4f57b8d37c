/*
 * The grayscale image every extractor reads, and the conversion from 8-bit RGB.
 *
 * Luma is OpenCV's `cvtColor(..., COLOR_RGB2GRAY)` on 8-bit input, bit for bit: OpenCV 4.x
 * computes (9798 R + 19235 G + 3735 B + 16384) >> 15, the Rec. 601 weights 0.299, 0.587, 0.114
 * in 15-bit fixed point, rounded half up (checked exhaustively over all 2^24 colours against
 * OpenCV 4.6). scikit-image's `rgb2gray` uses the Rec. 709 weights (0.2125, 0.7154, 0.0721)
 * instead; the references are given OpenCV's gray levels so both see the same image.
 *
 * Gray level v becomes v x (1 / 255) as a double, which is exactly what scikit-image's
 * `img_as_float` does to a uint8 image (it multiplies by the reciprocal rather than dividing).
 */
import { checkParameter } from './errors.js';

/** A grayscale image, row-major, intensities in [0, 1]. */
export interface GrayImage {
  /** Columns. */
  readonly width: number;
  /** Rows. */
  readonly height: number;
  /** `width * height` intensities in [0, 1]; pixel (x, y) is at `y * width + x`. */
  readonly data: Float64Array;
}

/** The fixed-point luma weights of OpenCV's RGB to gray conversion (sum 2^15). */
export const LUMA_WEIGHTS = { red: 9798, green: 19235, blue: 3735, shift: 15 } as const;

const INV_255 = 1 / 255;

/** The 8-bit luma of one RGB pixel, as OpenCV's `cvtColor(COLOR_RGB2GRAY)`. */
export function rgbToGray8(red: number, green: number, blue: number): number {
  return (
    (LUMA_WEIGHTS.red * red +
      LUMA_WEIGHTS.green * green +
      LUMA_WEIGHTS.blue * blue +
      (1 << (LUMA_WEIGHTS.shift - 1))) >>
    LUMA_WEIGHTS.shift
  );
}

/**
 * 8-bit gray levels from interleaved 8-bit pixels with `channels` channels: 1 (gray, copied) or
 * 3 or more (the first three are R, G, B; the rest are ignored).
 */
export function interleavedToGray8(pixels: Uint8Array, channels: number): Uint8Array {
  const count = Math.floor(pixels.length / channels);
  const gray = new Uint8Array(count);
  if (channels < 3) {
    for (let i = 0; i < count; i++) gray[i] = pixels[i * channels] ?? 0;
    return gray;
  }
  for (let i = 0, p = 0; i < count; i++, p += channels) {
    gray[i] = rgbToGray8(pixels[p] ?? 0, pixels[p + 1] ?? 0, pixels[p + 2] ?? 0);
  }
  return gray;
}

/**
 * A {@link GrayImage} from 8-bit gray levels (level v becomes v x (1 / 255)).
 *
 * @throws {ImageError} `DEURO_IMAGE_INVALID_PARAMETER` when the sizes do not match.
 */
export function grayImageFromGray8(width: number, height: number, gray: Uint8Array): GrayImage {
  checkImageSize(width, height);
  checkParameter(gray.length === width * height, 'gray.length', gray.length, 'width * height');
  const data = new Float64Array(gray.length);
  for (let i = 0; i < gray.length; i++) data[i] = (gray[i] ?? 0) * INV_255;
  return { width, height, data };
}

/**
 * The 8-bit gray levels of an image made by {@link grayImageFromGray8} (rounded, clamped).
 */
export function grayImageToGray8(image: GrayImage): Uint8Array {
  const out = new Uint8Array(image.data.length);
  for (let i = 0; i < out.length; i++) {
    out[i] = Math.min(255, Math.max(0, Math.round((image.data[i] ?? 0) * 255)));
  }
  return out;
}

/**
 * Checks an image handed to an extractor: positive integer sizes and `width * height` samples.
 *
 * @throws {ImageError} `DEURO_IMAGE_INVALID_PARAMETER` with field `image`.
 */
export function checkGrayImage(image: GrayImage): void {
  checkImageSize(image.width, image.height);
  checkParameter(
    image.data instanceof Float64Array && image.data.length === image.width * image.height,
    'image',
    image.data.length,
    'a Float64Array of width * height samples',
  );
}

function checkImageSize(width: number, height: number): void {
  checkParameter(Number.isInteger(width) && width > 0, 'image.width', width, 'a positive integer');
  checkParameter(
    Number.isInteger(height) && height > 0,
    'image.height',
    height,
    'a positive integer',
  );
}
