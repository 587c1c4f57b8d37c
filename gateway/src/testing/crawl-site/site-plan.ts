/*
 * The whole test site as data, the same for the same options: every path with its response,
 * its behaviour for a crawler and its links; and robots.txt.
 */
import { newSeededRandom } from './seeded-random.js';
import {
  addClips,
  addImages,
  addSpeechClips,
  anchor,
  pageDrafts,
  renderPage,
  type PageDraft,
  type SpeechClip,
} from './site-pages.js';
import type { PlannedPath } from './site-routes.js';
import { specialPaths } from './site-specials.js';

/** What the site is made of. */
export interface SitePlanOptions {
  /** Numbered HTML pages. */
  readonly pages: number;
  readonly seed: number;
  /** Size of `/big/*.bin`. */
  readonly largeBytes: number;
  /** A `Crawl-delay` for every user-agent in robots.txt, when set. */
  readonly crawlDelaySeconds?: number;
  /** Recordings with transcripts to serve besides the generated clips. */
  readonly speech?: readonly SpeechClip[];
}

/** The planned site. */
export interface SitePlan {
  readonly paths: ReadonlyMap<string, PlannedPath>;
  readonly robotsTxt: string;
}

/** The product token robots.txt shuts out entirely. */
export const BLOCKED_AGENT = 'blocked-bot';

/** Plan the site. */
export function planSite(options: SitePlanOptions): SitePlan {
  const random = newSeededRandom(options.seed);
  const drafts = pageDrafts(options.pages, random);
  const media = Math.max(3, Math.floor(options.pages / 10));
  const assets = [
    ...addClips(drafts, media, random),
    ...addImages(drafts, media),
    ...addSpeechClips(drafts, options.speech ?? []),
  ];
  const specials = specialPaths(options);
  const duplicates = ['/media/copies/clip-0.wav'];
  for (let k = 0; k < Math.min(5, options.pages); k++) {
    duplicates.push(`/mirror/${String(k)}.html`);
  }
  [...specials.linked, ...duplicates].forEach((path, j) => {
    const page = drafts[1 + ((11 + 3 * j) % options.pages)] as PageDraft;
    page.items.push(anchor(path, path));
  });
  const rendered = drafts.map(renderPage);
  const paths = new Map<string, PlannedPath>();
  for (const planned of [...rendered, ...assets, ...specials.planned]) {
    paths.set(planned.path, planned);
  }
  const copy = (path: string, of: string): void => {
    const original = paths.get(of);
    if (original !== undefined) {
      paths.set(path, { ...original, path, transcript: undefined });
    }
  };
  copy('/media/copies/clip-0.wav', '/media/clip-0.wav');
  copy('/img/same-0.png', '/img/0.png');
  for (let k = 0; k < Math.min(5, options.pages); k++) {
    copy(`/mirror/${String(k)}.html`, `/pages/${String(k)}.html`);
  }
  return { paths, robotsTxt: robotsTxt(options.crawlDelaySeconds) };
}

function robotsTxt(crawlDelaySeconds: number | undefined): string {
  return [
    '# Deuro crawl test site',
    'User-agent: *',
    'Disallow: /private/',
    'Allow: /private/open.html',
    'Disallow: /*.bak$',
    ...(crawlDelaySeconds === undefined ? [] : [`Crawl-delay: ${String(crawlDelaySeconds)}`]),
    '',
    `User-agent: ${BLOCKED_AGENT}`,
    'Disallow: /',
    '',
  ].join('\n');
}
