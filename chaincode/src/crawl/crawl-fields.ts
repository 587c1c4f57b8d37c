/*
 * Field checks of crawl requests: URLs, scope and politeness. They follow the crawler library's
 * validators (gateway/src/crawl/scope.ts, politeness.ts, url-normalisation.ts) so that the ledger
 * refuses what a crawler would: the gateway normalises before it submits, the chaincode checks.
 */
import { invalidArgument } from '../ledger/errors';
import { objectField, onlyFields, wholeNumberField } from '../assets/request-fields';
import type { CrawlPolitenessRecord, CrawlScopeRecord } from './crawl-records';

const MAX_URL_LENGTH = 2048;
const MAX_LIST = 1000;
const HOST_ENTRY = /^(\*\.)?(\[[0-9a-fA-F:.]+\]|[a-z0-9.-]+)(:[0-9]{1,5})?$/;
const MEDIA_RANGE =
  /^(\*\/\*|[a-z0-9][a-z0-9!#$&^_.+-]{0,62}\/(\*|[a-z0-9][a-z0-9!#$&^_.+-]{0,62}))$/;

/** An absolute http or https URL as the crawler normalised it (no fragment). */
export function urlField(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_URL_LENGTH) {
    throw invalidArgument(`${name} must be a URL of 1-${String(MAX_URL_LENGTH)} characters`);
  }
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw invalidArgument(`${name} is not a valid URL: ${JSON.stringify(value.slice(0, 100))}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw invalidArgument(`${name} must be an http or https URL`);
  }
  if (parsed.hash !== '' || parsed.username !== '' || parsed.password !== '') {
    throw invalidArgument(`${name} must have no fragment and no credentials`);
  }
  return value;
}

function stringList(
  value: unknown,
  name: string,
  check: (entry: string, at: string) => void,
): string[] {
  if (!Array.isArray(value) || value.length > MAX_LIST) {
    throw invalidArgument(`${name} must be a list of at most ${String(MAX_LIST)} strings`);
  }
  return value.map((entry: unknown, index) => {
    const at = `${name}[${String(index)}]`;
    if (typeof entry !== 'string' || entry.length === 0 || entry.length > 1024) {
      throw invalidArgument(`${at} must be a string of 1-1024 characters`);
    }
    check(entry, at);
    return entry;
  });
}

/** A crawl scope: at least one host. */
export function scopeField(value: unknown, name: string): CrawlScopeRecord {
  const scope = objectField(value, name);
  onlyFields(scope, name, ['hosts', 'pathPrefixes', 'maxDepth', 'mediaTypes', 'maxBytes']);
  const hosts = stringList(scope.hosts, `${name}.hosts`, (entry, at) => {
    if (!HOST_ENTRY.test(entry)) {
      throw invalidArgument(`${at} must be a lowercase host, host:port or *.domain`);
    }
  });
  if (hosts.length === 0) {
    throw invalidArgument(`${name}.hosts is empty: a scope names at least one host`);
  }
  return {
    hosts,
    pathPrefixes: stringList(scope.pathPrefixes ?? ['/'], `${name}.pathPrefixes`, (entry, at) => {
      if (!entry.startsWith('/')) {
        throw invalidArgument(`${at} must start with /`);
      }
    }),
    maxDepth: wholeNumberField(scope.maxDepth ?? 3, `${name}.maxDepth`, 0, 1000),
    mediaTypes: stringList(scope.mediaTypes ?? ['*/*'], `${name}.mediaTypes`, (entry, at) => {
      if (!MEDIA_RANGE.test(entry)) {
        throw invalidArgument(`${at} must be a media range such as text/html, audio/* or */*`);
      }
    }),
    maxBytes: wholeNumberField(
      scope.maxBytes ?? 50 * 1024 * 1024,
      `${name}.maxBytes`,
      1,
      Number.MAX_SAFE_INTEGER,
    ),
  };
}

/** Politeness rules, with defaults. */
export function politenessField(value: unknown, name: string): CrawlPolitenessRecord {
  const politeness = objectField(value ?? {}, name);
  onlyFields(politeness, name, [
    'perHostDelayMs',
    'perHostConcurrency',
    'concurrency',
    'maxCrawlDelayMs',
  ]);
  return {
    perHostDelayMs: wholeNumberField(
      politeness.perHostDelayMs ?? 1000,
      `${name}.perHostDelayMs`,
      0,
      3_600_000,
    ),
    perHostConcurrency: wholeNumberField(
      politeness.perHostConcurrency ?? 1,
      `${name}.perHostConcurrency`,
      1,
      64,
    ),
    concurrency: wholeNumberField(politeness.concurrency ?? 8, `${name}.concurrency`, 1, 1024),
    maxCrawlDelayMs: wholeNumberField(
      politeness.maxCrawlDelayMs ?? 60_000,
      `${name}.maxCrawlDelayMs`,
      0,
      3_600_000,
    ),
  };
}

/** Whether a URL is in scope by host and path (depth and media type are checked elsewhere). */
export function inScope(scope: CrawlScopeRecord, url: string): boolean {
  const parsed = new URL(url);
  const hostMatches = scope.hosts.some((entry) => {
    const [pattern, port] = splitPort(entry);
    if (port !== undefined && port !== effectivePort(parsed)) {
      return false;
    }
    return pattern.startsWith('*.')
      ? parsed.hostname.endsWith(pattern.slice(1))
      : parsed.hostname === pattern;
  });
  return hostMatches && scope.pathPrefixes.some((prefix) => parsed.pathname.startsWith(prefix));
}

function splitPort(entry: string): [string, string | undefined] {
  const match = /^(.*?)(?::([0-9]{1,5}))?$/.exec(entry);
  return [match?.[1] ?? entry, match?.[2]];
}

function effectivePort(url: URL): string {
  return url.port !== '' ? url.port : url.protocol === 'https:' ? '443' : '80';
}
