/*
 * The expected outcome of crawling the test site: every path with its URL, behaviour, the depth
 * at which a crawler starting from `/` discovers it, its size and SHA-256, where a redirect
 * goes, the transcript an audio clip comes with, and the groups of URLs with identical bodies.
 *
 * Depth follows only what a crawler can see: a page it reaches at depth d (by a link, or by a
 * redirect from a URL at depth d, since redirects keep the depth) gives its links depth d + 1
 * if it can fetch the page (`ok`). Links of pages behind robots.txt or failures are never
 * discovered. An entry's depth is the least depth of a link to it.
 */
import { createHash } from 'node:crypto';
import type { SitePlan } from './site-plan.js';
import type { CrawlSiteBehaviour, PlannedPath } from './site-routes.js';
import { NEVER_LINKED } from './site-pages.js';

/** One URL of the site. */
export interface CrawlSiteEntry {
  readonly url: string;
  readonly path: string;
  readonly behaviour: CrawlSiteBehaviour;
  /**
   * The depth at which a crawler starting from `/` (depth 0) first finds a link to it, or
   * undefined when no page it can fetch links to it (e.g. the middle of a redirect chain).
   */
  readonly depth: number | undefined;
  /** Media type, size and SHA-256 of the body served with 200 (static, slow, flaky ...). */
  readonly mediaType?: string;
  readonly size?: number;
  readonly sha256?: string;
  /** URLs this page links to (http(s) only, normalised). */
  readonly links: readonly string[];
  /** For a redirect: the next hop (absolute URL). */
  readonly redirectTo?: string;
  /** For an audio clip: its transcript's URL and the plain text a crawler should read. */
  readonly transcript?: { readonly url: string; readonly text: string };
}

/** The expected outcome of a crawl of the site. */
export interface CrawlSiteManifest {
  /** The URL of `/`. */
  readonly root: string;
  /** Every path served or linked, sorted by path. */
  readonly entries: readonly CrawlSiteEntry[];
  /** URLs with byte-identical bodies (each group sorted, at least two URLs). */
  readonly duplicateGroups: readonly (readonly string[])[];
  /** URLs robots.txt disallows for every crawler but which pages link to. */
  readonly robotsExcluded: readonly string[];
  /** URLs that appear only in comments and scripts: never requested by a correct crawler. */
  readonly neverLinked: readonly string[];
}

/** The manifest of a planned site served at `origin` (e.g. `http://127.0.0.1:41234`). */
export function buildManifest(plan: SitePlan, origin: string): CrawlSiteManifest {
  const url = (target: string): string => (target.startsWith('/') ? `${origin}${target}` : target);
  const depths = discoveryDepths(plan);
  const entries = [...plan.paths.values()]
    .sort((a, b) => (a.path < b.path ? -1 : 1))
    .map((planned) => entryOf(planned, depths.get(planned.path), url));
  return {
    root: `${origin}/`,
    entries,
    duplicateGroups: duplicateGroups(entries),
    robotsExcluded: entries.filter((e) => e.behaviour === 'robots-excluded').map((e) => e.url),
    neverLinked: NEVER_LINKED.map(url),
  };
}

/** The entry of a URL or path, if the manifest has it. */
export function manifestEntry(
  manifest: CrawlSiteManifest,
  urlOrPath: string,
): CrawlSiteEntry | undefined {
  return manifest.entries.find((entry) => entry.url === urlOrPath || entry.path === urlOrPath);
}

function entryOf(
  planned: PlannedPath,
  depth: number | undefined,
  url: (target: string) => string,
): CrawlSiteEntry {
  const route = planned.route;
  const served = route !== undefined && 'body' in route ? route : undefined;
  return {
    url: url(planned.path),
    path: planned.path,
    behaviour: planned.behaviour,
    depth,
    ...(served === undefined
      ? {}
      : {
          mediaType: served.mediaType.split(';')[0],
          size: served.body.length,
          sha256: sha256(served.body),
        }),
    ...(route?.kind === 'large' ? { size: route.size } : {}),
    links: planned.links.map(url),
    ...(route?.kind === 'redirect' ? { redirectTo: url(route.location) } : {}),
    ...(planned.transcript === undefined
      ? {}
      : { transcript: { url: url(planned.transcript.path), text: planned.transcript.text } }),
  };
}

/** The least depth of a link to each path (the root, a seed, is 0). */
function discoveryDepths(plan: SitePlan): Map<string, number> {
  const reached = new Map<string, number>([['/', 0]]);
  const queue = ['/'];
  for (let head = 0; head < queue.length; head++) {
    const path = queue[head] as string;
    for (const [target, targetDepth] of nextHops(plan, path, reached.get(path) ?? 0)) {
      if (target.startsWith('/') && targetDepth < (reached.get(target) ?? Infinity)) {
        reached.set(target, targetDepth);
        queue.push(target);
      }
    }
  }
  const linked = new Map<string, number>([['/', 0]]);
  for (const [path, depth] of reached) {
    for (const link of linksOf(plan, path)) {
      linked.set(link, Math.min(linked.get(link) ?? Infinity, depth + 1));
    }
  }
  return linked;
}

/** The links a crawler can read on a path: those of a page it can fetch. */
function linksOf(plan: SitePlan, path: string): readonly string[] {
  const planned = plan.paths.get(path);
  return planned?.behaviour === 'ok' ? planned.links : [];
}

/** What a crawler discovers from a path at a depth: a redirect's target, an ok page's links. */
function nextHops(plan: SitePlan, path: string, depth: number): [string, number][] {
  const planned = plan.paths.get(path);
  if (planned?.route?.kind === 'redirect') {
    return [[planned.route.location, depth]];
  }
  return planned?.behaviour === 'ok' ? planned.links.map((link) => [link, depth + 1]) : [];
}

function duplicateGroups(entries: readonly CrawlSiteEntry[]): string[][] {
  const byHash = new Map<string, string[]>();
  for (const entry of entries) {
    if (entry.sha256 !== undefined && entry.behaviour === 'ok') {
      byHash.set(entry.sha256, [...(byHash.get(entry.sha256) ?? []), entry.url]);
    }
  }
  return [...byHash.values()].filter((group) => group.length > 1).map((group) => group.sort());
}

function sha256(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}
