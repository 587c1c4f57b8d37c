/*
 * PNG and JPEG decoding with sharp (libvips), then OpenCV's luma (see gray-image.ts).
 *
 * The decode is arranged to give the pixels OpenCV's `cv2.imread(path, IMREAD_COLOR)` gives,
 * so that the references and Deuro see the same gray levels: embedded ICC profiles are ignored
 * (OpenCV ignores them; sharp would otherwise convert to sRGB), EXIF orientation is applied (as
 * imread does), alpha is dropped (not composited), and 16-bit samples are reduced to 8 bits by
 * dropping the low byte (both libraries do). The gray levels were checked to be identical to
 * OpenCV 4.6's for every PNG and JPEG of Debian's python3-skimage data set.
 *
 * The format is decided by the file signature, never by sharp's sniffing alone: other formats
 * sharp could read (GIF, WebP, TIFF, ...) are refused as unsupported.
 */
import sharp from 'sharp';

import { ImageError, checkParameter } from './errors.js';
import { grayImageFromGray8, interleavedToGray8, type GrayImage } from './gray-image.js';

/** The formats {@link decodeImage} reads. */
export type ImageFormat = 'png' | 'jpeg';

/** Options of {@link decodeImage}. */
export interface DecodeImageOptions {
  /** Largest accepted width x height; larger images are refused before decoding. */
  readonly maxPixels?: number;
}

/** A decoded image: its gray levels as OpenCV computes them, and as intensities in [0, 1]. */
export interface DecodedImage extends GrayImage {
  /** The container the bytes were. */
  readonly format: ImageFormat;
  /** The 8-bit gray levels (`data[i] = gray8[i] * (1 / 255)`). */
  readonly gray8: Uint8Array;
}

/** The default of {@link DecodeImageOptions.maxPixels}: 50 megapixels. */
export const DEFAULT_MAX_PIXELS = 50_000_000;
/** The most {@link DecodeImageOptions.maxPixels} may be (sharp's own input limit). */
export const MAX_MAX_PIXELS = 0x3fff * 0x3fff;

const SIGNATURES: readonly { readonly name: string; readonly bytes: readonly number[] }[] = [
  { name: 'png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { name: 'jpeg', bytes: [0xff, 0xd8, 0xff] },
  { name: 'gif', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'tiff', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { name: 'tiff', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { name: 'bmp', bytes: [0x42, 0x4d] },
  { name: 'webp or another RIFF', bytes: [0x52, 0x49, 0x46, 0x46] },
];

/** The format named by the bytes' signature, `undefined` when none is known. */
export function sniffImageFormat(bytes: Uint8Array): string | undefined {
  return SIGNATURES.find(({ bytes: signature }) => signature.every((byte, i) => bytes[i] === byte))
    ?.name;
}

/**
 * Decodes a PNG or JPEG into 8-bit gray levels and [0, 1] intensities.
 *
 * @throws {ImageError} `DEURO_IMAGE_UNSUPPORTED` (field `format`) for any other format,
 * `DEURO_IMAGE_UNSUPPORTED` (field `pixels`) for an image over `maxPixels`,
 * `DEURO_IMAGE_MALFORMED` (field `bytes`) when the PNG or JPEG cannot be decoded, and
 * `DEURO_IMAGE_INVALID_PARAMETER` for a bad option.
 */
export async function decodeImage(
  bytes: Uint8Array,
  options: DecodeImageOptions = {},
): Promise<DecodedImage> {
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  checkParameter(
    Number.isInteger(maxPixels) && maxPixels > 0 && maxPixels <= MAX_MAX_PIXELS,
    'maxPixels',
    maxPixels,
    `an integer in [1, ${String(MAX_MAX_PIXELS)}]`,
  );
  const format = checkFormat(bytes);
  const { width, height } = await readSize(bytes, format);
  if (width * height > maxPixels) {
    throw new ImageError(
      'DEURO_IMAGE_UNSUPPORTED',
      `the image has ${String(width)}x${String(height)} pixels, more than maxPixels ${String(maxPixels)}`,
      'pixels',
    );
  }
  const { data, info } = await decodeRaw(bytes, format);
  const gray8 = interleavedToGray8(data, info.channels);
  return { ...grayImageFromGray8(info.width, info.height, gray8), format, gray8 };
}

function checkFormat(bytes: Uint8Array): ImageFormat {
  if (bytes.length === 0) {
    throw new ImageError('DEURO_IMAGE_MALFORMED', 'the input is empty', 'bytes');
  }
  const sniffed = sniffImageFormat(bytes);
  if (sniffed === 'png' || sniffed === 'jpeg') {
    return sniffed;
  }
  throw new ImageError(
    'DEURO_IMAGE_UNSUPPORTED',
    `only PNG and JPEG are decoded; the input ${sniffed === undefined ? 'has no known image signature' : `is ${sniffed}`}`,
    'format',
  );
}

async function readSize(
  bytes: Uint8Array,
  format: ImageFormat,
): Promise<{ width: number; height: number }> {
  try {
    const metadata = await sharp(bytes, { failOn: 'warning' }).metadata();
    if (metadata.format !== format) {
      throw new Error(`decoder read ${metadata.format} from a ${format} signature`);
    }
    return { width: metadata.width, height: metadata.height };
  } catch (error) {
    throw malformed(format, error);
  }
}

async function decodeRaw(
  bytes: Uint8Array,
  format: ImageFormat,
): Promise<{ data: Buffer; info: sharp.OutputInfo }> {
  try {
    return await sharp(bytes, { failOn: 'warning', ignoreIcc: true })
      .autoOrient()
      .removeAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw malformed(format, error);
  }
}

function malformed(format: ImageFormat, error: unknown): ImageError {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new ImageError(
    'DEURO_IMAGE_MALFORMED',
    `the ${format.toUpperCase()} data cannot be decoded: ${reason ?? 'unknown error'}`,
    'bytes',
    error,
  );
}
