/*
 * The scope of a crawl job: which URLs a crawler may fetch. It is JSON (stored on the ledger
 * with the job), validated by one small pure function per field so that the chaincode can
 * share the rules, and matched by pure functions of a normalised URL and its depth.
 *
 * Hosts are exact (`example.com`, any port), with a port (`example.com:8080`), or a wildcard for
 * subdomains (`*.example.com`, which does not match `example.com` itself). Path prefixes are
 * plain string prefixes of the normalised path (`/a` matches `/ab`; write `/a/` for a folder).
 * Depth counts links followed from a seed (seeds are depth 0); redirects do not add depth.
 */
import { CrawlError, requireField } from './crawl-error.js';
import { isPlainObject, rejectUnknownFields, stringList, wholeNumber } from './json-validation.js';
import { isMediaRange, mediaTypeAllowed } from './media-type.js';
import { normalisePercentEncoding } from './url-normalisation.js';

/** What a crawl job may fetch. Every field is JSON. */
export interface CrawlScope {
  /** Hosts whose URLs are in scope: `example.com`, `example.com:8080`, `*.example.com`. */
  readonly hosts: readonly string[];
  /** Path prefixes (starting with `/`) a URL's path must start with one of. */
  readonly pathPrefixes: readonly string[];
  /** Links followed from a seed (depth 0) at most. */
  readonly maxDepth: number;
  /** Media ranges a response's Content-Type must match: `text/html`, `audio/*`, `*\/*`. */
  readonly mediaTypes: readonly string[];
  /** Largest body fetched, in bytes. */
  readonly maxBytes: number;
}

/** The defaults of every optional scope field. */
export const CRAWL_SCOPE_DEFAULTS = {
  pathPrefixes: ['/'],
  maxDepth: 3,
  mediaTypes: ['*/*'],
  maxBytes: 50 * 1024 * 1024,
} as const satisfies Omit<CrawlScope, 'hosts'>;

/** The deepest `maxDepth` accepted. Lists hold at most 1000 entries of 1024 characters. */
export const MAX_CRAWL_DEPTH = 1000;

/** Why a URL is out of scope, or `undefined` when it is in scope. */
export type ScopeExclusion = 'host' | 'path' | 'depth' | undefined;

