/*
 * Links of an HTML page: `a`/`area` href, `link` href, `img` src/srcset, `audio`/`video`
 * src (and `video` poster), `source` src/srcset, `track` src; resolved against the page's
 * final URL or its first `<base href>`, normalised, and filtered by the scope at the page's
 * depth + 1. Anything that does not normalise to http(s) (`javascript:`, `mailto:`, `data:`,
 * malformed) is dropped, as are links back to the page itself. `rel=nofollow` is not honoured:
 * it is a ranking hint, not an exclusion.
 */
import { htmlTags, type StartTag } from './html-tokenizer.js';
import { isInScope, type CrawlScope } from './scope.js';
import { transcriptHints } from './transcript-hints.js';
import { normaliseUrl } from './url-normalisation.js';

/** A link found in a page. */
export interface PageLink {
  /** Normalised absolute URL. */
  readonly url: string;
  /** The element it came from (`a`, `img`, `track`, ...). */
  readonly element: string;
  /** The attribute it came from (`href`, `src`, `srcset`, `poster`). */
  readonly attribute: string;
  /** Which `<audio>`/`<video>` of the page encloses it (0, 1, ...), if any. */
  readonly mediaGroup: number | undefined;
  /** The `kind` of a `<track>` (default `subtitles`). */
  readonly trackKind: string | undefined;
}

/** A link to crawl next. */
export interface DiscoveredLink {
  /** Normalised absolute URL. */
  readonly url: string;
  /** The page's depth + 1. */
  readonly depth: number;
  /**
   * For a media file: the transcripts or captions that come with it on this page (a `<track>`
   * of its `<audio>`/`<video>`, a sidecar `.vtt`/`.txt` with the same stem), best first.
   */
  readonly transcriptUrls?: readonly string[];
}

const LINK_ATTRIBUTES: ReadonlyMap<string, readonly string[]> = new Map([
  ['a', ['href']],
  ['area', ['href']],
  ['link', ['href']],
  ['img', ['src', 'srcset']],
  ['audio', ['src']],
  ['video', ['src', 'poster']],
  ['source', ['src', 'srcset']],
  ['track', ['src']],
]);
const MEDIA_ELEMENTS = new Set(['audio', 'video', 'source', 'track']);
const SKIPPED_RELS = /(?:^|\s)(?:preconnect|dns-prefetch)(?:\s|$)/i;

/**
 * Every link of a page, in document order (duplicates kept).
 * @param html - The page's text.
 * @param pageUrl - Its final URL (after redirects).
 */
export function extractPageLinks(html: string, pageUrl: string): PageLink[] {
  const base = documentBase(html, pageUrl);
  const links: PageLink[] = [];
  const openMedia: number[] = [];
  let mediaCount = 0;
  for (const tag of htmlTags(html)) {
    if (tag.type === 'end') {
      if (tag.name === 'audio' || tag.name === 'video') {
        openMedia.pop();
      }
      continue;
    }
    if (tag.name === 'audio' || tag.name === 'video') {
      openMedia.push(mediaCount++);
    }
    links.push(...linksOfTag(tag, base, pageUrl, openMedia.at(-1)));
  }
  return links;
}

/**
 * The in-scope links of a page at `depth + 1`, each once (first occurrence), with the
 * transcript hints of media links.
 */
export function discoverLinks(
  links: readonly PageLink[],
  scope: CrawlScope,
  pageDepth: number,
): DiscoveredLink[] {
  const depth = pageDepth + 1;
  const hints = transcriptHints(links);
  const seen = new Set<string>();
  const discovered: DiscoveredLink[] = [];
  for (const { url } of links) {
    if (seen.has(url) || !isInScope(scope, url, depth)) {
      continue;
    }
    seen.add(url);
    const transcriptUrls = hints.get(url)?.filter((hint) => isInScope(scope, hint, 0));
    discovered.push(
      transcriptUrls === undefined || transcriptUrls.length === 0
        ? { url, depth }
        : { url, depth, transcriptUrls },
    );
  }
  return discovered;
}

function linksOfTag(
  tag: StartTag,
  base: string,
  pageUrl: string,
  mediaGroup: number | undefined,
): PageLink[] {
  if (tag.name === 'link' && SKIPPED_RELS.test(tag.attributes.get('rel') ?? '')) {
    return [];
  }
  const inMedia = MEDIA_ELEMENTS.has(tag.name) ? mediaGroup : undefined;
  const trackKind = trackKindOf(tag);
  const links: PageLink[] = [];
  for (const attribute of LINK_ATTRIBUTES.get(tag.name) ?? []) {
    for (const candidate of attributeUrls(tag, attribute)) {
      const url = resolve(candidate, base);
      if (url !== undefined && url !== pageUrl) {
        links.push({ url, element: tag.name, attribute, mediaGroup: inMedia, trackKind });
      }
    }
  }
  return links;
}

function trackKindOf(tag: StartTag): string | undefined {
  return tag.name === 'track'
    ? (tag.attributes.get('kind') ?? 'subtitles').toLowerCase()
    : undefined;
}

function attributeUrls(tag: StartTag, attribute: string): string[] {
  const value = tag.attributes.get(attribute);
  if (value === undefined) {
    return [];
  }
  return attribute === 'srcset' ? srcsetUrls(value) : [value];
}

/** The URL relative links resolve against: the first `<base href>`, else the page URL. */
function documentBase(html: string, pageUrl: string): string {
  if (!/<base[\s/>]/i.test(html)) {
    return pageUrl; // most pages: skip the second tokenizer pass
  }
  for (const tag of htmlTags(html)) {
    const href =
      tag.type === 'start' && tag.name === 'base' ? tag.attributes.get('href') : undefined;
    if (href !== undefined) {
      try {
        const base = new URL(href.trim(), pageUrl);
        return base.protocol === 'http:' || base.protocol === 'https:' ? base.href : pageUrl;
      } catch {
        return pageUrl;
      }
    }
  }
  return pageUrl;
}

function resolve(value: string, base: string): string | undefined {
  const trimmed = value.trim();
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(trimmed)?.[1]?.toLowerCase();
  if (trimmed === '' || (scheme !== undefined && scheme !== 'http' && scheme !== 'https')) {
    return undefined; // mailto:, javascript:, data:, ... (cheaper than a thrown CrawlError)
  }
  try {
    return normaliseUrl(trimmed, base);
  } catch {
    return undefined;
  }
}

/** The URLs of a `srcset` (HTML's candidate list: URL, then optional descriptors). */
export function srcsetUrls(srcset: string): string[] {
  const urls: string[] = [];
  let rest = srcset;
  for (;;) {
    rest = rest.replace(/^[\s,]+/, '');
    if (rest === '') {
      return urls;
    }
    const url = /^\S+/.exec(rest)?.[0] ?? '';
    rest = rest.slice(url.length);
    urls.push(url.replace(/,+$/, ''));
    if (!url.endsWith(',')) {
      rest = rest.replace(/^[^,]*/, '');
    }
  }
}
