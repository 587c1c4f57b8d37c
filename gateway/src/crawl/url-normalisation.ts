/*
 * URL normalisation (RFC 3986 §6.2.2 syntax-based normalisation plus the http(s) scheme-based
 * rules of §6.2.3), so that one resource crawled through different spellings of its URL is
 * registered once.
 *
 * WHATWG `URL` does the parsing: it lowercases the scheme and host, converts IDNs to punycode,
 * drops default ports, removes dot segments (also `%2e`-spelt ones) and gives an empty path
 * `/`. On top of it we decode percent-encoded unreserved characters (`%7E` -> `~`), uppercase the
 * hex digits of every other escape, drop the fragment, an empty query (`?`) and a trailing dot
 * of the host. The query keeps its order: servers may read parameters positionally, so sorting
 * could merge distinct resources. Only http and https without credentials are accepted.
 */
import { CrawlError } from './crawl-error.js';

/** The longest normalised URL accepted (it is stored on the ledger). */
export const MAX_URL_LENGTH = 4096;

const ESCAPE = /%([0-9A-Fa-f]{2})/g;
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/**
 * Uppercase the hex digits of percent escapes and decode the escapes of unreserved characters
 * (RFC 3986 §2.3, §6.2.2.2). A `%` not followed by two hex digits is left as it is.
 */
export function normalisePercentEncoding(text: string): string {
  return text.replace(ESCAPE, (_escape, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

/**
 * Normalise an http(s) URL, resolving it against `base` when it is relative.
 * @param input - The URL as found (a link, a seed, a Location header).
 * @param base - The URL to resolve a relative `input` against.
 * @returns The normalised absolute URL, e.g. `http://example.com/a~b?q=1`.
 * @throws CrawlError `DEURO_CRAWL_INVALID_URL` when it does not parse, is not http(s), has
 * credentials or no host, or is longer than {@link MAX_URL_LENGTH}.
 */
export function normaliseUrl(input: string, base?: string): string {
  const url = parseHttpUrl(input, base);
  const host = url.hostname.endsWith('.')
    ? `${url.hostname.slice(0, -1)}${url.port === '' ? '' : `:${url.port}`}`
    : url.host;
  const path = normalisePercentEncoding(url.pathname);
  const query = url.search.length > 1 ? normalisePercentEncoding(url.search) : '';
  const normalised = `${url.protocol}//${host}${path}${query}`;
  if (normalised.length > MAX_URL_LENGTH) {
    throw invalid(input, `is longer than ${String(MAX_URL_LENGTH)} characters`);
  }
  return normalised;
}

/**
 * Whether `input` normalises without error.
 */
export function isCrawlableUrl(input: string, base?: string): boolean {
  try {
    normaliseUrl(input, base);
    return true;
  } catch {
    return false;
  }
}

/**
 * The origin a robots.txt applies to (`scheme://host[:port]`) of a normalised URL.
 */
export function originOf(url: string): string {
  return new URL(url).origin;
}

/** The `host[:port]` of a normalised URL: the key of per-host politeness. */
export function hostOf(url: string): string {
  return new URL(url).host;
}

function parseHttpUrl(input: string, base: string | undefined): URL {
  let url: URL;
  try {
    url = new URL(input.trim(), base);
  } catch (err) {
    throw invalid(input, 'does not parse as a URL', err);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid(input, `has scheme ${url.protocol} (only http and https are crawled)`);
  }
  if (url.username !== '' || url.password !== '') {
    throw invalid(input, 'carries credentials');
  }
  if (url.hostname === '' || url.hostname === '.') {
    throw invalid(input, 'has no host');
  }
  return url;
}

function invalid(input: string, why: string, cause?: unknown): CrawlError {
  const shown = input.length > 200 ? `${input.slice(0, 200)}...` : input;
  return new CrawlError('DEURO_CRAWL_INVALID_URL', `${JSON.stringify(shown)} ${why}`, {
    url: shown,
    cause,
  });
}