const SCOPE_FIELDS = new Set(['hosts', 'pathPrefixes', 'maxDepth', 'mediaTypes', 'maxBytes']);
const HOST_ENTRY = /^(\*\.)?(\[[0-9a-fA-F:.]+\]|[^:[\]/?#@\s]+)(?::(\d{1,5}))?$/;
const INVALID = 'DEURO_CRAWL_INVALID_SCOPE';

/**
 * Validate a scope as read from JSON and fill in defaults; hosts and path prefixes come back
 * normalised (lowercase punycode hosts, normalised percent-encoding).
 * @throws CrawlError `DEURO_CRAWL_INVALID_SCOPE` with `field` naming the first invalid field
 * (`hosts` for an empty scope, `hosts[2]`, `maxDepth`, an unknown field's name, ...).
 */
export function validateCrawlScope(value: unknown): CrawlScope {
  requireField(isPlainObject(value), INVALID, 'scope', 'an object');
  rejectUnknownFields(value, SCOPE_FIELDS, INVALID);
  return {
    hosts: stringList(value.hosts, 'hosts', INVALID).map((host, i) => normaliseHostEntry(host, i)),
    pathPrefixes: stringList(
      value.pathPrefixes ?? CRAWL_SCOPE_DEFAULTS.pathPrefixes,
      'pathPrefixes',
      INVALID,
    ).map((prefix, i) => validatePathPrefix(prefix, i)),
    maxDepth: wholeNumber(
      value.maxDepth ?? CRAWL_SCOPE_DEFAULTS.maxDepth,
      'maxDepth',
      0,
      MAX_CRAWL_DEPTH,
      INVALID,
    ),
    mediaTypes: stringList(
      value.mediaTypes ?? CRAWL_SCOPE_DEFAULTS.mediaTypes,
      'mediaTypes',
      INVALID,
    ).map((range, i) => validateMediaRange(range, i)),
    maxBytes: wholeNumber(
      value.maxBytes ?? CRAWL_SCOPE_DEFAULTS.maxBytes,
      'maxBytes',
      1,
      Number.MAX_SAFE_INTEGER,
      INVALID,
    ),
  };
}

/**
 * Why a normalised URL at a depth is out of scope, or `undefined` when it is in scope.
 */
export function scopeExclusion(scope: CrawlScope, url: string, depth: number): ScopeExclusion {
  const parsed = new URL(url);
  if (!scope.hosts.some((entry) => hostMatches(entry, parsed))) {
    return 'host';
  }
  if (!scope.pathPrefixes.some((prefix) => parsed.pathname.startsWith(prefix))) {
    return 'path';
  }
  return depth > scope.maxDepth ? 'depth' : undefined;
}

/** Whether a normalised URL at a depth (seeds are 0) is in scope. */
export function isInScope(scope: CrawlScope, url: string, depth: number): boolean {
  return scopeExclusion(scope, url, depth) === undefined;
}

/** Whether the scope accepts a response of this media type. */
export function scopeAcceptsMediaType(scope: CrawlScope, mediaType: string): boolean {
  return mediaTypeAllowed(scope.mediaTypes, mediaType);
}

/** Throws `DEURO_CRAWL_OUT_OF_SCOPE` for a URL out of scope, naming the reason. */
export function requireInScope(scope: CrawlScope, url: string, depth: number): void {
  const exclusion = scopeExclusion(scope, url, depth);
  if (exclusion !== undefined) {
    const why = exclusion === 'depth' ? `depth ${String(depth)} > maxDepth` : `its ${exclusion}`;
    throw new CrawlError('DEURO_CRAWL_OUT_OF_SCOPE', `${url} is out of scope (${why})`, { url });
  }
}

function hostMatches(entry: string, url: URL): boolean {
  const match = HOST_ENTRY.exec(entry);
  const wildcard = match?.[1] !== undefined;
  const hostname = match?.[2] ?? '';
  const port = match?.[3];
  const hostOk = wildcard ? url.hostname.endsWith(`.${hostname}`) : url.hostname === hostname;
  return hostOk && (port === undefined || port === effectivePort(url));
}

function effectivePort(url: URL): string {
  if (url.port !== '') {
    return url.port;
  }
  return url.protocol === 'https:' ? '443' : '80';
}

function normaliseHostEntry(entry: string, index: number): string {
  const field = `hosts[${String(index)}]`;
  const match = HOST_ENTRY.exec(entry.trim());
  requireField(match !== null, INVALID, field, 'a host, host:port or *.domain');
  const [, wildcard = '', host = '', port] = match;
  let hostname = '';
  try {
    hostname = new URL(`http://${host}/`).hostname;
  } catch {
    // reported below
  }
  requireField(hostname !== '', INVALID, field, 'a valid host name or IP address');
  requireField(port === undefined || Number(port) <= 65535, INVALID, field, 'a port <= 65535');
  return `${wildcard}${hostname}${port === undefined ? '' : `:${String(Number(port))}`}`;
}

function validatePathPrefix(prefix: string, index: number): string {
  const field = `pathPrefixes[${String(index)}]`;
  requireField(prefix.startsWith('/'), INVALID, field, 'a path starting with /');
  requireField(!/[?#\s]/.test(prefix), INVALID, field, 'a path without ?, # or spaces');
  return normalisePercentEncoding(prefix);
}

function validateMediaRange(range: string, index: number): string {
  const lower = range.trim().toLowerCase();
  requireField(
    isMediaRange(lower),
    INVALID,
    `mediaTypes[${String(index)}]`,
    'a media range: type/subtype, type/* or */*',
  );
  return lower;
}
