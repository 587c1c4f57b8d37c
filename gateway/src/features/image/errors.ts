/*
 * The one error class of the image feature extractors. Every failure carries a stable `code`
 * (the CLI and the REST error middleware map it without reading English text) and, when the
 * error is about one option or one property of the input, the name of that `field`.
 */
import { CodedError } from '../../errors/coded-error.js';

/** Stable codes of {@link ImageError}, with what each means. */
export const imageErrorCodes = {
  /** The bytes claim to be PNG or JPEG (by their signature) but cannot be decoded: truncated, corrupt. */
  DEURO_IMAGE_MALFORMED: 'the image is not well-formed',
  /** The bytes are another format (GIF, WebP, TIFF, ...), or the image is larger than allowed. */
  DEURO_IMAGE_UNSUPPORTED: 'the image format or size is not supported',
  /** An option (or the image given to an extractor) is out of range; `field` names it. */
  DEURO_IMAGE_INVALID_PARAMETER: 'an image feature parameter is invalid',
} as const;

/** One of the stable image error codes. */
export type ImageErrorCode = keyof typeof imageErrorCodes;

/**
 * Every {@link ImageErrorCode} with the HTTP status and problem+json title it maps to (the shape
 * of the gateway's `errors/error-catalogue.ts`, which can spread it).
 */
export const imageErrorCatalogue = {
  DEURO_IMAGE_MALFORMED: { status: 422, title: 'Malformed image' },
  DEURO_IMAGE_UNSUPPORTED: { status: 415, title: 'Image format not supported' },
  DEURO_IMAGE_INVALID_PARAMETER: { status: 400, title: 'Invalid image feature parameter' },
} as const satisfies Record<ImageErrorCode, { status: number; title: string }>;

/** A failure to decode an image or to run an extractor with the given options. */
export class ImageError extends CodedError<ImageErrorCode> {
  /** The option (`canny.sigma`) or input property (`format`, `pixels`) the error is about. */
  readonly field: string | undefined;

  /**
   * @param code - The stable code; the message starts with it.
   * @param detail - What is wrong, naming the field and the value.
   * @param field - The option or input property concerned, if any.
   * @param cause - The underlying error (e.g. from the decoder), if any.
   */
  constructor(code: ImageErrorCode, detail: string, field?: string, cause?: unknown) {
    super(code, detail, cause);
    this.name = 'ImageError';
    this.field = field;
  }
}

/** Whether `error` is an {@link ImageError}, optionally with the given code. */
export function isImageError(error: unknown, code?: ImageErrorCode): error is ImageError {
  return error instanceof ImageError && (code === undefined || error.code === code);
}

/**
 * Throws `DEURO_IMAGE_INVALID_PARAMETER` naming `field` unless `ok`.
 *
 * @throws {ImageError} `DEURO_IMAGE_INVALID_PARAMETER` when `ok` is false.
 */
export function checkParameter(ok: boolean, field: string, value: unknown, rule: string): void {
  if (!ok) {
    throw new ImageError(
      'DEURO_IMAGE_INVALID_PARAMETER',
      `${field} must be ${rule} (got ${describeValue(value)})`,
      field,
    );
  }
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined) {
    return String(value);
  }
  return value === null ? 'null' : typeof value;
}
