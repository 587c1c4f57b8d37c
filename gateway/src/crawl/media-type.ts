/*
 * Media types (RFC 9110 §8.3.1): parsing a Content-Type header and matching it against the
 * media ranges a scope allows (`text/html`, `audio/*`, `*\/*`). Pure functions, small enough to
 * port to chaincode.
 */

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const MEDIA_TYPE = new RegExp(`^(${TOKEN})/(${TOKEN})$`);
const NAME = "[!#$%&'+.^_`|~0-9A-Za-z-]+"; // a token without `*`, which ranges reserve
const MEDIA_RANGE = new RegExp(`^(?:\\*/\\*|${NAME}/\\*|${NAME}/${NAME})$`);

/** The media type served when a response has no (or an unparseable) Content-Type. */
export const DEFAULT_MEDIA_TYPE = 'application/octet-stream';

/** A parsed Content-Type. */
export interface ContentType {
  /** `type/subtype`, lowercase, without parameters. */
  readonly mediaType: string;
  /** The `charset` parameter, lowercase, when there is one. */
  readonly charset: string | undefined;
}

/**
 * Parse a Content-Type header value; a missing or malformed one is
 * {@link DEFAULT_MEDIA_TYPE} (RFC 9110 §8.3: the recipient may treat it so; we do not sniff).
 */
export function parseContentType(header: string | undefined): ContentType {
  const [essence = '', ...parameters] = (header ?? '').split(';');
  const mediaType = essence.trim().toLowerCase();
  if (!MEDIA_TYPE.test(mediaType)) {
    return { mediaType: DEFAULT_MEDIA_TYPE, charset: undefined };
  }
  let charset: string | undefined;
  for (const parameter of parameters) {
    const [name = '', value = ''] = parameter.split('=');
    if (name.trim().toLowerCase() === 'charset') {
      charset = value
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .toLowerCase();
    }
  }
  return { mediaType, charset };
}

/** Whether `range` is a valid media range: `type/subtype`, `type/*` or `*\/*`. */
export function isMediaRange(range: string): boolean {
  return MEDIA_RANGE.test(range);
}

/**
 * Whether a media type (lowercase `type/subtype`) falls within a media range.
 */
export function mediaRangeMatches(range: string, mediaType: string): boolean {
  if (range === '*/*') {
    return true;
  }
  if (range.endsWith('/*')) {
    return mediaType.startsWith(range.slice(0, -1));
  }
  return range === mediaType;
}

/** Whether a media type falls within any of the ranges. */
export function mediaTypeAllowed(ranges: readonly string[], mediaType: string): boolean {
  return ranges.some((range) => mediaRangeMatches(range, mediaType));
}

/** Whether a media type is HTML, whose links the crawler extracts. */
export function isHtmlMediaType(mediaType: string): boolean {
  return mediaType === 'text/html' || mediaType === 'application/xhtml+xml';
}
