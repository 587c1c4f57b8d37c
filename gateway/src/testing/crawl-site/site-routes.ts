/*
 * What the test site serves at each path, and how a crawler should see it.
 */

/** How a path of the test site behaves for a crawler. */
export type CrawlSiteBehaviour =
  /** 200 with a body. */
  | 'ok'
  /** 3xx to `redirectTo`. */
  | 'redirect'
  /** Served, but robots.txt disallows it: a polite crawler never asks for it. */
  | 'robots-excluded'
  /** Always 500. */
  | 'server-error'
  /** 404 (linked, never served). */
  | 'not-found'
  /** The connection is reset before any response. */
  | 'reset'
  /** The response headers come after `slowMs`. */
  | 'slow'
  /** Half the body, then a pause of `slowMs`, then the rest. */
  | 'stall'
  /** 503 with `Retry-After: 0` for the first two requests, then 200. */
  | 'flaky'
  /** 429 with `Retry-After: 1` for the first request, then 200. */
  | 'throttled'
  /** A body of `largeBytes` (with or without Content-Length). */
  | 'large';

/** One path's response. */
export type SiteRoute =
  | {
      readonly kind: 'static';
      readonly mediaType: string;
      readonly body: Buffer;
    }
  | { readonly kind: 'redirect'; readonly status: number; readonly location: string }
  | { readonly kind: 'slow' | 'stall'; readonly mediaType: string; readonly body: Buffer }
  | { readonly kind: 'status'; readonly status: number }
  | { readonly kind: 'reset' }
  | {
      readonly kind: 'flaky';
      readonly failures: number;
      readonly failStatus: number;
      readonly retryAfter: string;
      readonly mediaType: string;
      readonly body: Buffer;
    }
  | { readonly kind: 'large'; readonly size: number; readonly declared: boolean };

/** A path of the site: its response, its behaviour and, for pages, what it links to. */
export interface PlannedPath {
  readonly path: string;
  /** Undefined for a path that is only linked (404). */
  readonly route: SiteRoute | undefined;
  readonly behaviour: CrawlSiteBehaviour;
  /** Normalised paths (or absolute http URLs off the site) this page links to. */
  readonly links: readonly string[];
  /** For an audio clip: its transcript's path and the plain text a crawler should read. */
  readonly transcript?: { readonly path: string; readonly text: string };
}

/** The media type of HTML pages. */
export const HTML = 'text/html; charset=utf-8';

/** A minimal HTML page without links. */
export function leafPage(title: string, text: string): Buffer {
  return Buffer.from(
    `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${title}</title></head>` +
      `<body><h1>${title}</h1><p>${text}</p></body></html>\n`,
  );
}
